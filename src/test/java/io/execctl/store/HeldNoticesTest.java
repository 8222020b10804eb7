package io.execctl.store;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.Fill;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OverQuantity;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The over-quantity rule on PostgreSQL (chaos bug 1): a duplicated fill notice that would take an
 * order past its quantity is kept in {@code trade.held_notices}, the order stays {@code FILLED} (never
 * {@code ERROR}) and the outbox says nothing about it; broker-final totals decide it — a duplicate
 * (nothing announced), or applied with its raw payload while its recorded twin is voided (announced as
 * a correction). The listener hears of each hold once, after commit; replays change nothing.
 */
class HeldNoticesTest {
    private static final BigDecimal P = new BigDecimal("72000");
    private static final BigDecimal Q = new BigDecimal("72100");
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static MutableClock clock;
    private static FillApplier applier;
    private static final List<Fill> heard = new CopyOnWriteArrayList<>();
    private static int frame;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        clock = new MutableClock(Samples.T0);
        applier = new FillApplier(new OrderTx(jdbi), clock, (key, notice) -> heard.add(notice));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Order newOrder() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        OrderStore.of(jdbi).upsert(o, null);
        return o;
    }

    private static NoticeReceipt receipt() {
        return new NoticeReceipt("conn-h", ++frame, 0);
    }

    private static FillApplier.Applied notice(Order o, NoticeReceipt r, long qty, BigDecimal price) {
        clock.advance(Duration.ofSeconds(1));
        return applier.applyNotice(
                o.key(),
                r,
                clock.instant(),
                qty,
                price,
                "{\"CNTG_QTY\":\"" + qty + "\",\"frame\":" + r.frameIndex() + "}");
    }

    private static FillApplier.Applied filled(Order o, long amount) {
        clock.advance(Duration.ofSeconds(1));
        return applier.applySnapshot(o.key(), new BrokerTotals(10, 10, BigDecimal.valueOf(amount), 0, 0, 0), false);
    }

    private static List<String> events(Order o) {
        return jdbi.withHandle(h -> h.createQuery("SELECT event_type || ' ' || coalesce(payload ->> 'from', '') || '>'"
                        + " || coalesce(payload ->> 'to', payload ->> 'qty') FROM trade.outbox"
                        + " WHERE aggregate_id = :o ORDER BY id")
                .bind("o", o.orderId())
                .mapTo(String.class)
                .list());
    }

    private static List<Map<String, Object>> held(Order o) {
        return jdbi.withHandle(h -> h.createQuery("SELECT receipt, qty, price, raw::text AS raw, reason, resolution,"
                        + " fill_id FROM trade.held_notices WHERE order_id = :o ORDER BY id")
                .bind("o", o.orderId())
                .mapToMap()
                .list());
    }

    private static long live(Order o) {
        return FillStore.of(jdbi).listLive(o.orderId()).stream()
                .mapToLong(Fill::qty)
                .sum();
    }

    @Test
    void aDuplicatePastTheQuantityIsHeldNotAppliedAndFinalTotalsMarkItDuplicate() {
        Order o = newOrder();
        notice(o, receipt(), 4, P);
        notice(o, receipt(), 6, P);
        NoticeReceipt dup = receipt();
        int before = heard.size();
        FillApplier.Applied a = notice(o, dup, 4, P);
        assertThat(a.inserted()).isEmpty();
        assertThat(a.order().orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(a.order().orElseThrow().filledQty()).isEqualTo(10);
        assertThat(heard.subList(before, heard.size())).singleElement().satisfies(f -> assertThat(f.receipt())
                .isEqualTo(dup.key()));
        notice(o, dup, 4, P); // the same receipt again: still one held row, not heard again
        assertThat(heard).hasSize(before + 1);
        assertThat(held(o)).singleElement().satisfies(r -> {
            assertThat(r.get("receipt")).isEqualTo(dup.key());
            assertThat(r.get("qty")).isEqualTo(4L);
            assertThat((BigDecimal) r.get("price")).isEqualByComparingTo(P);
            assertThat((String) r.get("raw")).contains("\"CNTG_QTY\": \"4\"");
            assertThat(r.get("reason")).isEqualTo(OverQuantity.REASON);
            assertThat(r.get("resolution")).isNull();
        });
        assertThat(events(o))
                .containsExactly("FILL >4", "ORDER_STATUS SUBMITTED>PARTIAL", "FILL >6", "ORDER_STATUS PARTIAL>FILLED");

        FillApplier.Applied fin = filled(o, 720_000);
        assertThat(fin.inserted()).isEmpty();
        assertThat(fin.voided()).isEmpty();
        assertThat(held(o)).singleElement().satisfies(r -> {
            assertThat(r.get("resolution")).isEqualTo("DUPLICATE");
            assertThat(r.get("fill_id")).isNull();
        });
        // a replay of the decided receipt after final changes nothing either
        FillApplier.Applied replay = notice(o, dup, 4, P);
        assertThat(replay.inserted()).isEmpty();
        assertThat(FillStore.of(jdbi).listAll(o.orderId())).hasSize(2);
        assertThat(events(o))
                .containsExactly("FILL >4", "ORDER_STATUS SUBMITTED>PARTIAL", "FILL >6", "ORDER_STATUS PARTIAL>FILLED");
        assertThat(live(o)).isEqualTo(10);
    }

    @Test
    void aHeldGenuineFillIsAppliedByFinalTotalsAndItsRecordedTwinVoidedAsACorrection() {
        Order o = newOrder();
        notice(o, receipt(), 4, P);
        notice(o, receipt(), 4, P); // the duplicate of the first execution arrives before the second
        NoticeReceipt genuine = receipt();
        FillApplier.Applied a = notice(o, genuine, 6, Q); // 4 + 4 + 6 > 10: held
        assertThat(a.inserted()).isEmpty();
        assertThat(a.order().orElseThrow().status()).isEqualTo(OrderStatus.PARTIAL);

        FillApplier.Applied fin = filled(o, 4 * 72_000 + 6 * 72_100);
        assertThat(fin.order().orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fin.inserted()).singleElement().satisfies(f -> assertThat(f.receipt())
                .isEqualTo(genuine.key()));
        assertThat(fin.voided()).singleElement().satisfies(f -> assertThat(f.qty())
                .isEqualTo(4));
        assertThat(fin.correction()).isTrue();
        assertThat(live(o)).isEqualTo(10);
        UUID fillId = Fill.wsId(o.orderId(), genuine);
        assertThat(held(o)).singleElement().satisfies(r -> {
            assertThat(r.get("resolution")).isEqualTo("APPLIED");
            assertThat(r.get("fill_id")).isEqualTo(fillId);
        });
        String raw = jdbi.withHandle(h -> h.createQuery("SELECT raw::text FROM trade.fills WHERE fill_id = :id")
                .bind("id", fillId)
                .mapTo(String.class)
                .one());
        assertThat(raw).contains("\"CNTG_QTY\": \"6\"");
        assertThat(events(o))
                .containsExactly(
                        "FILL >4",
                        "ORDER_STATUS SUBMITTED>PARTIAL",
                        "FILL >4",
                        "ORDER_STATUS PARTIAL>PARTIAL",
                        "FILL >6",
                        "FILL_VOIDED >4",
                        "ORDER_CORRECTED PARTIAL>FILLED");
        // final again: nothing more
        filled(o, 4 * 72_000 + 6 * 72_100);
        assertThat(events(o)).hasSize(7);
    }

    @Test
    void aBatchHoldsWhatOneByOneHolds() {
        Order o = newOrder();
        OrderKey k = o.key();
        List<FillApplier.Notice> run = List.of(
                new FillApplier.Notice(receipt(), Samples.T0, 7, P, null),
                new FillApplier.Notice(receipt(), Samples.T0, 7, P, "{\"x\":1}"),
                new FillApplier.Notice(receipt(), Samples.T0, 3, P, null));
        assertThat(applier.applyNoticeBatch(Map.of(k, run))).containsExactly(k);
        assertThat(live(o)).isEqualTo(10);
        assertThat(held(o)).singleElement().satisfies(r -> assertThat(r.get("qty"))
                .isEqualTo(7L));
        assertThat(OrderStore.of(jdbi).findByKey(k).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(events(o)).noneMatch(e -> e.contains("ERROR"));
    }
}
