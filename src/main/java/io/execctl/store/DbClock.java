package io.execctl.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The clock of journal deadlines and notice coverage. In production it is the database's
 * {@code clock_timestamp()}: processes on different hosts compare deadlines against one clock, so
 * host clock skew can neither let a stalled owner send late nor let a stranger take over early.
 * Tests (and a single-host tool) may inject a {@link Clock} instead; then every statement uses that
 * clock's instant. Never mix the two for one table.
 */
public final class DbClock {
    /**
     * The SQL expression of "now" in a statement that binds {@link #bindValue()} as {@code :now};
     * evaluated once per statement by selecting it in a CTE ({@code WITH t AS (SELECT ... AS now)}).
     */
    static final String NOW = "COALESCE(CAST(:now AS timestamptz), clock_timestamp())";

    private final Clock clock;

    private DbClock(Clock clock) {
        this.clock = clock;
    }

    /** The database server's clock (production). */
    public static DbClock database() {
        return new DbClock(null);
    }

    /** An injected clock (tests). */
    public static DbClock of(Clock clock) {
        return new DbClock(Objects.requireNonNull(clock, "clock"));
    }

    /** The value to bind as {@code :now}: null (the database decides) or the injected clock's instant. */
    Instant bindValue() {
        return clock == null ? null : clock.instant();
    }

    @Override
    public String toString() {
        return clock == null ? "DbClock[database]" : "DbClock[" + clock + "]";
    }
}
