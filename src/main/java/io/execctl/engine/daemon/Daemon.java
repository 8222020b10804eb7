package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.store.SessionLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running engine: wait for the account's session lock (hot standby while another daemon
 * holds it), start the services (notice stream, intent pump: exits are sent at once, entries after the
 * bootstrap's fills step), bootstrap until the picture is complete, then run the loops until the
 * lock is lost or a stop is requested. A lost lock (database connection gone) stops every loop and
 * service at once and sends the daemon back to acquiring: no loop resumes until it holds the lock
 * again, and if another daemon won it meanwhile this one is the standby. The lock is an
 * optimisation; the submission journal's fencing write stays the safety ({@link SessionLock}).
 *
 * <p>{@link #run()} blocks the calling thread; {@link #requestStop()} (a shutdown hook) makes it
 * stop claiming, let the sends under way finish within {@code stopTimeout}, close the WebSocket,
 * release the lock and return.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long one standby acquire attempt waits before asking again (stop checks in between). */
    static final Duration STANDBY_WAIT = Duration.ofSeconds(30);

    private final EngineParts parts;
    private final LockSource locks;
    private final Bootstrap bootstrap;
    private final BootstrapProgress progress;
    private final List<DaemonLoop> loops;
    private final EntryGate gate;
    private final DaemonStatus status;
    private final DaemonMetrics metrics;
    private final DaemonListener listener;
    private final Supplier<ScheduledExecutorService> executors;
    private final Clock clock;
    private final Duration stopTimeout;
    private final Duration retryAfter;

    private final Object wake = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String lostReason;
    private volatile boolean acquiring;
    private volatile Thread runner;
    private volatile LoopScheduler scheduler;

    /**
     * @param stopTimeout bound on the sends under way at a stop (the order-call timeout)
     * @param retryAfter  pause before another bootstrap after an incomplete or failed one, and
     *                    before another acquire after the database could not be reached
     */
    public Daemon(
            EngineParts parts,
            LockSource locks,
            Bootstrap bootstrap,
            BootstrapProgress progress,
            List<DaemonLoop> loops,
            EntryGate gate,
            DaemonStatus status,
            DaemonMetrics metrics,
            DaemonListener listener,
            Supplier<ScheduledExecutorService> executors,
            Clock clock,
            Duration stopTimeout,
            Duration retryAfter) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.loops = List.copyOf(loops);
        this.gate = Objects.requireNonNull(gate, "gate");
        this.status = Objects.requireNonNull(status, "status");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Runs until {@link #requestStop()}; never returns while this daemon is meant to run. */
    public void run() {
        runner = Thread.currentThread();
        metrics.active(false);
        try {
            while (!stopping) {
                Optional<SessionLock> lock = acquire();
                if (lock.isEmpty()) {
                    break;
                }
                activeUntilLostOrStopped(lock.get());
            }
        } finally {
            status.active(false);
            metrics.active(false);
            Thread.interrupted(); // a stop's interrupt meant for the acquire wait only
            listener.stopped();
            finished.countDown();
        }
    }

    /** From any thread (a shutdown hook): stop claiming and make {@link #run()} return. */
    public void requestStop() {
        stopping = true;
        gate.stopClaiming();
        Thread t = runner;
        if (acquiring && t != null) {
            t.interrupt(); // only the standby's lock wait is interrupted, never a pass
        }
        wake();
    }

    /** Waits for {@link #run()} to return; true if it did within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isStopped() {
        return finished.getCount() == 0;
    }

    private Optional<SessionLock> acquire() {
        boolean announced = false;
        while (!stopping) {
            try {
                acquiring = true;
                // the first try does not wait, so that a standby says so at once
                Optional<SessionLock> lock = locks.acquire(announced ? STANDBY_WAIT : Duration.ZERO, this::lost);
                status.dbReachable(true);
                if (lock.isPresent()) {
                    return lock;
                }
                if (!announced && !stopping) {
                    log.info("standby: another daemon holds the account's session lock");
                    listener.standby();
                    announced = true;
                }
            } catch (RuntimeException e) {
                status.dbReachable(false);
                if (!stopping) {
                    log.warn("cannot take the session lock ({}); trying again", e.getMessage());
                    pause(retryAfter);
                }
            } finally {
                acquiring = false;
            }
        }
        return Optional.empty();
    }

    private void lost(String reason) {
        lostReason = reason;
        gate.stopClaiming();
        status.active(false);
        status.dbReachable(false);
        metrics.active(false);
        wake();
    }

    private void activeUntilLostOrStopped(SessionLock lock) {
        lostReason = null;
        status.active(true);
        metrics.active(true);
        log.info("active: session lock held (backend {})", lock.backendPid());
        listener.acquired(lock.backendPid());
        LoopScheduler loopScheduler = null;
        List<DaemonService> started = new ArrayList<>();
        // sending starts with the lock, not after the bootstrap: exits at once, entries once the
        // bootstrap's fills step has run (a takeover is a gap, EntriesAfterFills); the loops wait for
        // the whole picture
        EntryGate.Hold entries = gate.holdEntries();
        try {
            gate.resumeClaiming();
            startServices(started);
            if (!bootstrapUntilDone(lock, entries)) {
                return;
            }
            entries.close();
            if (!lock.isHeld()) {
                gate.stopClaiming(); // lost between the bootstrap and here
                return;
            }
            loopScheduler = new LoopScheduler(loops, () -> lock.isHeld() && !stopping, metrics, executors.get());
            scheduler = loopScheduler;
            loopScheduler.start();
            listener.running();
            synchronized (wake) {
                while (!stopping && lostReason == null && lock.isHeld()) {
                    waitOnWake(Duration.ofSeconds(1));
                }
            }
        } finally {
            entries.close(); // never left held for the next active period
            deactivate(lock, loopScheduler, started);
        }
    }

    /** The notice stream (first: it closes last), the intent pump and the other services. */
    private void startServices(List<DaemonService> started) {
        for (DaemonService s : services()) {
            try {
                s.start();
                started.add(s);
            } catch (Exception e) {
                metrics.loopError(s.name());
                log.error("service {} did not start", s.name(), e);
            }
        }
    }

    private void deactivate(SessionLock lock, LoopScheduler loopScheduler, List<DaemonService> started) {
        gate.stopClaiming();
        Instant deadline = clock.instant().plus(stopTimeout);
        scheduler = null;
        if (loopScheduler != null) {
            loopScheduler.stop(stopTimeout); // in-flight sends finish, bounded by the order-call timeout
        }
        for (int i = started.size() - 1; i >= 0; i--) { // the notice stream (started first) closes last
            DaemonService s = started.get(i);
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                s.stop(left.isNegative() ? Duration.ZERO : left);
            } catch (RuntimeException e) {
                log.warn("service {} did not stop cleanly: {}", s.name(), e.toString());
            }
        }
        String reason = lostReason;
        lock.close();
        status.active(false);
        status.bootstrapDone(false);
        metrics.active(false);
        if (reason != null && !stopping) {
            log.warn("session lock lost ({}): every loop stopped; waiting for the lock again", reason);
            listener.lost(reason);
        }
    }

    private List<DaemonService> services() {
        List<DaemonService> all = new ArrayList<>();
        parts.noticeStream()
                .ifPresent(f -> all.add(new NoticeStreamService(f, parts.noticeHandler(), status, this::gapFill)));
        all.addAll(parts.services());
        return all;
    }

    private boolean bootstrapUntilDone(SessionLock lock, EntryGate.Hold entries) {
        while (!stopping && lock.isHeld()) {
            BootstrapResult r =
                    bootstrap.run(new EntriesAfterFills(progress, entries), () -> stopping || !lock.isHeld());
            listener.bootstrapped(r);
            if (r.outcome() == BootstrapResult.Outcome.DONE) {
                status.bootstrapDone(true);
                return true;
            }
            log.warn(
                    "bootstrap {}: the loops do not start on a partial picture; again in {} s",
                    r.outcome(),
                    retryAfter.toSeconds());
            pause(retryAfter);
        }
        return false;
    }

    /**
     * After a WebSocket reconnect: open orders and fills synced once, new ENTRY intents waiting
     * meanwhile (exits go through). The hold starts now, on the stream's thread, so no entry slips
     * through before the sync task starts.
     */
    private void gapFill() {
        LoopScheduler s = scheduler;
        if (s == null) {
            return;
        }
        EntryGate.Hold hold = gate.holdEntries();
        log.info("notice stream re-subscribed: gap-fill (open orders, fills) once; entries wait");
        Runnable task = () -> {
            try (hold) {
                runOnce(PassName.SYNC_UNFILLED);
                runOnce(PassName.SYNC_FILLS);
            }
        };
        s.submit(task);
        if (scheduler == null) {
            hold.close(); // stopping: the task may never run
        }
    }

    private void runOnce(PassName name) {
        Optional<EnginePass> pass = parts.pass(name);
        if (pass.isEmpty()) {
            log.debug("gap-fill: {} not built", name.key());
            return;
        }
        try {
            log.info("gap-fill {}: {}", name.key(), pass.get().run().summary());
        } catch (Exception e) {
            metrics.loopError(name.key());
            log.error("gap-fill {} failed", name.key(), e);
        }
    }

    private void pause(Duration d) {
        synchronized (wake) {
            if (!stopping) {
                waitOnWake(d);
            }
        }
    }

    private void waitOnWake(Duration d) {
        try {
            wake.wait(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
