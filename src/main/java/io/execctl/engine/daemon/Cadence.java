package io.execctl.engine.daemon;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The delay before a loop's next run, asked after every run. Jittered, so that two processes (or
 * loops) that started together do not keep hitting the broker in the same instant.
 */
@FunctionalInterface
public interface Cadence {
    Duration next();

    /** Uniformly between {@code min} and {@code max} (inclusive), in milliseconds. */
    static Cadence between(Duration min, Duration max, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long lo = min.toMillis();
        long hi = max.toMillis();
        if (lo <= 0 || hi < lo) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + ", " + max);
        }
        return () -> Duration.ofMillis(lo == hi ? lo : random.nextLong(lo, hi + 1));
    }

    /** {@code whenTrue} while {@code condition} holds, else {@code otherwise}; asked at every run. */
    static Cadence when(BooleanSupplier condition, Cadence whenTrue, Cadence otherwise) {
        Objects.requireNonNull(condition, "condition");
        return () -> condition.getAsBoolean() ? whenTrue.next() : otherwise.next();
    }

    /**
     * {@code base}, or sooner when {@code due} names an earlier moment (plus {@code slack}, never less
     * than {@code slack}): e.g. the fills loop runs when a fill deficit's lag window ends. A {@code due}
     * that fails is ignored (the base cadence stays).
     */
    static Cadence sooner(Cadence base, Supplier<Optional<Duration>> due, Duration slack) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(slack, "slack");
        return () -> {
            Duration next = base.next();
            Optional<Duration> d;
            try {
                d = due.get();
            } catch (RuntimeException e) {
                return next;
            }
            if (d.isEmpty()) {
                return next;
            }
            Duration at = d.get().isNegative() ? slack : d.get().plus(slack);
            return at.compareTo(next) < 0 ? at : next;
        };
    }
}
