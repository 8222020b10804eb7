package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link DaemonLoop} on a {@link ScheduledExecutorService}: a run, then its cadence's
 * next delay, then the next run (never two runs of one loop at once). A run that throws is logged
 * and counted and the loop keeps its schedule. A run is skipped (the schedule kept) while
 * {@code mayRun} is false — the session lock is not held. A loop's {@link Nudge} may move its next run
 * earlier (the fill watch asks the holdings loop to run soon after fills): the pending run is then
 * replaced, never doubled, and a nudge during a run makes the next one follow within the delay asked.
 */
final class LoopScheduler {
    private static final Logger log = LoggerFactory.getLogger(LoopScheduler.class);

    private final List<DaemonLoop> loops;
    private final BooleanSupplier mayRun;
    private final DaemonMetrics metrics;
    private final ScheduledExecutorService executor;
    private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
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
            Slot slot = new Slot(loop);
            slots.add(slot);
            synchronized (slot) {
                schedule(slot, loop.firstRun());
            }
            loop.nudge().attach(slot.nudged);
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

    /** One loop's schedule: at most one pending run, never two runs at once. */
    private final class Slot {
        final DaemonLoop loop;
        final Consumer<Duration> nudged = this::nudged;
        /** Bumped at every (re)schedule: a run that was replaced by an earlier one finds itself stale. */
        private long generation;

        private ScheduledFuture<?> next;
        private boolean inRun;
        /** Asked for while a run was under way: the next run follows within this delay. */
        private Duration soonAfterRun;

        Slot(DaemonLoop loop) {
            this.loop = loop;
        }

        private synchronized void nudged(Duration delay) {
            if (!running) {
                return;
            }
            if (inRun) {
                soonAfterRun = soonAfterRun == null || delay.compareTo(soonAfterRun) < 0 ? delay : soonAfterRun;
                return;
            }
            if (next != null && next.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return; // due sooner anyway
            }
            if (next != null) {
                next.cancel(false);
            }
            log.debug("loop {} nudged: next run within {} ms", loop.name(), delay.toMillis());
            schedule(this, delay);
        }
    }

    /** Called holding {@code slot}'s monitor. */
    private void schedule(Slot slot, Duration delay) {
        if (!running) {
            return;
        }
        long generation = ++slot.generation;
        try {
            slot.next = executor.schedule(() -> runOnce(slot, generation), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("loop {} not rescheduled: stopping", slot.loop.name());
        }
    }

    private void runOnce(Slot slot, long generation) {
        synchronized (slot) {
            if (generation != slot.generation || slot.inRun) {
                return; // replaced by a nudged run
            }
            slot.inRun = true;
            slot.next = null;
        }
        DaemonLoop loop = slot.loop;
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
            synchronized (slot) {
                slot.inRun = false;
                if (slot.soonAfterRun != null && slot.soonAfterRun.compareTo(next) < 0) {
                    next = slot.soonAfterRun;
                }
                slot.soonAfterRun = null;
                schedule(slot, next);
            }
        }
    }

    /**
     * No new run starts; runs under way finish within {@code timeout} (each pass's own calls are
     * bounded by the configured timeouts); then the executor is interrupted. True if all finished.
     */
    boolean stop(Duration timeout) {
        running = false;
        for (Slot slot : slots) {
            slot.loop.nudge().detach(slot.nudged);
        }
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
