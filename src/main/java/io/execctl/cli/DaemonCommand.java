package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.config.Need;
import io.execctl.engine.daemon.BootstrapResult;
import io.execctl.engine.daemon.Daemon;
import io.execctl.engine.daemon.DaemonListener;
import io.execctl.engine.daemon.DaemonLoop;
import io.execctl.store.Db;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl daemon}: one active daemon per account (the others wait as hot standbys), sending
 * from the moment it holds the lock, bootstrap, then every loop at its cadence until SIGTERM/SIGINT. A JVM shutdown hook drives the orderly stop
 * (stop claiming, sends under way finish within the order-call timeout, WebSocket closed, lock
 * released) and then ends the process with exit code 0 — the JVM alone would report 143.
 */
@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        description = {
            "Run the execution engine: wait for the account's session lock (hot standby while another daemon holds it),"
                    + " submit intents from then on (new entries after the bootstrap's fills step), bootstrap,"
                    + " then sync orders, fills and holdings at their cadences.",
            "Prints its transitions on stdout (standby, active, bootstrap, running, lost, stopped).",
            "SIGTERM/SIGINT: stops claiming, lets sends under way finish (KIS_CALL_TIMEOUT_MS), exits 0 within that + 5 s."
        })
final class DaemonCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);
    static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = root.config(Need.DB, Need.KIS);
        KisSettings settings = KisWiring.settings(config);
        Duration stopTimeout = settings.timeouts().call();
        PrintWriter out = spec.commandLine().getOut();
        AtomicReference<Daemon> running = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> onSignal(running.get(), closed, stopTimeout, out), "execctl-shutdown"));
        try (Database db = Database.open(config)) {
            Jdbi jdbi = Db.create(db.dataSource());
            try (EngineProcess engine = EngineProcess.open(
                    config,
                    db,
                    jdbi,
                    BootstrapDisplay.progress(false, spec.commandLine().getErr()),
                    new Lines(out))) {
                Daemon daemon = engine.daemon();
                running.set(daemon);
                LOG.info(
                        "daemon starting: loops {}, order-call timeout {} ms",
                        engine.loops().stream().map(DaemonLoop::name).toList(),
                        stopTimeout.toMillis());
                daemon.run();
            }
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    /**
     * The shutdown hook: on SIGTERM/SIGINT (the daemon still running) drive the orderly stop, wait
     * for the command to close the client and the database, and end with 0 (1 if it took longer
     * than the order-call timeout + 5 s). A normal exit (the daemon already stopped) is left alone.
     */
    private static void onSignal(Daemon daemon, CountDownLatch closed, Duration stopTimeout, PrintWriter out) {
        if (daemon == null || daemon.isStopped()) {
            return;
        }
        LOG.info("stop requested: no new claims; sends under way finish (at most {} ms)", stopTimeout.toMillis());
        daemon.requestStop();
        boolean clean;
        try {
            clean = closed.await(stopTimeout.plus(EXIT_GRACE).minusMillis(500).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            clean = false;
        }
        if (!clean) {
            LOG.error("the daemon did not stop within the order-call timeout + 5 s");
        }
        out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(clean ? ExitCodes.OK : ExitCodes.FAILURE);
    }

    /** The daemon's transitions, one line each on stdout. */
    private record Lines(PrintWriter out) implements DaemonListener {
        private void line(String s) {
            out.println(s);
            out.flush();
        }

        @Override
        public void standby() {
            line("standby");
        }

        @Override
        public void acquired(int backendPid) {
            line("active backend=" + backendPid);
        }

        @Override
        public void bootstrapped(BootstrapResult r) {
            line("bootstrap " + r.outcome() + " ms=" + r.took().toMillis() + " ran=" + String.join(",", r.ran())
                    + " unknown=" + r.unknownIntents().size());
        }

        @Override
        public void running() {
            line("running");
        }

        @Override
        public void lost(String reason) {
            line("lost");
        }

        @Override
        public void stopped() {
            line("stopped");
        }
    }
}
