package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.SubmissionStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos day finding: a PostgreSQL restart at the send fence ended intents FAILED ("not sent: the
 * send fence failed (ConnectionException)"). A fencing write the database could not make proves only
 * that nothing was sent: the intent must stay claimed and be sent once, after the database is back.
 * The outage is a data source that refuses connections while the real KIS client asks the fence.
 */
class FenceDatabaseOutageTest {
    @TempDir
    Path dir;

    SubmitFixture f;
    final AtomicBoolean down = new AtomicBoolean();
    Jdbi flaky;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        flaky = Db.create(new Outage(f.db.dataSource(), down));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Submitter submitter(OrderPort port, Incarnation owner) {
        return new Submitter(
                flaky, port, SubmitFixture.ACCOUNT, owner, JournalPolicy.defaults(), Clock.systemUTC(), f.alerts);
    }

    /** The real client, with the database down while the first send's fence is asked. */
    OrderPort databaseDownAtFirstFence(AtomicInteger calls) {
        return (req, fence) -> {
            boolean first = calls.incrementAndGet() == 1;
            down.set(first);
            try {
                return f.client.placeCashOrder(req, () -> {
                    boolean may = fence.mayFire();
                    down.set(false); // the database returns right after the failed write
                    return may;
                });
            } finally {
                down.set(false);
            }
        };
    }

    @Test
    void aFenceTheDatabaseCouldNotWriteLeavesTheIntentClaimedAndItIsSentOnceWhenTheDatabaseIsBack() {
        AtomicInteger calls = new AtomicInteger();
        UUID id = f.intent(null, "005930", "ENTRY", 7, "MKT", null);
        Submitter s = submitter(databaseDownAtFirstFence(calls), Incarnation.start());

        List<SubmitResult> first = s.runPass(10, false);

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(SubmitOutcome.DEFERRED);
            assertThat(r.outcome().isUnresolved()).isTrue();
            assertThat(r.reason()).contains("the send fence failed");
        });
        assertThat(f.brokerOrders(Side.BUY, 7)).as("nothing reached the broker").isEmpty();
        assertThat(f.intentStatus(id)).as("never FAILED for a database outage").isEqualTo("SENDING");
        assertThat(f.journalState(id)).isEqualTo("CLAIMED");
        assertThat(f.count("SELECT attempts FROM trade.submissions WHERE intent_id = :p", id))
                .isZero();

        List<SubmitResult> second = s.runPass(10, false);

        assertThat(second).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        assertThat(f.brokerOrders(Side.BUY, 7)).as("exactly one broker order").hasSize(1);
        assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(f.journalState(id)).isEqualTo("ACCEPTED");
        assertThat(calls).hasValue(2);
        assertThat(s.runPass(10, false)).isEmpty();
        assertThat(f.brokerOrders(Side.BUY, 7)).as("never sent twice").hasSize(1);
    }

    @Test
    void aFenceThatLostToAnotherOwnerIsStillNotSentAndNotRetriedByTheLoser() {
        UUID id = f.intent(null, "005930", "ENTRY", 8, "MKT", null);
        Incarnation other = Incarnation.start();
        OrderPort stolen = (req, fence) -> {
            // another owner holds the row now: the fencing write matches nothing
            f.jdbi.useHandle(h -> h.createUpdate("UPDATE trade.submissions SET claimed_by = :o WHERE intent_id = :id")
                    .bind("o", other.id())
                    .bind("id", id)
                    .execute());
            return f.client.placeCashOrder(req, fence);
        };

        assertThat(submitter(stolen, Incarnation.start()).runPass(10, false))
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.SKIPPED));
        assertThat(f.brokerOrders(Side.BUY, 8)).isEmpty();
        assertThat(f.intentStatus(id)).isEqualTo("SENDING");
        assertThat(SubmissionStore.of(f.jdbi).find(id).orElseThrow().owner()).isEqualTo(other.id());
    }

    /**
     * Chaos day finding: seven valid intents ended FAILED ("the send fence refused") because their
     * claims' leases ran out while the daemon waited a minute for a new token. Nothing was sent, the
     * claim was still ours: it is released and sent once by the next pass, never FAILED.
     */
    @Test
    void aClaimWhoseLeaseRanOutBeforeTheFenceIsReleasedAndSentOnceNeverFailed() {
        UUID id = f.intent(null, "005930", "ENTRY", 6, "MKT", null);
        AtomicInteger calls = new AtomicInteger();
        OrderPort slow = (req, fence) -> {
            if (calls.incrementAndGet() == 1) {
                // the wait for a token outlasted the claim's lease
                f.jdbi.useHandle(h -> h.createUpdate("UPDATE trade.submissions SET send_deadline = now() - interval"
                                + " '1 second' WHERE intent_id = :id")
                        .bind("id", id)
                        .execute());
            }
            return f.client.placeCashOrder(req, fence);
        };
        Submitter s = submitter(slow, Incarnation.start());

        assertThat(s.runPass(10, false)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(SubmitOutcome.DEFERRED);
            assertThat(r.outcome().isUnresolved()).isTrue();
        });
        assertThat(f.brokerOrders(Side.BUY, 6)).as("nothing reached the broker").isEmpty();
        assertThat(f.intentStatus(id)).as("never FAILED for a lapsed lease").isEqualTo("SENDING");
        assertThat(f.journalState(id)).isEqualTo("CLAIMED");

        assertThat(s.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        assertThat(f.brokerOrders(Side.BUY, 6)).as("exactly one broker order").hasSize(1);
        assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(s.runPass(10, false)).isEmpty();
        assertThat(f.brokerOrders(Side.BUY, 6)).as("never sent twice").hasSize(1);
    }

    @Test
    void anAcceptedAnswerTheDatabaseCouldNotRecordIsAdoptedFromTheBrokerNeverFailedNorResent() {
        JournalPolicy policy = new JournalPolicy(
                Duration.ofSeconds(30), SubmitFixture.FAST.call(), Duration.ofMillis(200), Duration.ZERO, 2);
        UUID id = f.intent(null, "005930", "ENTRY", 9, "MKT", null);
        OrderPort downAfterThePost = (req, fence) -> {
            OrderOutcome out = f.client.placeCashOrder(req, fence);
            down.set(true);
            return out;
        };
        Submitter s = new Submitter(
                flaky,
                downAfterThePost,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                policy,
                Clock.systemUTC(),
                f.alerts);

        assertThat(s.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.UNKNOWN));
        down.set(false);
        assertThat(f.brokerOrders(Side.BUY, 9)).hasSize(1);
        assertThat(f.intentStatus(id)).as("never FAILED").isEqualTo("SENDING");
        UnknownResolver resolver = new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(
                        f.jdbi, Clock.systemUTC(), Duration.ofDays(1), new LoggingAlerter(), ParkedNoticeReplay.NONE),
                s,
                new AbsenceRules(Duration.ofMillis(400), KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                new LoggingAlerter());

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("SUBMITTED");
                });

        assertThat(f.brokerOrders(Side.BUY, 9)).as("adopted, never resent").hasSize(1);
        assertThat(f.count("SELECT attempts FROM trade.submissions WHERE intent_id = :p", id))
                .isEqualTo(1);
    }

    /** A data source that refuses connections while {@code down} is set, like a restarting server. */
    private record Outage(DataSource real, AtomicBoolean down) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            check();
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            check();
            return real.getConnection(user, password);
        }

        private void check() throws SQLException {
            if (down.get()) {
                throw new SQLNonTransientConnectionException("Connection refused (test outage)", "08001");
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
