package io.execctl.engine.notice;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.store.FillApplier;
import io.execctl.store.FillStore;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNoticeStore;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch write on PostgreSQL without the WebSocket: several orders' notices in ONE transaction
 * (one commit, so one NOTIFY lock), an unknown order parked in it, a replayed receipt stored once,
 * and {@code applyParked} joining the transaction that commits the order row.
 */
class NoticeWriterTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static final String ACCOUNT = "50000001-01";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");

    private static Jdbi jdbi;
    private static NoticeWriter writer;
    private static ParkedNotices parked;
    private static int frame;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
        OrderTx orderTx = new OrderTx(jdbi);
        writer = new NoticeWriter(jdbi, new FillApplier(orderTx, Clock.systemUTC()));
        parked = new ParkedNotices(orderTx, writer, NoticeMetrics.NONE, Clock.systemUTC());
    }

    private static OrderKey order(String odno, long qty) {
        OrderKey key = OrderKey.of(ACCOUNT, DAY, odno);
        new OrderTx(jdbi).useOrderTransaction(key, tx -> tx.orders().upsert(row(key, qty), null));
        return key;
    }

    private static Order row(OrderKey key, long qty) {
        return new Order(
                key,
                null,
                null,
                "00950",
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                qty,
                new BigDecimal("72000"),
                0,
                qty,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.EXTERNAL,
                null,
                AT,
                AT);
    }

    private static NoticeCommand fill(OrderKey key, long qty, NoticeReceipt receipt) {
        return new NoticeCommand(
                key,
                NoticeAction.FILL,
                receipt,
                AT,
                qty,
                new BigDecimal("72000"),
                key.odno(),
                "",
                "005930",
                Side.BUY,
                "00",
                10,
                new BigDecimal("72000"),
                AT,
                0);
    }

    private static NoticeReceipt receipt() {
        return new NoticeReceipt("writer-test", frame++, 0);
    }

    private static List<String> xmins(OrderKey... keys) {
        List<String> out = new ArrayList<>();
        for (OrderKey k : keys) {
            out.addAll(jdbi.withHandle(h -> h.createQuery("SELECT xmin::text FROM trade.fills WHERE order_id = :o")
                    .bind("o", k.orderId())
                    .mapTo(String.class)
                    .list()));
        }
        return out;
    }

    @Test
    void severalOrdersCommitInOneTransactionAndAnUnknownOneIsParkedInIt() {
        OrderKey a = order("101", 10);
        OrderKey b = order("102", 10);
        OrderKey c = order("103", 10);
        OrderKey unknown = OrderKey.of(ACCOUNT, DAY, "199");
        NoticeReceipt replayed = receipt();
        List<NoticeCommand> batch = List.of(
                fill(c, 3, receipt()),
                fill(a, 4, replayed),
                fill(unknown, 1, receipt()),
                fill(b, 10, receipt()),
                fill(a, 6, receipt()),
                fill(a, 4, replayed)); // the same receipt again: stored once
        assertThat(writer.writeBatch(batch))
                .containsExactly(
                        NoticeWriter.Result.APPLIED,
                        NoticeWriter.Result.APPLIED,
                        NoticeWriter.Result.PARKED,
                        NoticeWriter.Result.APPLIED,
                        NoticeWriter.Result.APPLIED,
                        NoticeWriter.Result.APPLIED);
        assertThat(xmins(a, b, c)).hasSize(4).as("one transaction").containsOnly(xmins(a).get(0));
        OrderStore orders = OrderStore.of(jdbi);
        assertThat(orders.findByKey(a).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(orders.findByKey(b).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(orders.findByKey(c).orElseThrow().filledQty()).isEqualTo(3);
        assertThat(ParkedNoticeStore.of(jdbi).pendingFor(unknown)).hasSize(1);
        List<String> outbox = jdbi.withHandle(
                h -> h.createQuery("SELECT DISTINCT xmin::text FROM trade.outbox WHERE aggregate_id IN (<ids>)")
                        .bindList("ids", List.of(a.orderId(), b.orderId(), c.orderId()))
                        .mapTo(String.class)
                        .list());
        assertThat(outbox)
                .as("every outbox event of the batch in the one commit: one NOTIFY lock")
                .hasSize(1);
    }

    @Test
    void applyParkedJoinsTheTransactionThatCommitsTheOrderRow() {
        OrderKey key = OrderKey.of(ACCOUNT, DAY, "201");
        writer.writeOne(fill(key, 2, receipt()));
        writer.writeOne(fill(key, 3, receipt()));
        assertThat(ParkedNoticeStore.of(jdbi).pendingFor(key)).hasSize(2);
        int applied = new OrderTx(jdbi).inOrderTransaction(key, tx -> {
            tx.orders().upsert(row(key, 10), null);
            return parked.applyParked(key);
        });
        assertThat(applied).isEqualTo(2);
        assertThat(FillStore.of(jdbi).totals(key.orderId()).qty()).isEqualTo(5);
        String orderXmin = jdbi.withHandle(h -> h.createQuery("SELECT xmin::text FROM trade.orders WHERE order_id = :o")
                .bind("o", key.orderId())
                .mapTo(String.class)
                .one());
        assertThat(xmins(key)).as("parked fills commit with the order row").containsOnly(orderXmin);
        assertThat(ParkedNoticeStore.of(jdbi).pendingFor(key)).isEmpty();
        assertThat(parked.applyParked(key)).as("idempotent").isZero();
    }
}
