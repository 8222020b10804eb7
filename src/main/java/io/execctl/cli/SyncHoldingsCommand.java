package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.HoldingsSync;
import io.execctl.store.Db;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl sync holdings}: every page of {@code inquire-balance}; a complete result replaces
 * {@code trade.holdings} and is judged against the open positions, an incomplete one changes nothing
 * (exit 4).
 */
@Command(
        name = "holdings",
        mixinStandardHelpOptions = true,
        description = {
            "Replace trade.holdings with the broker's complete balance (all pages of inquire-balance) and compare it "
                    + "with the open positions. An incomplete balance changes and judges nothing.",
            "Exit: 0 synced, no mismatch; 3 synced, mismatches found; 4 balance incomplete (nothing changed); 1 failure."
        })
final class SyncHoldingsCommand implements Callable<Integer> {
    @ParentCommand
    SyncCommand sync;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--quiet-period",
            paramLabel = "SECONDS",
            defaultValue = "" + HoldingsWiring.DEFAULT_QUIET_SECONDS,
            description =
                    "no verdict on a symbol whose orders, fills or positions moved within this many seconds (default ${DEFAULT-VALUE})")
    long quietSeconds;

    @Override
    public Integer call() {
        if (quietSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--quiet-period must be >= 0");
        }
        Config config = sync.root.config(Need.DB, Need.KIS);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database db = Database.open(config)) {
            HoldingsSync.Result r =
                    HoldingsWiring.sync(config, Db.create(db.dataSource()), HoldingsWiring.quietPeriod(quietSeconds));
            return report(r, out, err);
        }
    }

    /** Prints the outcome in one line and returns the exit code. */
    static int report(HoldingsSync.Result r, PrintWriter out, PrintWriter err) {
        if (r instanceof HoldingsSync.Result.Incomplete i) {
            err.println("execctl: holdings sync incomplete, nothing changed or judged: " + i.reason());
            err.flush();
            return ExitCodes.INCOMPLETE;
        }
        if (r instanceof HoldingsSync.Result.Superseded sup) {
            out.println("holdings unchanged: a balance read later (at " + sup.newer() + ") is already stored");
            out.flush();
            return ExitCodes.OK;
        }
        HoldingsSync.Result.Synced s = (HoldingsSync.Result.Synced) r;
        var diff = s.judgement().diff();
        out.println("holdings synced at " + s.at() + ": " + s.holdings() + " lines, " + s.deleted() + " removed; "
                + diff.mismatches().size() + " mismatches, "
                + diff.pendingMismatches().size()
                + " pending (fills in flight)");
        out.flush();
        return diff.mismatches().isEmpty() ? ExitCodes.OK : ExitCodes.MISMATCHES;
    }
}
