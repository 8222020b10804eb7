package io.execctl.kis;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The request budget of one app key, enforced before a request is sent. Orders are served before
 * inquiries when both wait.
 */
public interface RateBudget {

    /** Who is waiting: orders (and the token calls they need) go first. */
    enum Priority {
        ORDER,
        INQUIRY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Blocks until a request may be sent, at most about {@code maxWait}.
     *
     * @return the instant of the granted send slot, or empty when no slot was available within
     *         {@code maxWait} (nothing may be sent then)
     */
    Optional<Instant> acquire(Priority priority, Duration maxWait) throws InterruptedException;

    /** No limit at all (tests, benchmarks with the simulator's limit switched off). */
    RateBudget UNLIMITED = (p, w) -> Optional.of(Instant.EPOCH);
}
