package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.HoldingsSync;
import io.execctl.report.PositionsReport;
import io.execctl.report.PositionsReportWriter;
import io.execctl.report.ReportFormat;
import io.execctl.store.Db;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl diff-positions}: the stored holdings against the open positions, per symbol, as a
 * table, CSV or JSON. Reads the database only, unless {@code --sync} runs the holdings sync first.
 */
@Command(
        name = "diff-positions",
        mixinStandardHelpOptions = true,
        description = {
            "Compare trade.holdings (the broker's balance) with the open trade.positions, per symbol: position qty, "
                    + "holding qty, difference, average prices, kind (OK, MISSING, EXTRA, QTY) and state (OK, MISMATCH, "
                    + "PENDING = fills in flight, no verdict).",
            "Exit: 0 no mismatch; 3 mismatches; 4 holdings never synced, or --sync got an incomplete balance; 1 failure."
        })
final class DiffPositionsCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            completionCandidates = DiffPositionsCommand.Formats.class,
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--sync", description = "run the holdings sync (sync holdings) first")
    boolean sync;

    @Option(
            names = "--quiet-period",
            paramLabel = "SECONDS",
            defaultValue = "" + HoldingsWiring.DEFAULT_QUIET_SECONDS,
            description =
                    "a symbol whose orders, fills or positions moved within this many seconds before the holdings sync is PENDING (default ${DEFAULT-VALUE})")
    long quietSeconds;

    @Override
    public Integer call() {
        ReportFormat f;
        try {
            f = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--format must be table, csv or json, not '" + format + "'");
        }
        if (quietSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--quiet-period must be >= 0");
        }
        Duration quiet = HoldingsWiring.quietPeriod(quietSeconds);
        Config config = root.config(Need.DB, Need.KIS); // the account comes with the KIS credentials
        String accountId = HoldingsWiring.accountId(config);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database db = Database.open(config)) {
            Jdbi jdbi = Db.create(db.dataSource());
            if (sync) {
                HoldingsSync.Result r = HoldingsWiring.sync(config, jdbi, quiet);
                if (r instanceof HoldingsSync.Result.Incomplete i) {
                    err.println("execctl: holdings sync incomplete, nothing changed or judged: " + i.reason());
                    err.flush();
                    return ExitCodes.INCOMPLETE;
                }
            }
            PositionsReport report = PositionsReport.load(jdbi, accountId, Instant.now(), quiet);
            PositionsReportWriter.write(report, f, out);
            if (report.holdingsSyncedAt().isEmpty()) {
                err.println("execctl: holdings were never synced for this account: nothing to judge"
                        + " (run: execctl sync holdings, or diff-positions --sync)");
                err.flush();
                return ExitCodes.INCOMPLETE;
            }
            return report.hasMismatches() ? ExitCodes.MISMATCHES : ExitCodes.OK;
        }
    }

    /** The --format values, for help and shell completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "csv", "json").iterator();
        }
    }
}
