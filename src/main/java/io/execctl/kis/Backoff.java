package io.execctl.kis;

import io.execctl.config.RetrySchedule;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Applies a {@link RetrySchedule} with jitter: the delay before retry {@code n} is the nominal delay
 * × (1 ± jitter), drawn from an injected (seedable) random source, never above the schedule's cap and
 * never below 1 ms, so a retry loop is never tight.
 */
public final class Backoff {
    private final double jitter;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    public Backoff(double jitter, RandomGenerator random, Sleeper sleeper) {
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]");
        }
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The jittered delay before retry {@code retry} (1-based). */
    public Duration delay(RetrySchedule schedule, int retry) {
        Duration nominal = schedule.delay(retry);
        double factor;
        synchronized (random) {
            factor = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
        }
        long millis = Math.round(nominal.toMillis() * factor);
        millis = Math.min(millis, schedule.cap().toMillis());
        return Duration.ofMillis(Math.max(1, millis));
    }

    /**
     * Waits before retry {@code retry} if the schedule allows it.
     *
     * @return false when the schedule's retries are used up (the caller gives up)
     */
    public boolean pause(RetrySchedule schedule, int retry) throws InterruptedException {
        if (retry > schedule.maxRetries()) {
            return false;
        }
        sleeper.sleep(delay(schedule, retry));
        return true;
    }

    public Sleeper sleeper() {
        return sleeper;
    }
}
