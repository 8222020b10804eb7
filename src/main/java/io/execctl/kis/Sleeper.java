package io.execctl.kis;

import java.time.Duration;

/**
 * Waiting, made injectable so backoff, rate budget and token spacing are tested without real time
 * passing.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current thread ({@link Thread#sleep}). */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
