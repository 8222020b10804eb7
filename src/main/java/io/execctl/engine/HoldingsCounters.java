package io.execctl.engine;

import io.execctl.domain.MismatchKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the holdings loop, kept in memory until a metrics exporter publishes them
 * ({@code execution_holdings_position_mismatch_total}, {@code execution_holdings_missing_total},
 * {@code execution_holdings_extra_total}, {@code execution_holdings_sync_lag_seconds} of the design
 * document). A mismatch is counted once per judged cycle in which it is seen, so a mismatch that
 * persists keeps the counter's rate above zero.
 */
public final class HoldingsCounters {
    private final Map<MismatchKind, LongAdder> mismatches = new EnumMap<>(MismatchKind.class);
    private final LongAdder pending = new LongAdder();
    private final LongAdder complete = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final AtomicReference<Instant> lastSync = new AtomicReference<>();

    public HoldingsCounters() {
        for (MismatchKind k : MismatchKind.values()) {
            mismatches.put(k, new LongAdder());
        }
    }

    void mismatch(MismatchKind kind) {
        mismatches.get(kind).increment();
    }

    void pending() {
        pending.increment();
    }

    void synced(Instant at) {
        complete.increment();
        lastSync.set(at);
    }

    void incomplete() {
        incomplete.increment();
    }

    /** Judged mismatches of {@code kind} seen so far (summed over cycles). */
    public long mismatches(MismatchKind kind) {
        return mismatches.get(kind).sum();
    }

    /** Mismatches left without a verdict because fills were in flight. */
    public long pendingMismatches() {
        return pending.sum();
    }

    public long completeSyncs() {
        return complete.sum();
    }

    public long incompleteSyncs() {
        return incomplete.sum();
    }

    /** When holdings were last replaced by this process, or null. */
    public Instant lastSync() {
        return lastSync.get();
    }
}
