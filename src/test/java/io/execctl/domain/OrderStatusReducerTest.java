package io.execctl.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusReducerTest {

    @ParameterizedTest(name = "qty {0}, {1}, filled {2} -> {3}")
    @CsvSource({
        "10,ACCEPTED,0,SUBMITTED",
        "10,ACCEPTED,3,PARTIAL",
        "10,ACCEPTED,10,FILLED",
        "10,CANCELLED,0,CANCELLED",
        "10,CANCELLED,3,CANCELLED_PARTIAL", // the design document's version could never return this
        "10,CANCELLED,10,FILLED",
        "10,EXPIRED,0,CANCELLED",
        "10,EXPIRED,9,CANCELLED_PARTIAL",
        "10,REJECTED,0,REJECTED",
        "10,REJECTED,4,CANCELLED_PARTIAL",
        "10,UNKNOWN,0,UNKNOWN",
        "10,UNKNOWN,2,PARTIAL",
        "10,UNKNOWN,10,FILLED",
        "10,ACCEPTED,11,ERROR"
    })
    void derives(long qty, BrokerStatus broker, long filled, OrderStatus expected) {
        assertThat(OrderStatusReducer.derive(qty, broker, filled)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "10,ACCEPTED,3,7",
        "10,CANCELLED,3,0",
        "10,EXPIRED,0,0",
        "10,REJECTED,0,0",
        "10,UNKNOWN,4,6",
        "10,ACCEPTED,10,0"
    })
    void openQuantity(long qty, BrokerStatus broker, long filled, long open) {
        assertThat(OrderStatusReducer.openQty(qty, broker, filled)).isEqualTo(open);
    }
}
