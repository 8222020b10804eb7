package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.PassReport;
import io.execctl.engine.sync.OrderRecomputePass;
import io.execctl.proof.DbFacts;
import io.execctl.proof.OutboxCheck;
import io.execctl.proof.Violation;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bootstrap step recompute-orders on a real PostgreSQL: an order row that disagrees with its live
 * fills is corrected under its lock, announced once as ORDER_CORRECTED and its intent follows; an
 * order that agrees is untouched; a cancelled remainder stays cancelled; a second run changes nothing.
 */
class OrderRecomputeTest {
    private static final BigDecimal P = new BigDecimal("72000");
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static MutableClock clock;
    private static FillApplier applier;
    private static OrderRecompute recompute;
    private static int frame;
    private final AtomicInteger drifts = new AtomicInteger();

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        clock = new MutableClock(Samples.T0);
        applier = new FillApplier(new OrderTx(jdbi), clock);
        recompute = new OrderRecompute(jdbi, new OrderTx(jdbi), clock);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void clean() {
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.outbox, "
                + "trade.intent_outcomes, trade.order_intents CASCADE"));
    }

    private OrderRecomputePass pass() {
        return new OrderRecomputePass(recompute, Samples.ACCOUNT, drifts::incrementAndGet);
    }

    private static UUID intent() {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code,
                                                         action_key, status)
                        VALUES (:id, '005930', 'ENTRY', 10, 'MKT', 'T', :key, 'SUBMITTED')""")
                .bind("id", id)
                .bind("key", "recompute-" + id)
                .execute());
        return id;
    }

    private static Order order(UUID intent) {
        Order o = Samples.submitted(Samples.nextKey(), intent);
        OrderStore.of(jdbi).upsert(o, null);
        return o;
    }

    private static void fill(Order o, long qty) {
        clock.advance(Duration.ofSeconds(1));
        applier.applyNotice(
                o.key(), new NoticeReceipt("conn-r", ++frame, 0), clock.instant(), qty, P, "{\"CNTG_QTY\":1}");
    }

    /** What a writer around the fill path would leave: the row's quantities and status overwritten. */
    private static void tamper(Order o, long filled, long open, OrderStatus status) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE trade.orders SET filled_qty = :f, open_qty = :o, status = :s" + " WHERE order_id = :id")
                .bind("f", filled)
                .bind("o", open)
                .bind("s", status.name())
                .bind("id", o.orderId())
                .execute());
    }

    private static Order row(Order o) {
        return OrderStore.of(jdbi).findByKey(o.key()).orElseThrow();
    }

    private static List<OutboxEvent> events(String type) {
        return OutboxStore.of(jdbi).findAfter(0, 1000).stream()
                .filter(e -> e.eventType().equals(type))
                .toList();
    }

    private static String intentStatus(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    @Test
    void aDriftedOrderIsCorrectedAndAnnouncedOnceACorrectOneIsUntouchedAndASecondRunIsANoOp() throws Exception {
        Order drifted = order(intent());
        fill(drifted, 3);
        fill(drifted, 4);
        tamper(drifted, 5, 5, OrderStatus.PARTIAL); // the row says 5, the fills say 7
        Order correct = order(intent());
        fill(correct, 2);
        Order untouched = row(correct);
        int eventsBefore = OutboxStore.of(jdbi).findAfter(0, 1000).size();

        PassReport first = pass().run();

        assertThat(first.complete()).isTrue();
        assertThat(first.changed()).isEqualTo(1);
        assertThat(drifts).hasValue(1);
        Order fixed = row(drifted);
        assertThat(fixed.filledQty()).isEqualTo(7);
        assertThat(fixed.openQty()).isEqualTo(3);
        assertThat(fixed.avgFillPrice()).isEqualByComparingTo(P);
        assertThat(fixed.status()).isEqualTo(OrderStatus.PARTIAL);
        assertThat(row(correct)).isEqualTo(untouched);
        assertThat(events(OutboxEvent.ORDER_CORRECTED)).singleElement().satisfies(e -> {
            assertThat(e.aggregateId()).isEqualTo(drifted.orderId());
            assertThat(e.payloadJson()).contains("\"filled_qty\": 7").contains("\"was_filled_qty\": 5");
        });
        assertThat(OutboxStore.of(jdbi).findAfter(0, 1000)).hasSize(eventsBefore + 1);

        PassReport second = pass().run();

        assertThat(second.changed()).isZero();
        assertThat(drifts).hasValue(1);
        assertThat(row(drifted)).isEqualTo(fixed);
        assertThat(OutboxStore.of(jdbi).findAfter(0, 1000)).hasSize(eventsBefore + 1);
    }

    @Test
    void theLockFreeCheckFindsExactlyTheDriftedOrdersAcrossItsReadBatches() throws Exception {
        Order first = order(intent());
        for (int i = 0; i < OrderRecompute.READ_BATCH; i++) {
            order(intent());
        }
        Order last = order(intent()); // in the second read batch
        fill(first, 2);
        fill(last, 3);
        tamper(first, 1, 9, OrderStatus.PARTIAL);
        tamper(last, 0, 10, OrderStatus.SUBMITTED);

        OrderRecompute.Checked checked = recompute.drifting(Samples.ACCOUNT);

        assertThat(checked.checked()).isEqualTo(OrderRecompute.READ_BATCH + 2);
        assertThat(checked.drifting()).containsExactly(first.key(), last.key());
        assertThat(row(first).filledQty()).as("the check writes nothing").isEqualTo(1);

        PassReport r = pass().run();

        assertThat(r.changed()).isEqualTo(2);
        assertThat(r.summary()).startsWith((OrderRecompute.READ_BATCH + 2) + " order(s) recomputed");
        assertThat(events(OutboxEvent.ORDER_CORRECTED))
                .extracting(OutboxEvent::aggregateId)
                .containsExactlyInAnyOrder(first.orderId(), last.orderId());
        assertThat(row(first).filledQty()).isEqualTo(2);
        assertThat(row(last).filledQty()).isEqualTo(3);
        assertThat(recompute.drifting(Samples.ACCOUNT).drifting()).isEmpty();
    }

    @Test
    void aStatusTheFillsContradictIsCorrectedAndTheIntentFollowsItsChain() throws Exception {
        UUID intent = intent();
        Order o = order(intent);
        fill(o, 4);
        fill(o, 6); // FILLED, intent FILLED
        assertThat(intentStatus(intent)).isEqualTo("FILLED");
        tamper(o, 6, 4, OrderStatus.PARTIAL);
        jdbi.useHandle(h -> h.execute("UPDATE trade.order_intents SET status = 'SUBMITTED'"));

        assertThat(pass().run().changed()).isEqualTo(1);

        Order fixed = row(o);
        assertThat(fixed.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fixed.filledQty()).isEqualTo(10);
        assertThat(fixed.openQty()).isZero();
        assertThat(intentStatus(intent)).isEqualTo("FILLED");
        assertThat(events(OutboxEvent.ORDER_CORRECTED)).singleElement().satisfies(e -> assertThat(e.payloadJson())
                .contains("\"from\": \"PARTIAL\"")
                .contains("\"to\": \"FILLED\""));
        assertThat(pass().run().changed()).isZero();
    }

    @Test
    void aCancelledRemainderIsNeverReopened() throws Exception {
        Order o = order(intent());
        fill(o, 4);
        applier.applyBrokerStatus(o.key(), BrokerStatus.CANCELLED);
        assertThat(row(o).status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        tamper(o, 3, 0, OrderStatus.CANCELLED_PARTIAL); // the row lost a fill; the remainder stays gone

        assertThat(pass().run().changed()).isEqualTo(1);

        Order fixed = row(o);
        assertThat(fixed.filledQty()).isEqualTo(4);
        assertThat(fixed.openQty()).isZero();
        assertThat(fixed.status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(fixed.brokerStatus()).isEqualTo(BrokerStatus.CANCELLED);
        assertThat(pass().run().changed()).isZero();
    }

    @Test
    void aConfirmedPartialCancelStaysNetOfTheOpenQuantity() throws Exception {
        Order o = order(intent());
        fill(o, 3);
        // the broker confirmed 4 cancelled (V15): the open quantity is 10 - 3 - 4
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE trade.orders SET cancelled_qty = 4, open_qty = 3 WHERE order_id = :id")
                        .bind("id", o.orderId())
                        .execute());
        assertThat(pass().run().changed()).isZero();

        tamper(o, 2, 4, row(o).status()); // lost a fill: corrected, the cancel still netted once
        assertThat(pass().run().changed()).isEqualTo(1);
        Order fixed = row(o);
        assertThat(fixed.filledQty()).isEqualTo(3);
        assertThat(fixed.openQty()).isEqualTo(3);
        assertThat(pass().run().changed()).isZero();
    }

    @Test
    void aCancelRequestsOwnRowWithNothingOpenStaysClosed() throws Exception {
        Order original = order(intent());
        Order cancel = new Order(
                Samples.nextKey(),
                null,
                original.positionId(),
                Samples.BRANCH,
                original.key().odno(),
                "005930",
                original.side(),
                original.orderType(),
                10,
                original.limitPrice(),
                0,
                0, // a cancel request never executes
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.REVISION,
                null,
                Samples.T0,
                Samples.T0);
        OrderStore.of(jdbi).upsert(cancel, null);

        assertThat(pass().run().changed()).isZero();
        assertThat(row(cancel).openQty()).isZero();
    }

    @Test
    void theOutboxAgreesWithTheRowsAfterACorrection() throws Exception {
        UUID intent = intent();
        Order o = order(intent);
        fill(o, 10);
        tamper(o, 8, 2, OrderStatus.PARTIAL);

        pass().run();

        List<Violation> v = OutboxCheck.check(DbFacts.read(jdbi, Samples.ACCOUNT), OutboxCheck.read(jdbi));
        assertThat(v).isEmpty();
    }
}
