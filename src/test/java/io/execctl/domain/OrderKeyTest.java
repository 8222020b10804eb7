package io.execctl.domain;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OrderKey} as tables: normalisation, round trip, equality of spellings, refusals. */
class OrderKeyTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        // date,    branch,  odno,          orderId
        "2026-11-24, 6590,   6635,          20261124-06590-0000006635",
        "2026-11-24, 06590,  0000006635,    20261124-06590-0000006635",
        "2026-11-24, ' 6590 ', ' 6635 ',    20261124-06590-0000006635",
        "2026-01-02, 1,      1,             20260102-00001-0000000001",
        "2026-12-31, 99999,  9999999999,    20261231-99999-9999999999",
        "2026-11-24, 0,      0,             20261124-00000-0000000000"
    })
    void normalisesAndRoundTrips(LocalDate date, String branch, String odno, String orderId) {
        OrderKey k = OrderKey.of(date, branch, odno);
        assertThat(k.orderId()).isEqualTo(orderId).isEqualTo(k.toString());
        assertThat(k.odno()).hasSize(10);
        assertThat(k.branch()).hasSize(5);
        assertThat(OrderKey.parseOrderId(orderId)).isEqualTo(k).hasSameHashCodeAs(k);
    }

    @ParameterizedTest(name = "{1} == {2}")
    @CsvSource({"06590, 0000008637, ' 8637 '", "06590, 8637,       000000008637", "06590, 1,          0000000001"})
    void paddedAndUnpaddedOdnoAreTheSameOrder(String branch, String odnoA, String odnoB) {
        LocalDate d = LocalDate.of(2026, 11, 24);
        if (odnoB.strip().length() > 10) {
            // 12 characters is beyond KIS's 10 digits: refused, never silently cut.
            assertThatThrownBy(() -> OrderKey.of(d, branch, odnoB)).hasMessageContaining("ODNO");
            return;
        }
        assertThat(OrderKey.of(d, branch, odnoA))
                .isEqualTo(OrderKey.of(d, branch, odnoB))
                .hasSameHashCodeAs(OrderKey.of(d, branch, odnoB));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "2026-11-24, 2026-11-25, 1", // ODNO restarts every day: same number, another order
        "2026-12-31, 2027-01-01, 6635"
    })
    void sameOdnoOnAnotherDayIsAnotherOrder(LocalDate day1, LocalDate day2, String odno) {
        assertThat(OrderKey.of(day1, "06590", odno)).isNotEqualTo(OrderKey.of(day2, "06590", odno));
        assertThat(OrderKey.of(day1, "06590", odno).orderId())
                .isNotEqualTo(OrderKey.of(day2, "06590", odno).orderId());
    }

    @ParameterizedTest(name = "branch={0} odno={1}")
    @CsvSource({
        "06590,  12a,         ODNO",
        "06590,  12345678901, ODNO",
        "06590,  -1,          ODNO",
        "06590,  '',          ODNO",
        "x,      1,           branch",
        "123456, 1,           branch",
        "'',     1,           branch"
    })
    void refusesMalformedParts(String branch, String odno, String named) {
        LocalDate d = LocalDate.of(2026, 11, 24);
        assertThatThrownBy(() -> OrderKey.of(d, branch, odno))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "20261124-1,                   yyyyMMdd-BRANCH-ODNO",
        "20261124-06590-1-2,           yyyyMMdd-BRANCH-ODNO",
        "2026-11-24-06590-0000000001,  yyyyMMdd-BRANCH-ODNO",
        "20261324-06590-0000000001,    yyyyMMdd",
        "20261124-0659x-0000000001,    branch"
    })
    void refusesMalformedOrderIds(String orderId, String named) {
        assertThatThrownBy(() -> OrderKey.parseOrderId(orderId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }
}
