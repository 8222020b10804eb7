package io.execctl.engine.submit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the intent pump, in memory until a metrics exporter publishes them: outcomes map to
 * {@code execution_intents_total{outcome}}; scans, notifications, LISTEN gaps and scan errors are the
 * pump's own health.
 */
public final class PumpCounters {
    private final Map<SubmitOutcome, LongAdder> outcomes = new EnumMap<>(SubmitOutcome.class);
    private final LongAdder scans = new LongAdder();
    private final LongAdder notified = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder errors = new LongAdder();

    public PumpCounters() {
        for (SubmitOutcome o : SubmitOutcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void outcome(SubmitResult r) {
        outcomes.get(r.outcome()).increment();
    }

    void scan() {
        scans.increment();
    }

    void notified() {
        notified.increment();
    }

    void gap() {
        gaps.increment();
    }

    void error() {
        errors.increment();
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
