package io.execctl.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** When the daemon's resolver can next decide an UNKNOWN submission by absence (its loop's timer). */
public final class AbsenceDue {
    private final Handles handles;
    private final DbClock clock;

    private AbsenceDue(Handles handles, DbClock clock) {
        this.handles = handles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On the database's clock. */
    public static AbsenceDue of(Jdbi jdbi) {
        return of(jdbi, DbClock.database());
    }

    public static AbsenceDue of(Jdbi jdbi, DbClock clock) {
        return new AbsenceDue(Handles.of(jdbi), clock);
    }

    /**
     * How long until the earliest UNKNOWN order submission's send deadline is {@code historyLag} old —
     * from then an inquiry can prove its absence ({@code AbsenceRules}), so the daemon's resolver runs
     * then rather than a cadence later; empty when none is ahead (older ones are ripe already and wait
     * for the next pass anyway). Compared on the database's clock, like the deadlines themselves.
     */
    public Optional<Duration> untilProvable(Duration historyLag) {
        Objects.requireNonNull(historyLag, "historyLag");
        return handles.with(h -> h.createQuery(SubmissionStore.sql("""
                        SELECT EXTRACT(EPOCH FROM (min(s.send_deadline) - t.now)) * 1000 AS ms
                          FROM trade.submissions s, t
                         WHERE s.kind = 'ORDER' AND s.state = 'UNKNOWN'
                           AND s.send_deadline > t.now - CAST(:lagMs AS bigint) * interval '1 millisecond'
                         GROUP BY t.now"""))
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .bind("lagMs", historyLag.toMillis())
                        .mapTo(Double.class)
                        .findOne())
                .map(ms -> Duration.ofMillis(Math.round(ms)).plus(historyLag));
    }
}
