package io.execctl.kis;

import io.execctl.kis.port.RateSlots;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link RateSlots} in memory on an injected clock: the same rule as the PostgreSQL row. */
final class InMemoryRateSlots implements RateSlots {
    private final Clock clock;
    private final Map<String, Long> next = new HashMap<>();
    volatile boolean broken;

    InMemoryRateSlots(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Grant take(
            String env, String appKeyFingerprint, long intervalMicros, long maxAheadMicros, long staleAfterMicros) {
        RateSlots.check(env, appKeyFingerprint, intervalMicros, maxAheadMicros);
        if (broken) {
            throw new IllegalStateException("store down");
        }
        long now = micros(clock.instant());
        long cur = next.getOrDefault(env + "/" + appKeyFingerprint, 0L);
        long free = cur > now + staleAfterMicros ? now : Math.max(cur, now);
        if (free - now > maxAheadMicros) {
            return new Grant(false, free, now);
        }
        next.put(env + "/" + appKeyFingerprint, free + intervalMicros);
        return new Grant(true, free, now);
    }

    /** Moves the cursor as if other processes had reserved slots up to {@code at}. */
    synchronized void reservedUntil(String env, String fp, Instant at) {
        next.put(env + "/" + fp, micros(at));
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
