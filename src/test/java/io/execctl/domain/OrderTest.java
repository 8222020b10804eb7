package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {
    private static final Instant T = Instant.parse("2026-12-02T00:30:00Z");

    private static Order order(long filled, OrderStatus status) {
        return new Order(
                OrderKey.of("12345678-01", LocalDate.of(2026, 12, 2), "1"),
                UUID.randomUUID(),
                null,
                "6590",
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                10,
                new BigDecimal("72000"),
                filled,
                0,
                null,
                BrokerStatus.ACCEPTED,
                status,
                OrderSource.INTENT,
                null,
                T,
                T);
    }

    @Test
    void anOverFilledOrderCanBeRepresentedAsError() {
        // The reducer's verdict on 12 of 10 is ERROR; the constructor refused it, so it could never be stored.
        assertThat(order(12, OrderStatus.ERROR).filledQty()).isEqualTo(12);
        assertThatThrownBy(() -> order(12, OrderStatus.FILLED)).hasMessageContaining("exceeds qty");
    }

    @Test
    void theBranchIsAnAttributeForCancelAndModify() {
        Order o = order(0, OrderStatus.SUBMITTED);
        assertThat(o.branch()).isEqualTo("06590");
        assertThat(o.address()).isEqualTo(OrderAddress.of("06590", "0000000001"));
        assertThat(o.accountId()).isEqualTo("12345678-01");
    }
}
