package io.execctl.kis.ws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Records every requested reconnect delay and runs the task at once on its own thread (so tests
 * need not wait); periodic tasks run only when the test fires them.
 */
final class RecordingScheduler implements NoticeScheduler {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<Runnable> periodic = new CopyOnWriteArrayList<>();
    final List<Duration> periods = new CopyOnWriteArrayList<>();
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-scheduler");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean hold;
    private final List<Runnable> held = new CopyOnWriteArrayList<>();

    /** Stop running scheduled tasks (they are only recorded) from now on. */
    void hold() {
        hold = true;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        delays.add(delay);
        if (hold) {
            held.add(task);
        } else {
            exec.execute(task);
        }
        return () -> {};
    }

    @Override
    public Cancellable every(Duration period, Runnable task) {
        periods.add(period);
        periodic.add(task);
        return () -> periodic.remove(task);
    }

    /** Runs the held tasks now (and stops holding). */
    void release() {
        hold = false;
        for (Runnable r : held) {
            held.remove(r);
            exec.execute(r);
        }
    }

    void firePeriodic() {
        for (Runnable r : periodic) {
            r.run();
        }
    }

    @Override
    public void shutdown() {
        exec.shutdownNow();
    }
}
