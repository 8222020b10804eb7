package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.sync.Reconciler;
import io.execctl.store.Db;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl reconcile}: one {@code reconcile} pass over our non-terminal orders of any date. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Check every non-terminal order of any date with a targeted inquire-daily-ccld for its own trading date,"
                    + " symbol and side, and correct it from the broker's totals (orders of earlier days end as the"
                    + " broker reports them, e.g. lapsed at the close). Every correction is logged. UNKNOWN submissions"
                    + " are counted, not resolved.",
            "Exit: 0 nothing left; 4 an inquiry was incomplete, an order could not be settled, or UNKNOWN submissions"
                    + " remain; 1 failure."
        })
final class ReconcileCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--history-lag",
            paramLabel = "SECONDS",
            defaultValue = "" + SyncWiring.DEFAULT_LAG_SECONDS,
            description = "a deficit of today's orders must persist this long before it is inferred (default"
                    + " ${DEFAULT-VALUE})")
    long lagSeconds;

    @Override
    public Integer call() throws Exception {
        if (lagSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--history-lag must be >= 0");
        }
        Config config = root.config(Need.DB, Need.KIS);
        try (Database db = Database.open(config)) {
            return SyncWiring.run(
                    config,
                    Db.create(db.dataSource()),
                    SyncWiring.lag(lagSeconds),
                    Reconciler::new,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
