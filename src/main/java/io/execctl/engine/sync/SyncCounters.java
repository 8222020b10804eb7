package io.execctl.engine.sync;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the REST syncs, in memory until a metrics exporter publishes them: the last complete
 * pass per pass name (the source of {@code execution_fills_sync_lag_seconds} and
 * {@code execution_unfilled_sync_lag_seconds}; across processes, {@code trade.sync_runs} is), incomplete
 * passes, {@code execution_fills_inferred_total}, {@code execution_fills_voided_total}, drift corrections,
 * unreadable broker rows and ownership questions left pending.
 */
public final class SyncCounters {
    private final Map<String, Instant> lastComplete = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> incomplete = new ConcurrentHashMap<>();
    private final LongAdder inferred = new LongAdder();
    private final LongAdder voided = new LongAdder();
    private final LongAdder drifts = new LongAdder();
    private final LongAdder badRows = new LongAdder();
    private final LongAdder pendingOwnership = new LongAdder();

    void complete(String pass, Instant at) {
        lastComplete.merge(pass, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    void incomplete(String pass) {
        incomplete.computeIfAbsent(pass, p -> new LongAdder()).increment();
    }

    void inferred(int n) {
        inferred.add(n);
    }

    void voided(int n) {
        voided.add(n);
    }

    void drift() {
        drifts.increment();
    }

    void badRow() {
        badRows.increment();
    }

    void pending() {
        pendingOwnership.increment();
    }

    /** When {@code pass} last completed in this process, or null. */
    public Instant lastComplete(String pass) {
        return lastComplete.get(pass);
    }

    public long incompletePasses(String pass) {
        LongAdder a = incomplete.get(pass);
        return a == null ? 0 : a.sum();
    }

    public long inferredFills() {
        return inferred.sum();
    }

    public long voidedFills() {
        return voided.sum();
    }

    /** Orders whose stored state a sync corrected (status or filled quantity moved). */
    public long driftsCorrected() {
        return drifts.sum();
    }

    /** Broker rows that could not be read as totals (kept in the audit, skipped). */
    public long badRows() {
        return badRows.sum();
    }

    public long pendingOwnership() {
        return pendingOwnership.sum();
    }
}
