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
        // Fills on a rejected order: the reducer says CANCELLED_PARTIAL, and so must the machine
        // (it refused, leaving REJECTED next to stored fills).
        assertThat(OrderStatusMachine.check(OrderStatus.REJECTED, OrderStatus.CANCELLED_PARTIAL, FILL)
                        .allowed())
                .isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.CANCELLED, OrderStatus.SUBMITTED, FILL)
                        .allowed())
                .isFalse();
    }

    @Test
    void theMachineAcceptsWhatTheReducerSaysOfAnyNewFill() {
        // For every state the reducer can produce, adding fill quantity must land where the reducer
        // says: the stored status never disagrees with the stored fills (over-fill = ERROR included).
        long qty = 10;
        for (BrokerStatus broker : BrokerStatus.values()) {
            for (long filled = 0; filled <= qty + 2; filled++) {
                OrderStatus from = OrderStatusReducer.derive(qty, broker, filled);
                for (long more = 1; more <= 3; more++) {
                    OrderStatus to = OrderStatusReducer.derive(qty, broker, filled + more);
                    assertThat(OrderStatusMachine.check(from, to, FILL).result())
                            .as("%s %d filled +%d: %s -> %s", broker, filled, more, from, to)
                            .isEqualTo(to);
                }
            }
        }
    }

    @Test
    void aCorrectionMovesFilledToCancelledPartial() {
        var t = OrderStatusMachine.check(OrderStatus.FILLED, OrderStatus.CANCELLED_PARTIAL, CORRECTION);
        assertThat(t.result()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(t.anomaly()).isTrue();
        assertThat(OrderStatusMachine.check(OrderStatus.FILLED, OrderStatus.CANCELLED_PARTIAL, BROKER_STATUS)
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
