package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.domain.KoreaTime;
import io.execctl.report.OrdersReport;
import io.execctl.report.ReportFormat;
import io.execctl.store.Db;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl fills}: fill rows from the database, voided ones included (the fill model's audit trail). */
@Command(
        name = "fills",
        mixinStandardHelpOptions = true,
        description = {
            "List trade.fills: of one order with --order, else of the configured account's orders of today (Korean"
                    + " date) or --date. Voided rows are listed with state VOID and their reason.",
            "Exit: 0 listed; 2 bad option; 1 failure."
        })
final class FillsCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--order",
            paramLabel = "ORDER_ID",
            description = "one order (order_id, e.g. 20261124-0000006635-3f9a0c1e5b)")
    String orderId;

    @Option(
            names = "--date",
            paramLabel = "YYYYMMDD",
            description = "the Korean trading date of the orders (default today)")
    String date;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            completionCandidates = DiffPositionsCommand.Formats.class,
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        ReportFormat f = ListingOptions.format(spec, format);
        LocalDate d = ListingOptions.date(spec, date);
        Config config = root.config(Need.DB, Need.KIS);
        try (Database db = Database.open(config)) {
            OrdersReport.fills(
                            Db.create(db.dataSource()),
                            HoldingsWiring.accountId(config),
                            orderId == null || orderId.isBlank() ? null : orderId.trim(),
                            d != null ? d : KoreaTime.tradingDate(Instant.now()))
                    .write(f, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}
