package io.execctl.domain;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderKeyTest {

    @Test
    void orderIdIsDateBranchAndPaddedOdno() {
        OrderKey k = OrderKey.of(LocalDate.of(2026, 11, 24), "6590", "6635");
        assertThat(k.odno()).isEqualTo("0000006635");
        assertThat(k.branch()).isEqualTo("06590");
        assertThat(k.orderId()).isEqualTo("20261124-06590-0000006635");
        assertThat(OrderKey.parseOrderId(k.orderId())).isEqualTo(k);
    }

    @Test
    void paddedAndUnpaddedOdnoAreTheSameOrder() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        assertThat(OrderKey.of(d, "06590", "0000008637")).isEqualTo(OrderKey.of(d, "06590", " 8637 "));
    }

    @Test
    void sameOdnoOnAnotherDayIsAnotherOrder() {
        assertThat(OrderKey.of(LocalDate.of(2026, 11, 24), "06590", "1").orderId())
                .isNotEqualTo(
                        OrderKey.of(LocalDate.of(2026, 11, 25), "06590", "1").orderId());
    }

    @Test
    void rejectsNonNumericParts() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        assertThatThrownBy(() -> OrderKey.of(d, "06590", "12a")).hasMessageContaining("ODNO");
        assertThatThrownBy(() -> OrderKey.of(d, "06590", "12345678901")).hasMessageContaining("ODNO");
        assertThatThrownBy(() -> OrderKey.of(d, "x", "1")).hasMessageContaining("branch");
        assertThatThrownBy(() -> OrderKey.parseOrderId("20261124-1")).hasMessageContaining("yyyyMMdd-BRANCH-ODNO");
    }
}
