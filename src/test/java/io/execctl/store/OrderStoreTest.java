package io.execctl.store;

import io.execctl.domain.AccountTag;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.FillBook;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStoreTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;
    private static OrderStore orders;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
        orders = OrderStore.of(jdbi);
    }

    @Test
    void sameUpsertTwiceIsOneRowAndReadsBackEqual() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        assertThat(orders.upsert(o, "{\"ODNO\":\"1\"}")).isTrue();
        assertThat(orders.upsert(o, "{\"ODNO\":\"1\"}")).isFalse();
        assertThat(count("SELECT count(*) FROM trade.orders WHERE order_id = '" + o.orderId() + "'"))
                .isEqualTo(1);
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back)
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(o);
        assertThat(orders.raw(o.orderId())).contains("{\"ODNO\": \"1\"}");
    }

    private static void progress(Order o, long filled, long open, BrokerStatus broker, OrderStatus status) {
        assertThat(orders.writeProgress(
                        o.key(),
                        new OrderStore.Progress(
                                filled,
                                open,
                                filled == 0 ? null : new BigDecimal("72000"),
                                broker,
                                status,
                                FillBook.Broker.NONE,
                                Samples.T0.plusSeconds(5))))
                .isTrue();
    }

    /** A sync's view of an order: no intent (EXTERNAL), an older status, no fills. */
    private static Order seenBySync(Order o, BrokerStatus broker, OrderStatus status, Instant at) {
        return new Order(
                o.key(),
                null,
                null,
                "00950", // daily-ccld's ord_gno_brno may differ from the order answer's branch
                null,
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                0,
                o.qty(),
                null,
                broker,
                status,
                OrderSource.EXTERNAL,
                null,
                at,
                at);
    }

    @Test
    void updateKeepsIntentLinkFirstSubmitTimeBranchAndRaw() {
        UUID intent = UUID.randomUUID();
        Order o = Samples.submitted(Samples.nextKey(), intent);
        orders.upsert(o, "{\"a\":1}");
        Instant later = Samples.T0.plusSeconds(60);
        orders.upsert(seenBySync(o, BrokerStatus.ACCEPTED, OrderStatus.SUBMITTED, later), null);

        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.intentId()).isEqualTo(intent);
        assertThat(back.positionId()).isEqualTo(o.positionId());
        assertThat(back.source()).isEqualTo(OrderSource.INTENT);
        assertThat(back.branch()).isEqualTo(Samples.BRANCH);
        assertThat(back.submittedTs()).isEqualTo(Samples.T0);
        assertThat(back.updatedTs()).isEqualTo(later);
        assertThat(orders.raw(o.orderId())).contains("{\"a\": 1}");
    }

    @Test
    void aBranchUnknownWhenTheRowWasFirstWrittenIsTakenFromTheFirstVersionThatKnowsIt() {
        // A notice of an order the journal names can adopt it before SendStep writes its row; a
        // notice carries no branch, and a cancel naming branch 00000 is refused (APBK0558).
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        Order fromNotice = new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                OrderStore.UNKNOWN_BRANCH,
                null,
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                0,
                o.qty(),
                null,
                o.brokerStatus(),
                o.status(),
                o.source(),
                null,
                o.submittedTs(),
                o.updatedTs());
        orders.upsert(fromNotice, null);
        orders.upsert(o, null);
        assertThat(orders.find(o.orderId()).orElseThrow().branch()).isEqualTo(Samples.BRANCH);
        orders.upsert(fromNotice, null);
        assertThat(orders.find(o.orderId()).orElseThrow().branch()).isEqualTo(Samples.BRANCH);
    }

    @Test
    void aStaleOrExternalUpsertNeverReopensATerminalOrder() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        progress(o, 10, 0, BrokerStatus.ACCEPTED, OrderStatus.FILLED);
        // Today's upsert copied status and quantities from whatever was written last.
        orders.upsert(seenBySync(o, BrokerStatus.ACCEPTED, OrderStatus.SUBMITTED, Samples.T0.plusSeconds(90)), null);
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(back.filledQty()).isEqualTo(10);
        assertThat(back.openQty()).isZero();
        assertThat(back.avgFillPrice()).isEqualByComparingTo("72000");
        assertThat(back.brokerStatus()).isEqualTo(BrokerStatus.ACCEPTED);
    }

    @Test
    void upsertRefusesAnOrderThatClaimsFills() {
        Order o = Samples.withProgress(
                Samples.submitted(Samples.nextKey(), UUID.randomUUID()),
                4,
                BrokerStatus.ACCEPTED,
                OrderStatus.PARTIAL,
                Samples.T0);
        assertThatThrownBy(() -> orders.upsert(o, null)).hasMessageContaining("FillApplier");
    }

    @Test
    void twoAccountsWithTheSameDateAndOdnoNeverCollide() {
        OrderKey mine = OrderKey.of(Samples.ACCOUNT, Samples.DAY, "4242");
        OrderKey theirs = OrderKey.of("87654321-01", Samples.DAY, "4242");
        assertThat(mine.orderId()).isNotEqualTo(theirs.orderId());
        assertThat(mine.orderId()).doesNotContain("12345678").startsWith("20260113-0000004242-");
        assertThat(orders.upsert(Samples.submitted(mine, UUID.randomUUID()), null))
                .isTrue();
        assertThat(orders.upsert(Samples.external(theirs), null)).isTrue();
        assertThat(orders.findByKey(mine).orElseThrow().symbol()).isEqualTo("005930");
        assertThat(orders.findByKey(theirs).orElseThrow().symbol()).isEqualTo("000660");
        assertThat(orders.findByKey(theirs).orElseThrow().accountId()).isEqualTo("87654321-01");
        assertThat(orders.findOpen("87654321-01")).extracting(Order::orderId).containsExactly(theirs.orderId());
    }

    @Test
    void theDatabaseChecksTheOrderIdAgainstAccountDateAndOdno() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        // The tag is computed the same way in SQL as in domain.AccountTag.
        String sqlTag = jdbi.withHandle(h -> h.createQuery("SELECT trade.account_tag(:a)")
                .bind("a", Samples.ACCOUNT)
                .mapTo(String.class)
                .one());
        assertThat(sqlTag).isEqualTo(AccountTag.of(Samples.ACCOUNT));
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                        "UPDATE trade.orders SET account_id = '87654321-01' WHERE order_id = ?", o.orderId())))
                .hasMessageContaining("orders_order_id_is_key");
    }

    @Test
    void anOverFilledOrderIsRecordable() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        // The reducer's verdict on 12 filled of 10 is ERROR; today a CHECK refused to store it.
        progress(o, 12, 0, BrokerStatus.ACCEPTED, OrderStatus.ERROR);
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.ERROR);
        assertThat(back.filledQty()).isEqualTo(12);
    }

    @Test
    void findsByIntentKeyPositionAndOpen() {
        UUID intent = UUID.randomUUID();
        Order open = Samples.submitted(Samples.nextKey(), intent);
        Order done = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(open, null);
        orders.upsert(done, null);
        progress(done, 10, 0, BrokerStatus.ACCEPTED, OrderStatus.FILLED);

        assertThat(orders.findByIntent(intent)).map(Order::orderId).contains(open.orderId());
        String unpadded = Long.toString(Long.parseLong(open.key().odno()));
        assertThat(orders.findByKey(OrderKey.of(Samples.ACCOUNT, Samples.DAY, unpadded)))
                .map(Order::orderId)
                .contains(open.orderId());
        assertThat(orders.findByKey(OrderKey.of(Samples.ACCOUNT, Samples.DAY.plusDays(1), unpadded)))
                .isEmpty();
        assertThat(orders.findByPosition(open.positionId()))
                .extracting(Order::orderId)
                .containsExactly(open.orderId());
        assertThat(orders.findOpen(Samples.ACCOUNT))
                .extracting(Order::orderId)
                .contains(open.orderId())
                .doesNotContain(done.orderId());
        assertThat(orders.findByDate(Samples.ACCOUNT, Samples.DAY))
                .extracting(Order::orderId)
                .contains(open.orderId(), done.orderId());
        assertThat(orders.find("20260113-9999999999-0000000000")).isEmpty();
    }

    @Test
    void writeProgressChangesOnlyProgress() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        progress(o, 10, 0, BrokerStatus.ACCEPTED, OrderStatus.FILLED);
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(back.openQty()).isZero();
        assertThat(back.avgFillPrice()).isEqualByComparingTo("72000");
        assertThat(back.updatedTs()).isEqualTo(Samples.T0.plusSeconds(5));
        assertThat(back.symbol()).isEqualTo(o.symbol());
    }

    @Test
    void secondOrderForTheSameIntentIsRefused() {
        UUID intent = UUID.randomUUID();
        orders.upsert(Samples.submitted(Samples.nextKey(), intent), null);
        assertThatThrownBy(() -> orders.upsert(Samples.submitted(Samples.nextKey(), intent), null))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("orders_intent_id_key")
                .hasMessageNotContaining(Samples.ACCOUNT);
    }

    @Test
    void databaseErrorsNeverCarryTheAccountNumber() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        // filled + open > qty violates a CHECK; the server's detail would list the whole row.
        assertThatThrownBy(() -> orders.writeProgress(
                        o.key(),
                        new OrderStore.Progress(
                                8,
                                8,
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.PARTIAL,
                                FillBook.Broker.NONE,
                                Samples.T0)))
                .hasMessageContaining("orders_qty_balance")
                .hasMessageNotContaining(Samples.ACCOUNT)
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(Samples.ACCOUNT));
    }

    @Test
    void externalOrdersNeedNoIntent() {
        Order ext = Samples.external(Samples.nextKey());
        assertThat(orders.upsert(ext, null)).isTrue();
        assertThat(orders.find(ext.orderId()).orElseThrow().intentId()).isNull();
    }

    @Test
    void instantsSurviveTheHostZonesMissingHour() {
        // 02:30 on 2026-03-08 does not exist in America/New_York, the zone surefire runs in.
        Instant gap = Instant.parse("2026-03-08T07:30:00Z");
        Order o = Samples.submitted(OrderKey.of(Samples.ACCOUNT, Samples.DAY, "77"), UUID.randomUUID());
        Order atGap = new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                o.branch(),
                null,
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                0,
                10,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                o.source(),
                null,
                gap,
                gap.plusNanos(123_000));
        orders.upsert(atGap, null);
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.submittedTs()).isEqualTo(gap);
        assertThat(back.updatedTs()).isEqualTo(gap.plusNanos(123_000));
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
