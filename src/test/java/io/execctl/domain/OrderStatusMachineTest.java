package io.execctl.domain;

import org.junit.jupiter.api.Test;

import static io.execctl.domain.OrderStatusMachine.Cause.BROKER_STATUS;
import static io.execctl.domain.OrderStatusMachine.Cause.CORRECTION;
import static io.execctl.domain.OrderStatusMachine.Cause.FILL;
import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusMachineTest {

    @Test
    void openStatusesMoveFreely() {
        assertThat(OrderStatusMachine.check(OrderStatus.SUBMITTED, OrderStatus.PARTIAL, FILL)
                        .allowed())
                .isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.PARTIAL, OrderStatus.FILLED, FILL)
                        .allowed())
                .isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.UNKNOWN, OrderStatus.SUBMITTED, BROKER_STATUS)
                        .allowed())
                .isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.PARTIAL, OrderStatus.CANCELLED_PARTIAL, BROKER_STATUS)
                        .allowed())
                .isTrue();
    }

    @Test
    void terminalNeverMovesBack() {
        for (OrderStatus from : OrderStatus.values()) {
            if (!from.isTerminal()) {
                continue;
            }
            for (OrderStatus to : OrderStatus.values()) {
                if (to == from) {
                    continue;
                }
                var t = OrderStatusMachine.check(from, to, BROKER_STATUS);
                assertThat(t.allowed())
                        .as("%s -> %s by broker status", from, to)
                        .isFalse();
                assertThat(t.result()).isEqualTo(from);
                assertThat(t.anomaly()).isTrue();
            }
        }
    }

    @Test
    void fillOnCancelledOrderIsAcceptedAndFlagged() {
        var t = OrderStatusMachine.check(OrderStatus.CANCELLED, OrderStatus.CANCELLED_PARTIAL, FILL);
        assertThat(t.allowed()).isTrue();
        assertThat(t.anomaly()).isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.CANCELLED_PARTIAL, OrderStatus.FILLED, FILL)
                        .allowed())
                .isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.FILLED, OrderStatus.PARTIAL, FILL)
                        .allowed())
                .isFalse();
        assertThat(OrderStatusMachine.check(OrderStatus.REJECTED, OrderStatus.CANCELLED_PARTIAL, FILL)
                        .allowed())
                .isFalse();
        assertThat(OrderStatusMachine.check(OrderStatus.CANCELLED, OrderStatus.SUBMITTED, FILL)
                        .allowed())
                .isFalse();
    }

    @Test
    void brokerCorrectionMayMoveAnything() {
        var t = OrderStatusMachine.check(OrderStatus.FILLED, OrderStatus.PARTIAL, CORRECTION);
        assertThat(t.allowed()).isTrue();
        assertThat(t.anomaly()).isTrue();
    }

    @Test
    void brokerStatusMergeIsOrderIndependent() {
        for (BrokerStatus a : BrokerStatus.values()) {
            for (BrokerStatus b : BrokerStatus.values()) {
                BrokerStatus ab = BrokerStatus.merge(BrokerStatus.merge(BrokerStatus.UNKNOWN, a), b);
                BrokerStatus ba = BrokerStatus.merge(BrokerStatus.merge(BrokerStatus.UNKNOWN, b), a);
                boolean bothFinal = a.ordinal() >= 1
                        && b.ordinal() >= 1
                        && a != BrokerStatus.ACCEPTED
                        && b != BrokerStatus.ACCEPTED
                        && a != BrokerStatus.UNKNOWN
                        && b != BrokerStatus.UNKNOWN
                        && a != b;
                if (!bothFinal) {
                    assertThat(ab).as("%s then %s vs %s then %s", a, b, b, a).isEqualTo(ba);
                }
            }
        }
    }
}
