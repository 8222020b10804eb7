package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** {@link DaemonMetrics} kept in memory until an exporter publishes them. */
public final class InMemoryDaemonMetrics implements DaemonMetrics {
    private final AtomicReference<BootstrapStatus> status = new AtomicReference<>(BootstrapStatus.NOT_RUN);
    private final AtomicReference<Duration> duration = new AtomicReference<>(Duration.ZERO);
    private final Map<String, LongAdder> runs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean active;

    @Override
    public void bootstrapStatus(BootstrapStatus s) {
        status.set(s);
    }

    @Override
    public void bootstrapDuration(Duration took) {
        duration.set(took);
    }

    @Override
    public void loopRan(String loop, PassReport report) {
        runs.computeIfAbsent(loop, k -> new LongAdder()).increment();
    }

    @Override
    public void loopError(String loop) {
        errors.computeIfAbsent(loop, k -> new LongAdder()).increment();
    }

    @Override
    public void active(boolean a) {
        active = a;
    }

    public BootstrapStatus bootstrapStatus() {
        return status.get();
    }

    public Duration bootstrapDuration() {
        return duration.get();
    }

    public long runs(String loop) {
        LongAdder a = runs.get(loop);
        return a == null ? 0 : a.sum();
    }

    public long errors(String loop) {
        LongAdder a = errors.get(loop);
        return a == null ? 0 : a.sum();
    }

    public boolean active() {
        return active;
    }
}
