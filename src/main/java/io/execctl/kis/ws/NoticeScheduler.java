package io.execctl.kis.ws;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the stream schedules reconnects and its liveness check. Injected so tests record the
 * requested delays and run tasks at once instead of waiting.
 */
public interface NoticeScheduler {

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after one period. */
    Cancellable every(Duration period, Runnable task);

    /** Releases the scheduler's threads, if it owns any. */
    default void shutdown() {}

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** A scheduler on one daemon thread. */
    static NoticeScheduler singleThread(String threadName) {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return new NoticeScheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = exec.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public Cancellable every(Duration period, Runnable task) {
                long ms = Math.max(1, period.toMillis());
                ScheduledFuture<?> f = exec.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void shutdown() {
                exec.shutdownNow();
            }
        };
    }
}
