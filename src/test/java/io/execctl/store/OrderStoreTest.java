package io.execctl.store;

import io.execctl.domain.BrokerStatus;
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

    @Test
    void updateKeepsIntentLinkFirstSubmitTimeAndRaw() {
        UUID intent = UUID.randomUUID();
        Order o = Samples.submitted(Samples.nextKey(), intent);
        orders.upsert(o, "{\"a\":1}");
        Instant later = Samples.T0.plusSeconds(60);
        // A sync that sees the order without knowing its intent writes it as EXTERNAL.
        Order seenBySync = new Order(
                o.key(),
                null,
                null,
                o.accountId(),
                null,
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                4,
                6,
                new BigDecimal("71900"),
                BrokerStatus.ACCEPTED,
                OrderStatus.PARTIAL,
                OrderSource.EXTERNAL,
                null,
                later,
                later);
        orders.upsert(seenBySync, null);

        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.intentId()).isEqualTo(intent);
        assertThat(back.positionId()).isEqualTo(o.positionId());
        assertThat(back.source()).isEqualTo(OrderSource.INTENT);
        assertThat(back.submittedTs()).isEqualTo(Samples.T0);
        assertThat(back.updatedTs()).isEqualTo(later);
        assertThat(back.filledQty()).isEqualTo(4);
        assertThat(back.status()).isEqualTo(OrderStatus.PARTIAL);
        assertThat(orders.raw(o.orderId())).contains("{\"a\": 1}");
    }

    @Test
    void findsByIntentBrokerKeyPositionAndOpen() {
        UUID intent = UUID.randomUUID();
        Order open = Samples.submitted(Samples.nextKey(), intent);
        Order done = Samples.withProgress(
                Samples.submitted(Samples.nextKey(), UUID.randomUUID()),
                10,
                BrokerStatus.ACCEPTED,
                OrderStatus.FILLED,
                Samples.T0);
        orders.upsert(open, null);
        orders.upsert(done, null);

        assertThat(orders.findByIntent(intent)).map(Order::orderId).contains(open.orderId());
        String unpadded = Long.toString(Long.parseLong(open.key().odno()));
        assertThat(orders.findByBrokerKey(Samples.ACCOUNT, Samples.DAY, unpadded))
                .map(Order::orderId)
                .contains(open.orderId());
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
        assertThat(orders.find("20260113-06010-9999999999")).isEmpty();
    }

    @Test
    void updateProgressChangesOnlyProgress() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        Instant at = Samples.T0.plusSeconds(5);
        assertThat(orders.updateProgress(
                        o.orderId(), 10, 0, new BigDecimal("72000"), BrokerStatus.ACCEPTED, OrderStatus.FILLED, at))
                .isTrue();
        Order back = orders.find(o.orderId()).orElseThrow();
        assertThat(back.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(back.openQty()).isZero();
        assertThat(back.avgFillPrice()).isEqualByComparingTo("72000");
        assertThat(back.updatedTs()).isEqualTo(at);
        assertThat(orders.updateProgress(
                        "20260113-06010-0000000000", 1, 0, null, BrokerStatus.ACCEPTED, OrderStatus.FILLED, at))
                .isFalse();
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
        assertThatThrownBy(() -> orders.updateProgress(
                        o.orderId(), 8, 8, null, BrokerStatus.ACCEPTED, OrderStatus.PARTIAL, Samples.T0))
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
        Order o = Samples.submitted(OrderKey.of(Samples.DAY, "06010", "77"), UUID.randomUUID());
        Order atGap = new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                o.accountId(),
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
