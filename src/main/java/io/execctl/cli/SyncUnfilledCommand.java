package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.sync.UnfilledSync;
import io.execctl.store.Db;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl sync unfilled}: one {@code sync-unfilled} pass (today's open orders). */
@Command(
        name = "unfilled",
        mixinStandardHelpOptions = true,
        description = {
            "Read today's open orders at the broker (inquire-psbl-rvsecncl; on paper daily-ccld unfilled rows) and"
                    + " resolve every local open order missing from the complete list by today's daily-ccld: filled,"
                    + " cancelled, lapsed, or left as it is to recheck. An incomplete list changes nothing.",
            "Exit: 0 synced; 4 list incomplete (nothing changed) or orders left unresolved; 1 failure."
        })
final class SyncUnfilledCommand implements Callable<Integer> {
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
                    UnfilledSync::new,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
