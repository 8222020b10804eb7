package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.engine.daemon.BootstrapProgress;
import io.execctl.engine.daemon.BootstrapResult;
import io.execctl.engine.daemon.Daemon;
import io.execctl.engine.daemon.DaemonListener;
import io.execctl.engine.daemon.DaemonLoop;
import io.execctl.engine.daemon.DaemonStatus;
import java.time.Duration;
import java.util.function.LongPredicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon as {@code execctl demo} runs it: in-process, on its own thread, with exactly the wiring
 * of {@code execctl daemon} ({@link EngineProcess}); its transitions feed the live view.
 */
final class DemoDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDaemon.class);

    private final EngineProcess engine;
    private final Duration callTimeout;
    private final State state;

    private DemoDaemon(EngineProcess engine, Duration callTimeout, State state) {
        this.engine = engine;
        this.callTimeout = callTimeout;
        this.state = state;
    }

    static DemoDaemon start(Config config, Database db, Jdbi jdbi) {
        State state = new State();
        EngineProcess engine = EngineProcess.open(config, db, jdbi, BootstrapProgress.NONE, state);
        Thread t = new Thread(engine.daemon()::run, "demo-daemon");
        t.setDaemon(true);
        t.start();
        return new DemoDaemon(engine, KisWiring.settings(config).timeouts().call(), state);
    }

    /**
     * Waits until the daemon holds its lock and finished its bootstrap, up to {@code timeout};
     * {@code pause} waits the given milliseconds and answers true when the wait was interrupted (Ctrl-C).
     */
    void awaitRunning(Duration timeout, LongPredicate pause) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.running && System.nanoTime() - deadline < 0) {
            if (pause.test(100)) {
                return;
            }
        }
        if (!state.running) {
            LOG.warn("demo: the daemon is not running after {} s (last: {})", timeout.toSeconds(), state.last);
        }
    }

    /** Orderly stop: no new claims, sends under way finish (order-call timeout + 5 s at most). */
    void stop() {
        Daemon daemon = engine.daemon();
        daemon.requestStop();
        try {
            if (!daemon.awaitStopped(callTimeout.plusSeconds(5))) {
                LOG.warn("demo: the daemon did not stop within the order-call timeout + 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line for the live view: the daemon's state, the WebSocket, the loops. */
    String describe() {
        DaemonStatus.Snapshot s = engine.status().snapshot();
        return "daemon " + state.last + (s.wsSubscribed() ? ", WebSocket subscribed" : ", WebSocket down") + "; loops "
                + engine.loops().stream().map(DaemonLoop::name).toList() + " + intent pump";
    }

    @Override
    public void close() {
        try {
            if (!engine.daemon().isStopped()) {
                stop();
            }
        } finally {
            engine.close();
        }
    }

    /** The daemon's transitions, for the view and the start-up wait. */
    private static final class State implements DaemonListener {
        volatile boolean running;
        volatile String last = "starting";

        @Override
        public void acquired(int backendPid) {
            last = "active";
        }

        @Override
        public void bootstrapped(BootstrapResult r) {
            last = "bootstrap " + r.outcome();
        }

        @Override
        public void running() {
            running = true;
            last = "running";
        }

        @Override
        public void lost(String reason) {
            running = false;
            last = "lost its lock";
        }

        @Override
        public void stopped() {
            running = false;
            last = "stopped";
        }
    }
}
