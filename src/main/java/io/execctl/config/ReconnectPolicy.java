package io.execctl.config;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to reconnect after a lost or failed connection. KIS may block an IP/app key that loops
 * connect/close (REFERENCE.md §9.4), so every delay is at least {@code floor}, even after an
 * immediate failure.
 *
 * <p>Attempt {@code n} (0-based, consecutive failures) waits a full-jitter delay
 * {@code max(floor, u × min(cap, base × 2^n))} with {@code u} uniform in [0, 1): ceilings
 * 1, 2, 4, 8, 16, 30, 30 … s by default. The counter resets once a subscription has stayed up for
 * {@code stableAfter}. {@code OPSP8996} ("ALREADY IN USE appkey": another process holds the app
 * key's only session) waits {@code inUseDelay × 2^(k-1)} capped at {@code inUseCap}, with jitter
 * in [½, 1) of that, for the k-th consecutive refusal.
 */
public record ReconnectPolicy(
        Duration base, Duration cap, Duration floor, Duration stableAfter, Duration inUseDelay, Duration inUseCap) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMillis(500),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofMinutes(10));

    public ReconnectPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(stableAfter, "stableAfter");
        Objects.requireNonNull(inUseDelay, "inUseDelay");
        Objects.requireNonNull(inUseCap, "inUseCap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("reconnect base delay must be positive");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("reconnect cap must be at least the base delay");
        }
        if (floor.isNegative() || floor.isZero()) {
            throw new IllegalArgumentException("reconnect floor must be positive: never a tight loop");
        }
        if (floor.compareTo(cap) > 0) {
            throw new IllegalArgumentException("reconnect floor must not exceed the cap");
        }
        if (stableAfter.isNegative()) {
            throw new IllegalArgumentException("stableAfter must not be negative");
        }
        if (inUseDelay.compareTo(floor) < 0 || inUseCap.compareTo(inUseDelay) < 0) {
            throw new IllegalArgumentException("in-use delay must be at least the floor and at most its cap");
        }
    }

    /**
     * The defaults with another exponential schedule, e.g. from {@code KisSettings.wsReconnect()}
     * ({@code first}, {@code cap}); the floor stays 500 ms (or {@code base} if smaller).
     */
    public static ReconnectPolicy exponential(Duration base, Duration cap) {
        Duration floor = DEFAULT.floor().compareTo(base) <= 0 ? DEFAULT.floor() : base;
        return new ReconnectPolicy(base, cap, floor, DEFAULT.stableAfter(), DEFAULT.inUseDelay(), DEFAULT.inUseCap());
    }

    /** The upper bound of the delay of attempt {@code n} (0-based). */
    public Duration ceiling(int attempt) {
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        int shift = Math.max(0, Math.min(attempt, 30));
        long ms = baseMs << shift;
        if (ms <= 0 || ms > capMs || (ms >> shift) != baseMs) {
            ms = capMs;
        }
        return Duration.ofMillis(ms);
    }

    /** The jittered delay of attempt {@code n}. */
    public Duration delay(int attempt, RandomGenerator random) {
        double u = clamp(random.nextDouble());
        long ms = (long) (ceiling(attempt).toMillis() * u);
        return Duration.ofMillis(Math.max(floor.toMillis(), ms));
    }

    /** The delay after the k-th consecutive {@code OPSP8996} (k ≥ 1). */
    public Duration inUseDelay(int strikes, RandomGenerator random) {
        int shift = Math.max(0, Math.min(strikes - 1, 20));
        long ms = inUseDelay.toMillis() << shift;
        if (ms <= 0 || ms > inUseCap.toMillis()) {
            ms = inUseCap.toMillis();
        }
        double u = 0.5 + clamp(random.nextDouble()) / 2;
        return Duration.ofMillis(Math.max(floor.toMillis(), (long) (ms * u)));
    }

    private static double clamp(double u) {
        if (Double.isNaN(u) || u < 0) {
            return 0;
        }
        return Math.min(u, 1.0);
    }
}
