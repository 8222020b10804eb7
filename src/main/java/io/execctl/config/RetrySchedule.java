package io.execctl.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * One row of the retry table: the delay before retry {@code n} (1-based) is
 * {@code first × factor^(n-1)}, capped at {@code cap}, and at most {@code maxRetries} retries happen.
 * A factor of 1 gives a linear (constant) schedule. Jitter is applied by {@link Backoff}, not here, so
 * the nominal schedule stays testable.
 *
 * @param first      delay before the first retry (positive)
 * @param factor     growth per retry (≥ 1)
 * @param maxRetries retries after the first attempt (≥ 0; {@link Integer#MAX_VALUE} = unbounded, only
 *                   for reconnect loops, never for REST calls)
 * @param cap        largest delay ever used (≥ first)
 */
public record RetrySchedule(Duration first, double factor, int maxRetries, Duration cap) {

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(cap, "cap");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first retry delay must be positive");
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be >= 1");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        if (cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("cap must be >= first delay");
        }
    }

    /** Exponential: first, first×2, first×4 … (capped). */
    public static RetrySchedule exponential(Duration first, int maxRetries, Duration cap) {
        return new RetrySchedule(first, 2.0, maxRetries, cap);
    }

    /** Linear: the same delay before every retry. */
    public static RetrySchedule linear(Duration delay, int maxRetries) {
        return new RetrySchedule(delay, 1.0, maxRetries, delay);
    }

    /** No retries at all. */
    public static RetrySchedule none() {
        return new RetrySchedule(Duration.ofMillis(1), 1.0, 0, Duration.ofMillis(1));
    }

    /**
     * The text form of the {@code KIS_BACKOFF_*} settings: {@code first_ms,factor,max_retries,cap_ms},
     * e.g. {@code 1000,2,3,4000}; {@link #parse} reads it back.
     */
    public String spec() {
        return first.toMillis() + ","
                + BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "," + maxRetries + ","
                + cap.toMillis();
    }

    /**
     * Reads {@link #spec()}'s form; a malformed or invalid value → {@link ConfigException} naming
     * {@code key}.
     */
    static RetrySchedule parse(Setting key, String raw) {
        String[] parts = raw.strip().split("\\s*,\\s*", -1);
        if (parts.length != 4) {
            throw new ConfigException(
                    key,
                    "must be first_ms,factor,max_retries,cap_ms such as 1000,2,3,4000" + Parse.shownValue(key, raw));
        }
        try {
            return new RetrySchedule(
                    Duration.ofMillis(Long.parseLong(parts[0])),
                    new BigDecimal(parts[1]).doubleValue(),
                    Integer.parseInt(parts[2]),
                    Duration.ofMillis(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    key,
                    "must be first_ms,factor,max_retries,cap_ms such as 1000,2,3,4000" + Parse.shownValue(key, raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** The nominal delay before retry {@code retry} (1-based), without jitter. */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1");
        }
        double millis = first.toMillis() * Math.pow(factor, retry - 1);
        if (!(millis < cap.toMillis())) {
            return cap;
        }
        return Duration.ofMillis((long) millis);
    }
}
