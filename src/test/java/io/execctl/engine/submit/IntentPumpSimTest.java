package io.execctl.engine.submit;

import io.execctl.domain.JournalPolicy;
import io.execctl.store.Incarnation;
import io.execctl.store.NotificationListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intent pump against the strict simulator and PostgreSQL: LISTEN wakes it, polling alone finds
 * intents, a lost LISTEN connection makes it rescan, a stop lets the send in flight finish and leaves
 * the rest NEW.
 */
class IntentPumpSimTest {
    static final Duration NEVER = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    SubmitFixture f;
    PumpCounters counters = new PumpCounters();
    List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        f.close();
    }

    private Function<NotificationListener.Handler, NotificationListener> listen(boolean gapOnFirstConnect) {
        NotificationListener.Options o = NotificationListener.Options.defaults()
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withGapOnFirstConnect(gapOnFirstConnect);
        return h -> new NotificationListener(f.db.dataSource(), List.of(IntentPump.CHANNEL), h, o);
    }

    private IntentPump pump(Submitter s, int workers, Duration poll, boolean withListen) {
        return pump(s, workers, poll, withListen ? listen(true) : IntentPump.POLLING_ONLY);
    }

    private IntentPump pump(
            Submitter s,
            int workers,
            Duration poll,
            Function<NotificationListener.Handler, NotificationListener> listen) {
        IntentPump p = new IntentPump(s, workers, poll, listen, counters);
        closing.add(p);
        p.start();
        return p;
    }

    private void awaitStatus(UUID id, String status, Duration within) {
        await().atMost(within)
                .untilAsserted(() -> assertThat(f.intentStatus(id)).isEqualTo(status));
    }

    @Test
    void aNotifiedIntentIsSentLongBeforeThePoll() {
        IntentPump p = pump(f.submitter(), 2, NEVER, true);
        await().atMost(Duration.ofSeconds(5)).until(p::listening);

        UUID id = f.intent(null, "005930", "ENTRY", 3, "MKT", null);

        awaitStatus(id, "SUBMITTED", Duration.ofSeconds(5));
        assertThat(f.brokerOrders()).hasSize(1);
        assertThat(counters.notifications()).isPositive();
        assertThat(counters.outcomes(SubmitOutcome.SUBMITTED)).isEqualTo(1);
    }

    @Test
    void pollingAloneFindsIntents() {
        IntentPump p = pump(f.submitter(), 2, Duration.ofMillis(100), false);
        assertThat(p.listening()).isFalse();

        UUID a = f.intent(null, "005930", "ENTRY", 3, "MKT", null);
        UUID b = f.intent(null, "000660", "ENTRY", 4, "MKT", null);

        awaitStatus(a, "SUBMITTED", Duration.ofSeconds(5));
        awaitStatus(b, "SUBMITTED", Duration.ofSeconds(5));
        assertThat(f.brokerOrders()).hasSize(2);
        assertThat(counters.notifications()).isZero();
    }

    @Test
    void aLostListenConnectionMakesItRescan() {
        // No trigger: nothing is ever notified, and the poll is far away; only the rescan after the
        // LISTEN reconnect can find the intent.
        f.jdbi.useHandle(h -> h.execute("DROP TRIGGER order_intents_notify_after_insert ON trade.order_intents"));
        // No rescan on the first connect either: after the startup scan nothing else can scan.
        IntentPump p = pump(f.submitter(), 2, NEVER, listen(false));
        await().atMost(Duration.ofSeconds(5)).until(() -> p.listening() && counters.scans() >= 1);
        UUID id = f.intent(null, "005930", "ENTRY", 3, "MKT", null);
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(f.intentStatus(id)).isEqualTo("NEW"));
        long gaps = counters.gaps();
        assertThat(counters.scans()).isEqualTo(1);

        f.jdbi.useHandle(h -> h.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND query LIKE 'LISTEN%'"""));

        awaitStatus(id, "SUBMITTED", Duration.ofSeconds(5));
        assertThat(counters.gaps()).isGreaterThan(gaps);
        assertThat(f.brokerOrders()).hasSize(1);
    }

    @Test
    void aStopLetsTheSendInFlightFinishAndLeavesTheRestNew() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrderPort port = (req, fence) -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return f.client.placeCashOrder(req, fence);
        };
        Submitter s = new Submitter(
                f.jdbi,
                port,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                f.alerts);
        UUID first = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        UUID second = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        UUID third = f.intent(null, "005930", "ENTRY", 3, "MKT", null);
        IntentPump p = pump(s, 1, NEVER, false);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(p::close);
        stopper.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> stopper.getState() != Thread.State.RUNNABLE);
        release.countDown();
        stopper.join(10_000);

        assertThat(stopper.isAlive()).isFalse();
        assertThat(f.intentStatus(first)).isEqualTo("SUBMITTED");
        assertThat(f.intentStatus(second)).isEqualTo("NEW");
        assertThat(f.intentStatus(third)).isEqualTo("NEW");
        assertThat(f.brokerOrders()).hasSize(1);
    }
}
