package io.execctl.engine.daemon;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Asks one loop to run sooner than its cadence would: {@link #within(Duration)} moves the loop's next
 * run earlier (never later), or, while a run is under way, makes the next one follow within that
 * delay. The cadence stays the fallback. Something outside the loop holds it (the fill watch for the
 * holdings loop); the {@link LoopScheduler} attaches to it while the loops run, so a request while the
 * daemon is a standby, bootstrapping or stopping is dropped: the next active period starts with a
 * bootstrap that runs the pass anyway.
 */
public final class Nudge {
    private volatile Consumer<Duration> target;

    /** Run the loop within {@code delay} from now (earlier if it is due earlier anyway). */
    public void within(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        Consumer<Duration> t = target;
        if (t != null) {
            t.accept(delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    /** True while a scheduler runs the loop (a request would be acted upon). */
    public boolean attached() {
        return target != null;
    }

    void attach(Consumer<Duration> scheduler) {
        target = Objects.requireNonNull(scheduler, "scheduler");
    }

    void detach(Consumer<Duration> scheduler) {
        if (target == scheduler) {
            target = null;
        }
    }
}
