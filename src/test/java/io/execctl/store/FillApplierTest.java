package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillModel;
import io.execctl.domain.FillSource;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OverQuantity;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-order applier on a real PostgreSQL: one transaction under the order's lock writes the
 * fill rows, the order's quantities and status, and the outbox events; stale snapshots void
 * nothing, broker-final totals correct a duplicated notice, inferred fills are superseded.
 */
class FillApplierTest {
    private static final BigDecimal P = new BigDecimal("72000");
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static MutableClock clock;
    private static FillApplier applier;
    private static OrderStore orders;
    private static FillStore fills;
    private static int frame;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        clock = new MutableClock(Samples.T0);
        applier = new FillApplier(new OrderTx(jdbi), clock);
        orders = OrderStore.of(jdbi);
        fills = FillStore.of(jdbi);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Order newOrder() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        return o;
    }

    private static NoticeReceipt receipt() {
        return new NoticeReceipt("conn-t", ++frame, 0);
    }

    private static FillApplier.Applied notice(Order o, NoticeReceipt r, long qty, BigDecimal price) {
        clock.advance(Duration.ofSeconds(1));
        return applier.applyNotice(o.key(), r, clock.instant(), qty, price, "{\"CNTG_QTY\":\"" + qty + "\"}");
    }

    private static FillApplier.Applied snapshot(Order o, long tot, long amount, long rmn, long cncl, boolean infer) {
        clock.advance(Duration.ofSeconds(1));
        return applier.applySnapshot(
                o.key(), new BrokerTotals(o.qty(), tot, BigDecimal.valueOf(amount), rmn, cncl, 0), infer);
    }

    private static List<OutboxEvent> events(Order o) {
        return OutboxStore.of(jdbi).findAfter(0, 1000).stream()
                .filter(e -> e.aggregateId().equals(o.orderId()))
                .toList();
    }

    @Test
    void aNoticeWritesTheFillTheOrderAndTheEventsTogether() {
        Order o = newOrder();
        FillApplier.Applied a = notice(o, receipt(), 4, P);
        assertThat(a.inserted()).singleElement().satisfies(f -> assertThat(f.source())
                .isEqualTo(FillSource.WS));
        Order back = a.order().orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.PARTIAL);
        assertThat(back.filledQty()).isEqualTo(4);
        assertThat(back.openQty()).isEqualTo(6);
        assertThat(back.avgFillPrice()).isEqualByComparingTo("72000");
        assertThat(events(o))
                .extracting(OutboxEvent::eventType)
                .containsExactly(OutboxEvent.FILL, OutboxEvent.ORDER_STATUS);
    }

    @Test
    void theIntentsMovesFromFillsAreRecordedAndAnnouncedCorrectionsIncluded() {
        UUID intent = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code,
                                                         action_key, status)
                        VALUES (:id, '005930', 'ENTRY', 10, 'MKT', 'T', :key, 'SUBMITTED')""")
                .bind("id", intent)
                .bind("key", "fills-" + intent)
                .execute());
        Order o = Samples.submitted(Samples.nextKey(), intent);
        orders.upsert(o, null);

        notice(o, receipt(), 5, P);
        notice(o, receipt(), 5, P); // a duplicate: FILLED for now
        snapshot(o, 5, 360_000, 0, 5, false); // broker-final: 5 executed, 5 cancelled

        List<String> announced = jdbi.withHandle(h -> h.createQuery("""
                        SELECT payload ->> 'status' FROM trade.outbox
                         WHERE event_type = 'INTENT_STATUS' AND aggregate_id = :id ORDER BY id""")
                .bind("id", intent.toString())
                .mapTo(String.class)
                .list());
        assertThat(announced).containsExactly("FILLED", "CANCELLED");
        assertThat(IntentOutcomeStore.of(jdbi).find(intent)).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(IntentStatus.CANCELLED);
            assertThat(x.reasonCode()).isEqualTo("ORDER_CORRECTED");
        });
    }

    @Test
    void aNoticeForAnUnknownOrderWritesNothing() {
        OrderKey unknown = OrderKey.of(Samples.ACCOUNT, Samples.DAY, "9999999");
        FillApplier.Applied a = applier.applyNotice(unknown, receipt(), Samples.T0, 1, P, null);
        assertThat(a.orderKnown()).isFalse();
        assertThat(fills.listAll(unknown.orderId())).isEmpty();
    }

    @Test
    void aStaleSnapshotNeverVoidsRealFills() {
        Order o = newOrder();
        notice(o, receipt(), 4, P);
        notice(o, receipt(), 2, P);
        FillApplier.Applied stale = snapshot(o, 4, 288_000, 6, 0, true);
        assertThat(stale.voided()).isEmpty();
        assertThat(stale.inserted()).isEmpty();
        assertThat(stale.order().orElseThrow().filledQty()).isEqualTo(6);
        assertThat(stale.order().orElseThrow().status()).isEqualTo(OrderStatus.PARTIAL);
    }

    @Test
    void aDuplicatedNoticeFillsTheOrderUntilFinalTotalsCorrectIt() {
        Order o = newOrder(); // 10 shares
        notice(o, receipt(), 5, P);
        // KIS delivered the same execution again after a reconnect: no execution id tells it apart.
        FillApplier.Applied dup = notice(o, receipt(), 5, P);
        assertThat(dup.order().orElseThrow().status()).isEqualTo(OrderStatus.FILLED);

        // Broker-final: 5 executed, 5 cancelled, nothing remains.
        FillApplier.Applied fin = snapshot(o, 5, 360_000, 0, 5, false);
        assertThat(fin.correction()).isTrue();
        assertThat(fin.voided()).singleElement().satisfies(f -> assertThat(f.voidReason())
                .isEqualTo(FillModel.SURPLUS));
        Order back = fin.order().orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(back.filledQty()).isEqualTo(5);
        assertThat(back.brokerStatus()).isEqualTo(BrokerStatus.CANCELLED);
        assertThat(fills.listAll(o.orderId()))
                .hasSize(2)
                .extracting(Fill::voided)
                .containsExactly(false, true);
        assertThat(events(o))
                .extracting(OutboxEvent::eventType)
                .containsExactly(
                        OutboxEvent.FILL,
                        OutboxEvent.ORDER_STATUS,
                        OutboxEvent.FILL,
                        OutboxEvent.ORDER_STATUS,
                        OutboxEvent.FILL_VOIDED,
                        OutboxEvent.ORDER_CORRECTED);
        assertThat(events(o).get(5).payloadJson()).contains("\"from\": \"FILLED\"", "\"to\": \"CANCELLED_PARTIAL\"");
    }

    @Test
    void aDeficitIsInferredWhenOldEnoughAndSupersededByTheNoticesSum() {
        Order o = newOrder();
        FillApplier.Applied young = snapshot(o, 5, 360_600, 5, 0, false);
        assertThat(young.deficit()).isEqualTo(5);
        assertThat(young.inserted()).isEmpty();
        FillApplier.Applied old = snapshot(o, 5, 360_600, 5, 0, true);
        assertThat(old.inserted()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo(FillSource.INFERRED);
            assertThat(f.amount()).isEqualByComparingTo("360600");
        });
        assertThat(old.order().orElseThrow().filledQty()).isEqualTo(5);
        assertThat(old.order().orElseThrow().avgFillPrice()).isEqualByComparingTo("72120");

        // The late notices: 2 then 3 (their sum covers the inferred 5, no single one does).
        FillApplier.Applied first = notice(o, receipt(), 2, new BigDecimal("72000"));
        assertThat(first.order().orElseThrow().filledQty()).isEqualTo(5);
        FillApplier.Applied second = notice(o, receipt(), 3, new BigDecimal("72200"));
        Order back = second.order().orElseThrow();
        assertThat(back.filledQty()).isEqualTo(5);
        assertThat(back.avgFillPrice()).isEqualByComparingTo("72120");
        assertThat(fills.listLive(o.orderId())).extracting(Fill::source).containsOnly(FillSource.WS);
        assertThat(fills.listAll(o.orderId()))
                .filteredOn(f -> f.source() == FillSource.INFERRED)
                .allSatisfy(f -> assertThat(f.voided()).isTrue());
    }

    @Test
    void concurrentNoticesOnOneOrderAreAllCountedOnce() throws Exception {
        Order o = newOrder();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 2; i++) {
                        NoticeReceipt r = new NoticeReceipt("conn-c", thread, i);
                        applier.applyNotice(o.key(), r, Samples.T0, 1, P, null);
                        applier.applyNotice(o.key(), r, Samples.T0, 1, P, null); // the same receipt again
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.filledQty()).isEqualTo(8);
        assertThat(fills.listAll(o.orderId())).hasSize(8);
        assertThat(back.status()).isEqualTo(OrderStatus.PARTIAL);
    }

    /**
     * Seeded random event sequences applied through the store and, in memory, through the pure
     * {@link FillModel}: after every event the stored rows, quantities and broker proof are what the
     * model says (the store persists each step faithfully: row order, amounts, voids).
     */
    @Test
    void theStoreAppliesExactlyWhatThePureModelSays() {
        Random rnd = new Random(20261203L);
        for (int scenario = 0; scenario < 25; scenario++) {
            Order o = newOrder(); // 10 shares
            FillBook book = FillBook.empty(o.orderId());
            long executed = 0;
            BigDecimal amount = BigDecimal.ZERO;
            boolean ended = false;
            List<Fill> held = new ArrayList<>(); // notices past the quantity (OverQuantity)
            for (int e = 0; e < 12; e++) {
                clock.advance(Duration.ofSeconds(1));
                FillModel.Step step;
                int kind = rnd.nextInt(4);
                if (kind <= 1 && !ended && executed < o.qty()) {
                    long q = 1 + rnd.nextInt((int) Math.min(3, o.qty() - executed));
                    BigDecimal price = BigDecimal.valueOf(72_000 + 100 * rnd.nextInt(2));
                    executed += q;
                    amount = amount.add(price.multiply(BigDecimal.valueOf(q)));
                    NoticeReceipt r = receipt();
                    int copies = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(4) == 0 ? 2 : 1; // dropped, duplicated
                    step = new FillModel.Step(book, book, List.of(), List.of());
                    for (int c = 0; c < copies; c++) {
                        NoticeReceipt rc = c == 0 ? r : receipt();
                        Fill n = Fill.ws(o.orderId(), rc, clock.instant(), q, price);
                        FillModel.Step s = FillModel.onNotice(step.after(), n, clock.instant());
                        if (!OverQuantity.holds(o.qty(), s)) {
                            step = s;
                        } else if (!held.contains(n)) {
                            held.add(n);
                        }
                        applier.applyNotice(o.key(), rc, clock.instant(), q, price, null);
                        // the same receipt again changes nothing
                        applier.applyNotice(o.key(), rc, clock.instant(), q, price, null);
                    }
                } else {
                    boolean fin = ended || rnd.nextInt(4) == 0;
                    BrokerTotals t = new BrokerTotals(
                            o.qty(), executed, amount, fin ? 0 : o.qty() - executed, fin ? o.qty() - executed : 0, 0);
                    boolean infer = rnd.nextBoolean();
                    OverQuantity.Resolution r = OverQuantity.onSnapshot(book, o.qty(), t, infer, held, clock.instant());
                    step = r.step();
                    held.removeIf(
                            h -> r.applied().stream().anyMatch(f -> f.fillId().equals(h.fillId()))
                                    || r.duplicates().contains(h));
                    applier.applySnapshot(o.key(), t, infer);
                    ended = fin;
                }
                book = step.after();
                List<Fill> stored = fills.listAll(o.orderId());
                assertThat(stored)
                        .extracting(Fill::fillId)
                        .containsExactlyElementsOf(
                                book.rows().stream().map(Fill::fillId).toList());
                assertThat(stored)
                        .extracting(Fill::voided)
                        .containsExactlyElementsOf(
                                book.rows().stream().map(Fill::voided).toList());
                Order back = orders.find(o.orderId()).orElseThrow();
                assertThat(back.filledQty()).isEqualTo(book.liveQty());
                assertThat(back.status()).isNotEqualTo(OrderStatus.ERROR);
                assertThat(fills.totals(o.orderId()).amount()).isEqualByComparingTo(book.liveAmount());
                assertThat(orders.brokerProof(o.key())).contains(book.broker());
            }
        }
    }
}
