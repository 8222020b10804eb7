package io.execctl.kis.port;

import java.util.Objects;

/**
 * The shared send-slot cursor of one app key: the earliest instant at which the next request to KIS
 * may go out, kept where every execctl process of the app key, on any host, sees it (a PostgreSQL
 * row in {@code store}). Taking a slot is one atomic step; the spacing, priority and waiting are the
 * caller's ({@code kis.SharedRateBudget}).
 *
 * <p>All instants are microseconds on the store's own clock, which every process shares, so host
 * clocks that disagree do not break the spacing: a caller waits {@code slot - now} of the answer.
 */
public interface RateSlots {

    /**
     * Takes the next free slot if it lies at most {@code maxAheadMicros} ahead of the store's now,
     * and moves the cursor {@code intervalMicros} past it. A cursor further ahead than
     * {@code staleAfterMicros} is treated as stale (a clock step, a crashed writer) and reset to now.
     */
    Grant take(String env, String appKeyFingerprint, long intervalMicros, long maxAheadMicros, long staleAfterMicros);

    /**
     * The answer of {@link #take}.
     *
     * @param granted whether {@code slot} was taken (false: nothing was changed)
     * @param slot    the taken slot, or the next free one when not granted (µs since the epoch)
     * @param now     the store's clock at the moment of the decision (µs since the epoch)
     */
    record Grant(boolean granted, long slot, long now) {
        public Grant {
            if (slot < now) {
                throw new IllegalArgumentException("a slot is never in the past");
            }
        }

        /** How long to wait for the slot, in µs. */
        public long waitMicros() {
            return slot - now;
        }

        @Override
        public String toString() {
            return "Grant[" + (granted ? "granted" : "refused") + ", in " + waitMicros() + " µs]";
        }
    }

    /** Checks the arguments common to every implementation. */
    static void check(String env, String appKeyFingerprint, long intervalMicros, long maxAheadMicros) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(appKeyFingerprint, "appKeyFingerprint");
        if (intervalMicros <= 0 || maxAheadMicros < 0) {
            throw new IllegalArgumentException("interval must be positive and maxAhead not negative");
        }
    }
}
