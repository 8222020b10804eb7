package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.sync.FillsSync;
import io.execctl.store.Db;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl sync fills}: one {@code sync-fills} pass (today's inquire-daily-ccld, every page). */
@Command(
        name = "fills",
        mixinStandardHelpOptions = true,
        description = {
            "Compare today's inquire-daily-ccld (every page) with the recorded fills, order by order, and apply the"
                    + " fill model: a deficit older than the history-lag window becomes an INFERRED fill; a surplus is"
                    + " voided only on broker-final totals. An incomplete inquiry changes nothing.",
            "Exit: 0 synced; 4 inquiry incomplete (nothing changed) or orders left unresolved; 1 failure."
        })
final class SyncFillsCommand implements Callable<Integer> {
    @ParentCommand
    SyncCommand sync;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--history-lag",
            paramLabel = "SECONDS",
            defaultValue = "" + SyncWiring.DEFAULT_LAG_SECONDS,
            description = "a deficit must persist this long before it is inferred (default ${DEFAULT-VALUE})")
    long lagSeconds;

    @Override
    public Integer call() throws Exception {
        if (lagSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--history-lag must be >= 0");
        }
        Config config = sync.root.config(Need.DB, Need.KIS);
        try (Database db = Database.open(config)) {
            return SyncWiring.run(
                    config,
                    Db.create(db.dataSource()),
                    SyncWiring.lag(lagSeconds),
                    FillsSync::new,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
