package io.execctl.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderKeyTest {
    private static final String ACCOUNT = "12345678-01";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @Test
    void orderIdIsDateOdnoAndAccountTagWithoutBranchOrAccountNumber() {
        OrderKey k = OrderKey.of(ACCOUNT, DAY, "6635");
        assertThat(k.odno()).isEqualTo("0000006635");
        assertThat(k.orderId()).isEqualTo("20261124-0000006635-" + AccountTag.of(ACCOUNT));
        assertThat(AccountTag.of(ACCOUNT)).matches("[0-9a-f]{10}");
        assertThat(k.orderId()).doesNotContain("12345678");
        assertThat(k.toString()).doesNotContain("12345678");
    }

    @Test
    void everySourceDerivesTheSameOrderIdWhateverItsBranch() {
        // The order answer (KRX_FWDG_ORD_ORGNO), daily-ccld (ord_gno_brno) and the notice (BRNC_NO)
        // may name different branches; none of them is part of the identity.
        OrderKey fromAnswer = OrderKey.of(ACCOUNT, TradingDate.at(Instant.parse("2026-11-24T00:10:00Z")), "6635");
        OrderKey fromDailyCcld = OrderKey.of(ACCOUNT, TradingDate.ofBrokerDate("20261124"), "0000006635");
        OrderKey fromNotice = OrderKey.of("1234567801", DAY, " 0000006635 ");
        assertThat(fromAnswer).isEqualTo(fromDailyCcld).isEqualTo(fromNotice);
        assertThat(fromAnswer.orderId()).isEqualTo(fromNotice.orderId());
        assertThat(OrderAddress.of("6590", "6635")).isNotEqualTo(OrderAddress.of("00950", "6635"));
    }

    @Test
    void twoAccountsWithTheSameDateAndOdnoAreTwoOrders() {
        OrderKey a = OrderKey.of(ACCOUNT, DAY, "1");
        OrderKey b = OrderKey.of("87654321-01", DAY, "1");
        OrderKey c = OrderKey.of("12345678-02", DAY, "1");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(a.orderId()).isNotEqualTo(b.orderId()).isNotEqualTo(c.orderId());
        assertThat(a.lockName()).isNotEqualTo(b.lockName());
    }

    @Test
    void sameOdnoOnAnotherDayIsAnotherOrder() {
        assertThat(OrderKey.of(ACCOUNT, DAY, "1").orderId())
                .isNotEqualTo(OrderKey.of(ACCOUNT, DAY.plusDays(1), "1").orderId());
    }

    @Test
    void rejectsNonNumericPartsWithoutRepeatingTheAccount() {
        assertThatThrownBy(() -> OrderKey.of(ACCOUNT, DAY, "12a")).hasMessageContaining("ODNO");
        assertThatThrownBy(() -> OrderKey.of(ACCOUNT, DAY, "12345678901")).hasMessageContaining("ODNO");
        assertThatThrownBy(() -> OrderKey.of("9876543", DAY, "1"))
                .hasMessageContaining("account number")
                .hasMessageNotContaining("9876543");
        assertThatThrownBy(() -> OrderAddress.of("x", "1")).hasMessageContaining("branch");
    }
}
