package io.execctl.engine;

import io.execctl.domain.MismatchKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the holdings loop, kept in memory until a metrics exporter publishes them
 * ({@code execution_holdings_position_mismatch_total}, {@code execution_holdings_missing_total},
 * {@code execution_holdings_extra_total}, {@code execution_holdings_sync_lag_seconds} of the design
 * document). A mismatch is counted once per judged cycle in which it is seen, so a mismatch that
 * persists keeps the counter's rate above zero.
 *
 * <p>A {@link Listener} sees every count as it happens, with the symbol: that is how the Prometheus
 * exporter (package {@code metrics}) labels the mismatch counters by symbol without the engine knowing it.
 */
public final class HoldingsCounters {
    private final Map<MismatchKind, LongAdder> mismatches = new EnumMap<>(MismatchKind.class);
    private final LongAdder pending = new LongAdder();
    private final LongAdder complete = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final AtomicReference<Instant> lastSync = new AtomicReference<>();
    private final Listener listener;

    /** Told of every count as it is made; must not throw and must not block. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** A judged mismatch of {@code kind} ({@code MISSING}, {@code EXTRA} or {@code QTY}) of {@code symbol}. */
        default void mismatch(MismatchKind kind, String symbol) {}

        /** A complete holdings sync committed at {@code at}. */
        default void synced(Instant at) {}

        /** A holdings sync ended incomplete. */
        default void incomplete() {}
    }

    public HoldingsCounters() {
        this(Listener.NONE);
    }

    public HoldingsCounters(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        for (MismatchKind k : MismatchKind.values()) {
            mismatches.put(k, new LongAdder());
        }
    }

    void mismatch(MismatchKind kind, String symbol) {
        mismatches.get(kind).increment();
        listener.mismatch(kind, symbol);
    }

    void pending() {
        pending.increment();
    }

    void synced(Instant at) {
        complete.increment();
        lastSync.set(at);
        listener.synced(at);
    }

    void incomplete() {
        incomplete.increment();
        listener.incomplete();
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
