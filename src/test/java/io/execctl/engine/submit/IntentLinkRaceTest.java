package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.daemon.IntentSettlePass;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.FillApplier;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos bug 3 — an order FILLED while its intent stayed SUBMITTED — replayed step by step against
 * PostgreSQL with the real submitter, ownership decision and fill path. The interleaving: the
 * submitter has the broker's answer and is about to record it in the journal (SENT → ACCEPTED with
 * the ODNO) while the notice path decides about the order's parked fill. The decision asked the
 * journal "who holds this ODNO?" (nobody yet) and then "which SENT/UNKNOWN submission could it be?"
 * (none any more: ACCEPTED now), so it wrote the submitter's own order EXTERNAL, without its intent, and
 * replayed the fill into it: FILLED, and no intent to settle. The submitter's row write then linked
 * the intent and set it SUBMITTED — or, had the process died before, nothing ever linked it.
 *
 * <p>The two reads are interleaved by hand, without sleeps: a test transaction holds the journal row's
 * lock, the submitter's journal write queues on it, then the decision's candidate query queues behind
 * it; the test commits and PostgreSQL lets them through in that order.
 */
class IntentLinkRaceTest {
    static final String ODNO = "0000004242";

    @TempDir
    Path dir;

    SubmitFixture f;
    ExecutorService pool;
    ExecutorService holderThread;
    Handle holder;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        pool = Executors.newFixedThreadPool(2);
        holderThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (holder != null) {
            onHolder(() -> {
                holder.close();
                return null;
            });
        }
        holderThread.shutdownNow();
        pool.shutdownNow();
        f.close();
    }

    @Test
    void anAnswerRecordedWhileTheNoticePathDecidesLeavesTheOrderItsIntentAndTheIntentFilled() throws Exception {
        UUID id = f.intent(null, "051910", "ENTRY", 2, "MKT", null);
        AtomicBoolean fillApplied = new AtomicBoolean();
        ParkedNoticeReplay replay = parkedFill(fillApplied);
        PgOrderOwnership ownership =
                new PgOrderOwnership(f.jdbi, Clock.systemUTC(), Duration.ofSeconds(2), new LoggingAlerter(), replay);
        AtomicReference<LocalDate> tradingDate = new AtomicReference<>();
        OrderPort port = (req, fence) -> {
            assertThat(fence.mayFire()).isTrue();
            tradingDate.set(((JournalFence) fence).permit().orElseThrow().tradingDate());
            // the broker answered; before the submitter records it, the test holds the journal row
            onHolderUnchecked(() -> {
                holder = f.jdbi.open();
                holder.begin();
                return holder.createQuery("SELECT state FROM trade.submissions WHERE intent_id = :id FOR UPDATE")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one();
            });
            return new OrderOutcome.Accepted("06590", ODNO, "090001", "APBK0013", "주문 전송 완료", "{}");
        };
        Submitter submitter = new Submitter(
                f.jdbi,
                port,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                f.alerts,
                replay);

        Future<SubmitResult> send = pool.submit(() -> submitter.submitOne(id, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> lockWaiters() == 1); // the journal write queued
        OrderKey key = OrderKey.of(SubmitFixture.ACCOUNT, tradingDate.get(), ODNO);
        BrokerOrderSighting notice = new BrokerOrderSighting(
                key, null, "051910", Side.BUY, 2, null, null, Instant.now(), BrokerOrderSighting.Channel.NOTICE, null);
        Future<OwnershipVerdict> decision = pool.submit(() -> ownership.decide(notice));
        await().atMost(Duration.ofSeconds(30)).until(() -> lockWaiters() == 2); // the decision queued behind it
        onHolder(() -> {
            holder.commit();
            return null;
        });

        assertThat(decision.get(30, TimeUnit.SECONDS))
                .as("the submitter's own order is adopted from the journal, never recorded EXTERNAL")
                .isEqualTo(new OwnershipVerdict.Adopted(key, id));
        assertThat(send.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(SubmitOutcome.SUBMITTED);
        assertThat(fillApplied).isTrue();
        Order row = OrderStore.of(f.jdbi).findByKey(key).orElseThrow();
        assertThat(row.intentId()).isEqualTo(id);
        assertThat(row.source().name()).isEqualTo("INTENT");
        assertThat(row.status().name()).isEqualTo("FILLED");
        assertThat(f.intentStatus(id)).isEqualTo(IntentStatus.FILLED.name());
        assertThat((long) f.jdbi.<Long, RuntimeException>withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM trade.outbox WHERE aggregate_id = :o AND payload::text LIKE '%EXTERNAL%'")
                        .bind("o", key.orderId())
                        .mapTo(Long.class)
                        .one()))
                .as("no EXTERNAL announcement of our own order")
                .isZero();
        assertThat(repairs()).as("nothing left for the safety net").isZero();
    }

    @Test
    void anOrderRecordedExternalBeforeItsOwnerDiedIsLinkedAndItsIntentSettledByTheRepair() {
        // what the race left when the submitter died between its journal write and its row write: the
        // journal ACCEPTED with the ODNO, the order EXTERNAL (no intent) and FILLED, the intent SENDING
        UUID id = f.intent(null, "051910", "ENTRY", 2, "MKT", null);
        Incarnation owner = Incarnation.start();
        SubmissionStore journal = SubmissionStore.of(f.jdbi);
        String req = "{\"intent_type\":\"ENTRY\",\"position_id\":null,\"symbol\":\"051910\",\"side\":\"BUY\","
                + "\"ord_dvsn\":\"01\",\"qty\":2,\"price\":\"0\"}";
        assertThat(journal.claim(id, owner, req, JournalPolicy.defaults())).isPresent();
        SendPermit permit =
                journal.beginSend(id, owner, JournalPolicy.defaults()).orElseThrow();
        OrderKey key = OrderKey.of(SubmitFixture.ACCOUNT, permit.tradingDate(), ODNO);
        assertThat(journal.markAccepted(permit, key.orderId(), "{}")).isTrue();
        PgOrderOwnership ownership = new PgOrderOwnership(
                f.jdbi, Clock.systemUTC(), Duration.ofSeconds(2), new LoggingAlerter(), ParkedNoticeReplay.NONE);
        OrderStore.of(f.jdbi)
                .upsert(
                        new Order(
                                key,
                                null,
                                null,
                                "06590",
                                null,
                                "051910",
                                Side.BUY,
                                OrderType.MKT,
                                2,
                                null,
                                0,
                                2,
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.SUBMITTED,
                                OrderSource.EXTERNAL,
                                null,
                                Instant.now(),
                                Instant.now()),
                        null);
        new FillApplier(new OrderTx(f.jdbi), Clock.systemUTC())
                .applyNotice(key, new NoticeReceipt("c1", 1, 0), Instant.now(), 2, new BigDecimal("72000"), "{}");
        assertThat(f.intentStatus(id)).isEqualTo("SENDING");

        UnknownResolver resolver = new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                ownership,
                f.submitter(),
                new AbsenceRules(Duration.ofSeconds(5), KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                new LoggingAlerter());
        resolver.resolveAll();

        Order row = OrderStore.of(f.jdbi).findByKey(key).orElseThrow();
        assertThat(row.intentId()).isEqualTo(id);
        assertThat(row.source().name()).isEqualTo("INTENT");
        assertThat(f.intentStatus(id)).isEqualTo(IntentStatus.FILLED.name());
        assertThat(repairs()).isZero();
    }

    /** The order's one fill notice, parked before its row existed: applied by whichever write makes the row. */
    ParkedNoticeReplay parkedFill(AtomicBoolean applied) {
        return (h, key) -> {
            if (applied.compareAndSet(false, true)) {
                new FillApplier(new OrderTx(f.jdbi), Clock.systemUTC())
                        .applyNotice(
                                key, new NoticeReceipt("c1", 1, 0), Instant.now(), 2, new BigDecimal("72000"), "{}");
            }
        };
    }

    /** Backends of this test's database waiting for a lock. */
    long lockWaiters() {
        return f.jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE datname = current_database() AND wait_event_type = 'Lock'""").mapTo(Long.class).one());
    }

    /** What the settle-intents safety net would still repair now. */
    int repairs() {
        AtomicInteger n = new AtomicInteger();
        new IntentSettlePass(f.jdbi, Clock.systemUTC(), n::incrementAndGet).run();
        return n.get();
    }

    <T> T onHolder(Callable<T> work) throws Exception {
        return holderThread.submit(work).get(30, TimeUnit.SECONDS);
    }

    <T> T onHolderUnchecked(Callable<T> work) {
        try {
            return onHolder(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
