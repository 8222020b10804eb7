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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl orders}: the account's orders from the database (no broker call). */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = {
            "List trade.orders of the configured account: today's (Korean date) by default, one date with --date,"
                    + " the non-terminal ones of every date with --open.",
            "Exit: 0 listed; 2 bad option; 1 failure."
        })
final class OrdersCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--open", description = "only orders that are not terminal (every date unless --date)")
    boolean open;

    @Option(names = "--date", paramLabel = "YYYYMMDD", description = "one Korean trading date (YYYYMMDD or YYYY-MM-DD)")
    String date;

    @Option(names = "--symbol", paramLabel = "CODE", description = "one symbol, e.g. 005930")
    String symbol;

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
        Config config = root.config(Need.DB, Need.KIS); // the account comes with the KIS credentials
        try (Database db = Database.open(config)) {
            OrdersReport.orders(
                            Db.create(db.dataSource()),
                            HoldingsWiring.accountId(config),
                            d,
                            symbol == null || symbol.isBlank() ? null : symbol.trim(),
                            open,
                            KoreaTime.tradingDate(Instant.now()))
                    .write(f, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}

/** Parsing shared by the listing commands. */
final class ListingOptions {
    private ListingOptions() {}

    static ReportFormat format(CommandSpec spec, String format) {
        try {
            return ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--format must be table, csv or json, not '" + format + "'");
        }
    }

    static LocalDate date(CommandSpec spec, String date) {
        if (date == null) {
            return null;
        }
        try {
            String t = date.trim();
            return t.contains("-") ? LocalDate.parse(t) : KoreaTime.parseDate(t);
        } catch (RuntimeException e) {
            throw new ParameterException(
                    spec.commandLine(), "--date must be YYYYMMDD or YYYY-MM-DD, not '" + date + "'");
        }
    }
}
