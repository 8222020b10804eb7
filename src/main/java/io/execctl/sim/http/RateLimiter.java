package io.execctl.sim.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * KIS's per-app-key call limit as a token bucket holding one second's worth of calls: a burst of up to
 * {@code rate} calls passes, the next ones in the same second get EGW00201.
 */
public final class RateLimiter {
    private final double rate;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param rate calls per second; 0 = unlimited */
    public RateLimiter(double rate, LongSupplier nanos) {
        this.rate = rate;
        this.nanos = nanos;
    }

    /** Takes one call for {@code appKey}; false when over the limit. */
    public boolean tryAcquire(String appKey) {
        if (rate <= 0) {
            return true;
        }
        return buckets.computeIfAbsent(appKey, k -> new Bucket(rate, nanos.getAsLong()))
                .take(rate, nanos.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double rate, long now) {
            this.tokens = Math.max(1, rate);
            this.last = now;
        }

        synchronized boolean take(double rate, long now) {
            double capacity = Math.max(1, rate);
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
