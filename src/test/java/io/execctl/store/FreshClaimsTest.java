package io.execctl.store;

import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Side;
import io.execctl.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-statement claim writes exactly what the journal's claim plus the intent's announcement
 * write, and refuses the same cases: an unresolved submission of the same shape, an intent claimed
 * before or no longer NEW.
 */
class FreshClaimsTest {
    private static final JournalPolicy POLICY = JournalPolicy.defaults();
    private static final String REQUEST = "{\"symbol\": \"005930\", \"side\": \"BUY\", \"qty\": 10}";
    private static TestDatabase db;
    private static Jdbi jdbi;
    private final Incarnation owner = Incarnation.start();

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private FreshClaims.Result fresh(UUID intent, long qty) {
        return jdbi.inTransaction(h -> {
            IntentStore.on(h).lockIfNew(intent);
            return FreshClaims.on(h).claim(intent, owner, REQUEST, "005930", Side.BUY, qty, POLICY);
        });
    }

    private static void clear() {
        jdbi.useHandle(h -> h.execute("DELETE FROM trade.submissions"));
    }

    @Test
    void writesWhatTheJournalsClaimAndTheAnnouncementWrite() {
        clear();
        UUID old = Journals.newIntent(jdbi);
        jdbi.useTransaction(h -> {
            Submission row =
                    SubmissionStore.on(h).claim(old, owner, REQUEST, POLICY).orElseThrow();
            assertThat(row.state()).isEqualTo(Submission.State.CLAIMED);
        });
        UUID now = Journals.newIntent(jdbi);

        // another quantity than the first claim's request (10): not the same shape
        assertThat(fresh(now, 11)).isEqualTo(FreshClaims.Result.CLAIMED);

        assertThat(Journals.intentStatus(jdbi, now)).isEqualTo(IntentStatus.SENDING.name());
        assertThat(row(now, "submissions")).isEqualTo(row(old, "submissions"));
        assertThat(row(now, "intent_outcomes")).isEqualTo(row(old, "intent_outcomes"));
        assertThat(row(now, "outbox")).isEqualTo(row(old, "outbox"));
        Map<String, Object> sub = jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT claimed_by, claimed_ts = updated_ts AS same_ts
                          FROM trade.submissions WHERE intent_id = :id""").bind("id", now).mapToMap().one());
        assertThat(sub.get("claimed_by")).isEqualTo(owner.id());
        assertThat(sub.get("same_ts")).isEqualTo(true);
        double leaseMs = jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT EXTRACT(EPOCH FROM send_deadline - claimed_ts) * 1000 FROM trade.submissions
                         WHERE intent_id = :id""").bind("id", now).mapTo(Double.class).one());
        assertThat(leaseMs).isEqualTo((double) POLICY.claimLease().toMillis());
        boolean oneInstant = jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT i.updated_ts = s.claimed_ts AND o.updated_ts = s.claimed_ts AND e.created_ts = s.claimed_ts
                          FROM trade.order_intents i JOIN trade.submissions s USING (intent_id)
                          JOIN trade.intent_outcomes o USING (intent_id)
                          JOIN trade.outbox e ON e.aggregate_id = i.intent_id::text
                         WHERE i.intent_id = :id""").bind("id", now).mapTo(Boolean.class).one());
        assertThat(oneInstant).isTrue();
    }

    @Test
    void anUnresolvedSubmissionOfTheSameShapeWritesNothing() {
        clear();
        UUID first = Journals.newIntent(jdbi);
        UUID second = Journals.newIntent(jdbi);
        assertThat(fresh(first, 10)).isEqualTo(FreshClaims.Result.CLAIMED);

        assertThat(fresh(second, 10)).isEqualTo(FreshClaims.Result.SAME_SHAPE_IN_FLIGHT);

        assertThat(Journals.intentStatus(jdbi, second)).isEqualTo("NEW");
        assertThat(count("submissions", "intent_id", second)).isZero();
        assertThat(count("intent_outcomes", "intent_id", second)).isZero();
        assertThat(count("outbox", "aggregate_id", second.toString())).isZero();
        assertThat(fresh(second, 11)).as("another quantity is another shape").isEqualTo(FreshClaims.Result.CLAIMED);
    }

    @Test
    void anIntentClaimedBeforeOrNoLongerNewIsTaken() {
        clear();
        UUID claimed = Journals.newIntent(jdbi);
        assertThat(fresh(claimed, 10)).isEqualTo(FreshClaims.Result.CLAIMED);
        assertThat(fresh(claimed, 10)).isEqualTo(FreshClaims.Result.TAKEN);

        UUID moved = Journals.newIntent(jdbi);
        jdbi.useHandle(h -> h.execute("UPDATE trade.order_intents SET status = 'REJECTED' WHERE intent_id = ?", moved));
        assertThat(fresh(moved, 12)).isEqualTo(FreshClaims.Result.TAKEN);
        assertThat(count("submissions", "intent_id", moved)).isZero();
        assertThat(count("outbox", "aggregate_id", moved.toString())).isZero();
    }

    @Test
    void refusesToRunOutsideATransaction() {
        assertThatThrownBy(() -> jdbi.useHandle(
                        h -> FreshClaims.on(h).claim(UUID.randomUUID(), owner, REQUEST, "005930", Side.BUY, 1, POLICY)))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The row's columns that do not vary per intent or instant, as text. */
    private static String row(UUID intent, String table) {
        String sql =
                switch (table) {
                    case "submissions" ->
                        "SELECT state || '|' || attempts || '|' || request::text"
                                + " || '|' || COALESCE(first_sent_ts::text, '-') FROM trade.submissions WHERE intent_id = :id";
                    case "intent_outcomes" ->
                        "SELECT status || '|' || reason_code || '|' || COALESCE(msg_cd, '-')"
                                + " || '|' || COALESCE(msg1, '-') || '|' || seq FROM trade.intent_outcomes"
                                + " WHERE intent_id = :id";
                    default ->
                        "SELECT event_type || '|' || replace(event_key, :id, 'ID') || '|'"
                                + " || replace(payload::text, :id, 'ID') FROM trade.outbox WHERE aggregate_id = :id";
                };
        String s = jdbi.withHandle(h -> h.createQuery(sql)
                .bind("id", table.equals("outbox") ? intent.toString() : (Object) intent)
                .mapTo(String.class)
                .one());
        return s;
    }

    private static long count(String table, String key, Object value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade." + table + " WHERE " + key + " = :v")
                .bind("v", value)
                .mapTo(Long.class)
                .one());
    }
}
