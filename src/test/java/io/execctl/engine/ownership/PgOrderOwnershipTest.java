package io.execctl.engine.ownership;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.store.Incarnation;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ownership decision over PostgreSQL, with journal rows written through the journal's own
 * steps (claim, fencing write, unknown outcome) and broker orders given as sightings.
 */
class PgOrderOwnershipTest {
    static final String ACC = "50000001-01";
    static final JournalPolicy POLICY =
            new JournalPolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, 2);

    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    Jdbi jdbi;
    LoggingAlerter alerter;
    PgOrderOwnership ownership;

    @BeforeEach
    void setUp() {
        jdbi = DB.jdbi();
        jdbi.useHandle(
                h -> h.execute(
                        "TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.submissions, trade.outbox, "
                                + "trade.intent_outcomes, trade.order_intents, trade.held_notices, trade.order_cancel_confirms"));
        alerter = new LoggingAlerter();
        ownership =
                new PgOrderOwnership(jdbi, Clock.systemUTC(), Duration.ofSeconds(2), alerter, ParkedNoticeReplay.NONE);
    }

    /** An intent whose order POST went out and came back without an outcome: journal and intent UNKNOWN. */
    SendPermit unknownBuy(String symbol, long qty) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code,
                                                         action_key)
                        VALUES (:id, :sym, 'ENTRY', :qty, 'MKT', 'T', :key)""")
                .bind("id", id)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("key", "k-" + id)
                .execute());
        String req = "{\"intent_type\":\"ENTRY\",\"position_id\":null,\"symbol\":\"%s\",\"side\":\"BUY\","
                + "\"ord_dvsn\":\"01\",\"qty\":%d,\"price\":\"0\"}";
        SubmissionStore journal = SubmissionStore.of(jdbi);
        Incarnation owner = Incarnation.start();
        assertThat(journal.claim(id, owner, req.formatted(symbol, qty), POLICY)).isPresent();
        SendPermit permit = journal.beginSend(id, owner, POLICY).orElseThrow();
        assertThat(journal.markUnknown(permit, "timeout")).isTrue();
        return permit;
    }

    BrokerOrderSighting buy(LocalDate date, String odno, String symbol, long qty, Instant at) {
        return new BrokerOrderSighting(
                OrderKey.of(ACC, date, odno),
                null,
                symbol,
                Side.BUY,
                qty,
                OrderType.MKT,
                BigDecimal.ZERO,
                at,
                BrokerOrderSighting.Channel.DAILY_CCLD,
                "06590");
    }

    String q(String sql, Object id) {
        return jdbi.withHandle(
                h -> h.createQuery(sql).bind("id", id).mapTo(String.class).one());
    }

    long n(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void anOrderNoSubmissionCouldBeIsRecordedExternalOnceAndDecidedAlikeTwice() {
        BrokerOrderSighting s = buy(LocalDate.now(), "0000000101", "005930", 3, Instant.now());

        OwnershipVerdict first = ownership.decide(s);
        OwnershipVerdict second = ownership.decide(s);

        assertThat(first).isEqualTo(new OwnershipVerdict.External(s.key()));
        assertThat(second).isEqualTo(first);
        assertThat(q(
                        "SELECT source FROM trade.orders WHERE order_id = :id",
                        s.key().orderId()))
                .isEqualTo("EXTERNAL");
        assertThat(n("SELECT count(*) FROM trade.orders")).isEqualTo(1);
        assertThat(n("SELECT count(*) FROM trade.outbox WHERE event_type = 'ORDER_STATUS'"))
                .as("one event, not one per decision")
                .isEqualTo(1);
    }

    @Test
    void whileAnUnknownSubmissionCouldBeItTheOrderIsPendingNeverExternalWhateverItsTime() {
        SendPermit p = unknownBuy("005930", 3);
        // a notice: no order type, no price, and a time far from the send (a wrong clock)
        BrokerOrderSighting notice = new BrokerOrderSighting(
                OrderKey.of(ACC, p.tradingDate(), "0000000102"),
                null,
                "005930",
                Side.BUY,
                3,
                null,
                null,
                Instant.now().minus(Duration.ofHours(5)),
                BrokerOrderSighting.Channel.NOTICE);

        OwnershipVerdict v = ownership.decide(notice);

        assertThat(v).isInstanceOf(OwnershipVerdict.Pending.class);
        assertThat(n("SELECT count(*) FROM trade.orders")).isZero();
        assertThat(q("SELECT state FROM trade.submissions WHERE intent_id = :id", p.intentId()))
                .isEqualTo("UNKNOWN");
        // another quantity cannot be it: EXTERNAL
        assertThat(ownership.decide(buy(p.tradingDate(), "0000000103", "005930", 4, Instant.now())))
                .isInstanceOf(OwnershipVerdict.External.class);
    }

    @Test
    void theOneCandidateOfACompleteInquiryIsAdoptedInOneTransactionAndAdoptionIsIdempotent() {
        SendPermit p = unknownBuy("005930", 3);
        BrokerOrderSighting s = buy(p.tradingDate(), "0000000104", "005930", 3, Instant.now());
        BrokerOrderSighting other = buy(p.tradingDate(), "0000000105", "005930", 7, Instant.now());

        OwnershipVerdict v = ownership.decideWithInquiry(s, List.of(s, other));

        assertThat(v).isEqualTo(new OwnershipVerdict.Adopted(s.key(), p.intentId()));
        assertThat(q(
                        "SELECT intent_id::text FROM trade.orders WHERE order_id = :id",
                        s.key().orderId()))
                .isEqualTo(p.intentId().toString());
        assertThat(q("SELECT status FROM trade.order_intents WHERE intent_id = :id", p.intentId()))
                .isEqualTo("SUBMITTED");
        assertThat(q("SELECT state || '/' || order_id FROM trade.submissions WHERE intent_id = :id", p.intentId()))
                .isEqualTo("RESOLVED/" + s.key().orderId());
        assertThat(q("SELECT reason_code FROM trade.intent_outcomes WHERE intent_id = :id", p.intentId()))
                .isEqualTo("ADOPTED");
        long events = n("SELECT count(*) FROM trade.outbox");

        assertThat(ownership.decideWithInquiry(s, List.of(s, other))).isEqualTo(v);
        assertThat(ownership.decide(s)).isEqualTo(v);
        assertThat(n("SELECT count(*) FROM trade.outbox"))
                .as("nothing written again")
                .isEqualTo(events);
        // a single notice never adopts on its own
        SendPermit p2 = unknownBuy("000660", 2);
        assertThat(ownership.decide(buy(p2.tradingDate(), "0000000106", "000660", 2, Instant.now())))
                .isInstanceOf(OwnershipVerdict.Pending.class);
    }

    @Test
    void twoOrdersOfTheSubmissionsShapeLeaveItUnknownWithAnAlert() {
        SendPermit p = unknownBuy("005930", 3);
        BrokerOrderSighting ours = buy(p.tradingDate(), "0000000107", "005930", 3, Instant.now());
        BrokerOrderSighting hts = buy(p.tradingDate(), "0000000108", "005930", 3, Instant.now());

        OwnershipVerdict a = ownership.decideWithInquiry(ours, List.of(ours, hts));
        OwnershipVerdict b = ownership.decideWithInquiry(hts, List.of(ours, hts));

        assertThat(a).isInstanceOf(OwnershipVerdict.Pending.class);
        assertThat(b).isInstanceOf(OwnershipVerdict.Pending.class);
        assertThat(alerter.count("AMBIGUOUS_ORDER_MATCH")).isEqualTo(2);
        assertThat(n("SELECT count(*) FROM trade.orders")).isZero();
        assertThat(q("SELECT status FROM trade.order_intents WHERE intent_id = :id", p.intentId()))
                .isEqualTo("UNKNOWN");
    }

    @Test
    void anOrderPlacedBeforeTheSendIsNoMateAndAnOrderOutsideTheWindowIsNotAdopted() {
        SendPermit p = unknownBuy("005930", 3);
        BrokerOrderSighting early =
                buy(p.tradingDate(), "0000000109", "005930", 3, p.sentAt().minusSeconds(60));
        BrokerOrderSighting ours = buy(p.tradingDate(), "0000000110", "005930", 3, Instant.now());

        assertThat(ownership.decideWithInquiry(early, List.of(early, ours)))
                .as("its time is outside the window: not adopted, and not EXTERNAL while the submission is open")
                .isInstanceOf(OwnershipVerdict.Pending.class);
        assertThat(ownership.decideWithInquiry(ours, List.of(early, ours)))
                .isEqualTo(new OwnershipVerdict.Adopted(ours.key(), p.intentId()));
        // the submission is resolved now: the early order is decided EXTERNAL
        assertThat(ownership.decide(early)).isInstanceOf(OwnershipVerdict.External.class);
    }

    @Test
    void anExternalOrderThatAnAdoptionFindsIsReattributedToItsIntent() {
        LocalDate today = KoreaTime.tradingDate(Instant.now());
        Instant at = Instant.now().plusSeconds(1);
        BrokerOrderSighting s = buy(today, "0000000111", "005930", 3, at);
        assertThat(ownership.decide(s)).isInstanceOf(OwnershipVerdict.External.class);
        SendPermit p = unknownBuy("005930", 3); // a send whose window covers the order's time

        OwnershipVerdict v = ownership.decideWithInquiry(s, List.of(s));

        assertThat(v).isEqualTo(new OwnershipVerdict.Adopted(s.key(), p.intentId()));
        assertThat(q(
                        "SELECT source || '/' || intent_id FROM trade.orders WHERE order_id = :id",
                        s.key().orderId()))
                .isEqualTo("INTENT/" + p.intentId());
        assertThat(n("SELECT count(*) FROM trade.outbox WHERE event_type = 'ORDER_CORRECTED'"))
                .isEqualTo(1);
        assertThat(q("SELECT reason_code FROM trade.intent_outcomes WHERE intent_id = :id", p.intentId()))
                .isEqualTo("REATTRIBUTED");
    }

    @Test
    void aCancelOfAnOrderWeHoldIsLinkedToIt() {
        SendPermit p = unknownBuy("005930", 3);
        BrokerOrderSighting s = buy(p.tradingDate(), "0000000112", "005930", 3, Instant.now());
        ownership.decideWithInquiry(s, List.of(s));
        BrokerOrderSighting cancel = new BrokerOrderSighting(
                OrderKey.of(ACC, p.tradingDate(), "0000000113"),
                "112",
                "005930",
                Side.BUY,
                3,
                null,
                null,
                Instant.now(),
                BrokerOrderSighting.Channel.NOTICE);

        OwnershipVerdict v = ownership.decide(cancel);

        assertThat(v).isEqualTo(new OwnershipVerdict.Linked(cancel.key(), s.key()));
        assertThat(ownership.decide(cancel)).isEqualTo(v);
        assertThat(q(
                        "SELECT orig_order_no || '/' || source FROM trade.orders WHERE order_id = :id",
                        cancel.key().orderId()))
                .isEqualTo("0000000112/REVISION");
    }

    @Test
    void twoProcessesDecidingAtOnceAdoptOneOrderIntoOneSubmission() throws Exception {
        SendPermit p = unknownBuy("005930", 3);
        List<BrokerOrderSighting> inquiry = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            inquiry.add(buy(p.tradingDate(), "000000020" + i, "005930", 3, Instant.now()));
        }
        BrokerOrderSighting s = inquiry.get(0);
        PgOrderOwnership other = PgOrderOwnership.create(jdbi, alerter);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<OwnershipVerdict>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PgOrderOwnership o = i % 2 == 0 ? ownership : other;
                Callable<OwnershipVerdict> c = () -> o.decideWithInquiry(s, List.of(s));
                futures.add(pool.submit(c));
            }
            for (Future<OwnershipVerdict> f : futures) {
                assertThat(f.get()).isEqualTo(new OwnershipVerdict.Adopted(s.key(), p.intentId()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(n("SELECT count(*) FROM trade.orders")).isEqualTo(1);
        // a second ODNO cannot be adopted into the same submission
        assertThat(ownership.decideWithInquiry(inquiry.get(1), List.of(inquiry.get(1))))
                .isInstanceOf(OwnershipVerdict.External.class);
        assertThat(n("SELECT count(*) FROM trade.orders WHERE intent_id IS NOT NULL"))
                .isEqualTo(1);
    }
}
