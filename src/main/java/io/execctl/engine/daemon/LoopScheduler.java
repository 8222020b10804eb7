package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link DaemonLoop} on a {@link ScheduledExecutorService}: a run, then its cadence's
 * next delay, then the next run (never two runs of one loop at once). A run that throws is logged
 * and counted and the loop keeps its schedule. A run is skipped (the schedule kept) while
 * {@code mayRun} is false — the session lock is not held.
 */
final class LoopScheduler {
    private static final Logger log = LoggerFactory.getLogger(LoopScheduler.class);

    private final List<DaemonLoop> loops;
    private final BooleanSupplier mayRun;
    private final DaemonMetrics metrics;
    private final ScheduledExecutorService executor;
    private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();
    private volatile boolean running;

    LoopScheduler(List<DaemonLoop> loops, BooleanSupplier mayRun, DaemonMetrics metrics, ScheduledExecutorService ex) {
        this.loops = List.copyOf(loops);
        this.mayRun = Objects.requireNonNull(mayRun, "mayRun");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.executor = Objects.requireNonNull(ex, "executor");
    }

    void start() {
        running = true;
        for (DaemonLoop loop : loops) {
            failuresInARow.put(loop.name(), new AtomicInteger());
            schedule(loop, loop.firstRun());
            log.info("loop {} scheduled", loop.name());
        }
    }

    /** Runs {@code task} once on the loops' executor (e.g. the gap-fill after a reconnect). */
    void submit(Runnable task) {
        if (running) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("not run: the loops are stopping");
            }
        }
    }

    private void schedule(DaemonLoop loop, Duration delay) {
        if (!running) {
            return;
        }
        try {
            executor.schedule(() -> runOnce(loop), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("loop {} not rescheduled: stopping", loop.name());
        }
    }

    private void runOnce(DaemonLoop loop) {
        try {
            if (running && mayRun.getAsBoolean()) {
                PassReport r = loop.pass().run();
                metrics.loopRan(loop.name(), r);
                failuresInARow.get(loop.name()).set(0);
                if (r.changed() > 0 || r.unresolved() > 0 || !r.complete()) {
                    log.info("loop {}: {}", loop.name(), r.summary());
                }
            }
        } catch (Throwable t) {
            metrics.loopError(loop.name());
            int n = failuresInARow.get(loop.name()).incrementAndGet();
            if (n == 1) {
                log.error("loop {} failed; it keeps its schedule", loop.name(), t);
            } else {
                log.warn("loop {} failed again ({} in a row): {}", loop.name(), n, t.toString());
            }
        } finally {
            Duration next;
            try {
                next = loop.cadence().next();
            } catch (RuntimeException e) {
                log.warn("loop {}: cadence failed ({}), next run in 5 s", loop.name(), e.toString());
                next = Duration.ofSeconds(5);
            }
            schedule(loop, next);
        }
    }

    /**
     * No new run starts; runs under way finish within {@code timeout} (each pass's own calls are
     * bounded by the configured timeouts); then the executor is interrupted. True if all finished.
     */
    boolean stop(Duration timeout) {
        running = false;
        if (executor instanceof ScheduledThreadPoolExecutor stpe) {
            // the next runs already scheduled are dropped, not waited for
            stpe.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            stpe.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            log.warn("loops still running after {} ms: interrupting them", timeout.toMillis());
            executor.shutdownNow();
            return false;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
