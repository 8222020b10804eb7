package io.execctl.store;

import io.execctl.domain.JournalPolicy;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the daemon's resolver should look at an UNKNOWN submission again: the moment its send deadline
 * is a history lag old (its absence becomes provable), on the journal's clock.
 */
class AbsenceDueTest {
    private static final JournalPolicy POLICY = new JournalPolicy(
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 2);
    private static final Duration LAG = Duration.ofSeconds(5);
    private static TestDatabase db;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void dueWhenTheEarliestUnknownDeadlineIsAHistoryLagOldThenNothingAhead() {
        MutableClock clock = new MutableClock(Samples.T0);
        SubmissionStore journal = SubmissionStore.of(jdbi, DbClock.of(clock));
        AbsenceDue due = AbsenceDue.of(jdbi, DbClock.of(clock));
        assertThat(due.untilProvable(LAG)).as("no UNKNOWN").isEmpty();

        Incarnation owner = Incarnation.start();
        UUID first = Journals.newIntent(jdbi);
        journal.claim(first, owner, "{}", POLICY).orElseThrow();
        SendPermit p1 = journal.beginSend(first, owner, POLICY).orElseThrow();
        UUID second = Journals.newIntent(jdbi);
        clock.advance(Duration.ofSeconds(2));
        journal.claim(second, owner, "{}", POLICY).orElseThrow();
        SendPermit p2 = journal.beginSend(second, owner, POLICY).orElseThrow();
        assertThat(due.untilProvable(LAG)).as("sent, not UNKNOWN").isEmpty();

        clock.advance(Duration.ofSeconds(11)); // T0 + 13 s: both past their send deadlines
        assertThat(journal.markUnknown(p1, "read timeout")).isTrue();
        assertThat(journal.markUnknown(p2, "read timeout")).isTrue();
        Duration deadline1 =
                Duration.between(Samples.T0, journal.find(first).orElseThrow().sendDeadline());
        // the earlier deadline first: its lag window ends deadline + 5 s from T0, now is T0 + 13 s
        assertThat(due.untilProvable(LAG)).hasValue(deadline1.plus(LAG).minus(Duration.ofSeconds(13)));

        clock.advance(deadline1.plus(LAG).minus(Duration.ofSeconds(13)).plusMillis(1));
        assertThat(due.untilProvable(LAG))
                .as("the first is ripe: the second's window is next")
                .hasValue(deadline1
                        .plus(Duration.ofSeconds(2))
                        .plus(LAG)
                        .minus(Duration.between(Samples.T0, clock.instant())));

        clock.advance(Duration.ofSeconds(3));
        assertThat(due.untilProvable(LAG)).as("both ripe: the cadence decides").isEmpty();
    }
}
