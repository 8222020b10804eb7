package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.engine.CompositeAlerter;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.daemon.Bootstrap;
import io.execctl.engine.daemon.BootstrapPlan;
import io.execctl.engine.daemon.BootstrapResult;
import io.execctl.engine.daemon.EngineParts;
import io.execctl.engine.daemon.EntryGate;
import io.execctl.engine.daemon.InMemoryDaemonMetrics;
import io.execctl.metrics.ExecctlMetrics;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl bootstrap}: the startup recovery once, with progress, and which steps ran. */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the picture from KIS after a restart: holdings, open orders, today's fills, recomputed order "
                    + "states, reconciliation of earlier dates, today's UNKNOWN submissions. Prints which steps ran.",
            "Exit: 0 done; 4 incomplete (a step saw only part of the broker's picture); 1 failure."
        })
final class BootstrapCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = root.config(Need.DB, Need.KIS);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(config)) {
            Jdbi jdbi = Db.create(db.dataSource());
            ExecctlMetrics metrics = ExecctlMetrics.create(clock);
            EngineMetrics engineMetrics = new EngineMetrics(metrics, clock);
            try (KisRuntime kis = KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, metrics.kis());
                    EngineWiring.Wired wired = EngineWiring.wire(
                            new EngineWiring.Context(
                                    config,
                                    db,
                                    jdbi,
                                    kis,
                                    engineMetrics,
                                    new CompositeAlerter(List.of(new LoggingAlerter()))),
                            new EntryGate(),
                            Incarnation.start(),
                            clock,
                            false)) {
                EngineParts parts = wired.parts();
                Bootstrap bootstrap = new Bootstrap(
                        BootstrapPlan.standard(parts),
                        Bootstrap.unknownSubmissions(jdbi),
                        new InMemoryDaemonMetrics(),
                        clock);
                BootstrapResult r = bootstrap.run(BootstrapDisplay.progress(
                        System.console() != null, spec.commandLine().getErr()));
                BootstrapDisplay.table(r, spec.commandLine().getOut());
                return switch (r.outcome()) {
                    case DONE -> ExitCodes.OK;
                    case INCOMPLETE -> ExitCodes.INCOMPLETE;
                    case FAILED -> ExitCodes.FAILURE;
                };
            }
        }
    }
}
