package io.execctl.engine.submit;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the intent pump, in memory, and the health events passed to a {@link Listener} (the daemon's metrics bridge): outcomes map to
 * {@code execution_intents_total{outcome}}; scans, notifications, LISTEN gaps and scan errors are the
 * pump's own health.
 */
public final class PumpCounters {
    private final Map<SubmitOutcome, LongAdder> outcomes = new EnumMap<>(SubmitOutcome.class);
    private final LongAdder scans = new LongAdder();
    private final LongAdder notified = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Listener listener;

    /** Told of each health event as it happens (the metrics bridge); outcomes go their own way. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void scan() {}

        default void notified() {}

        default void gap() {}

        default void error() {}
    }

    public PumpCounters() {
        this(Listener.NONE);
    }

    public PumpCounters(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        for (SubmitOutcome o : SubmitOutcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void outcome(SubmitResult r) {
        outcomes.get(r.outcome()).increment();
    }

    void scan() {
        scans.increment();
        listener.scan();
    }

    void notified() {
        notified.increment();
        listener.notified();
    }

    void gap() {
        gaps.increment();
        listener.gap();
    }

    void error() {
        errors.increment();
        listener.error();
    }

    public long outcomes(SubmitOutcome o) {
        return outcomes.get(o).sum();
    }

    public long scans() {
        return scans.sum();
    }

    public long notifications() {
        return notified.sum();
    }

    /** LISTEN (re)connections after which a rescan ran (the first connect included). */
    public long gaps() {
        return gaps.sum();
    }

    public long scanErrors() {
        return errors.sum();
    }
}
