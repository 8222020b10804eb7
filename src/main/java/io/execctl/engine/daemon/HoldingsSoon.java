package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the holdings loop should run after fills committed: {@link FillWatch} calls {@link
 * #fillsCommitted()} once fills have been quiet for a moment (the end of a burst, debounced there), and
 * the loop is asked to run then — but never sooner than {@code minInterval} after its last run started,
 * so bursts of fills cannot turn the balance inquiry into a steady drain on the rate budget (orders
 * keep their priority there anyway). The loop's cadence stays the fallback; this only moves its next
 * run earlier.
 *
 * <p>Why: {@code trade.holdings} is the broker's balance as of the last sync, so after the last fill
 * of a burst it is stale until the next run — up to the full cadence (10–30 s) — while everything
 * else has already caught up.
 */
public final class HoldingsSoon {
    private final Clock clock;
    private final Duration minInterval;
    private final Nudge nudge;
    private Instant lastStart = Instant.MIN;
    private boolean asked;

    public HoldingsSoon(Clock clock, Duration minInterval, Nudge nudge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.nudge = Objects.requireNonNull(nudge, "nudge");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must be >= 0");
        }
    }

    /** The holdings pass, noting when each run (loop, nudge or bootstrap) starts. */
    public EnginePass wrap(EnginePass holdings) {
        Objects.requireNonNull(holdings, "holdings");
        return () -> {
            started();
            return holdings.run();
        };
    }

    /**
     * Fills committed (and went quiet): asks the holdings loop to run now, or once the minimum interval
     * since its last run has passed; once per run (later fills before that run are covered by it).
     * Nothing while no loop runs (standby, bootstrap).
     */
    public void fillsCommitted() {
        Duration delay;
        synchronized (this) {
            if (asked || !nudge.attached()) {
                return;
            }
            asked = true;
            delay = delay(clock.instant());
        }
        nudge.within(delay);
    }

    /** Zero, or what is left of {@code minInterval} since the last run's start. */
    Duration delay(Instant now) {
        if (lastStart.equals(Instant.MIN)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, lastStart.plus(minInterval));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private synchronized void started() {
        lastStart = clock.instant();
        asked = false;
    }
}
