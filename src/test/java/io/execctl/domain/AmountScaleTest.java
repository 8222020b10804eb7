package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records whose {@code equals} matters normalise their amounts: {@code 72000} and {@code 72000.00}
 * (as PostgreSQL's NUMERIC returns it) are the same fill, order, holding, position and intent,
 * in equals, hashCode and sets.
 */
class AmountScaleTest {
    private static final Instant T = Instant.parse("2026-01-13T00:30:00Z");
    private static final OrderKey KEY = OrderKey.of("12345678-01", LocalDate.of(2026, 1, 13), "1");
    private static final UUID INTENT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @ParameterizedTest(name = "{0} == {1} -> {2}")
    @CsvSource({
        "72000,    72000.00, 72000",
        "72000.0,  7.2E+4,   72000",
        "72000.50, 72000.5,  72000.5",
        "0,        0.000,    0",
        "1E+1,     10.00,    10",
        "0.10,     0.1,      0.1"
    })
    void equalAmountsInDifferentScalesMakeEqualRecords(BigDecimal a, BigDecimal b, String canonical) {
        // The case is real: BigDecimal.equals tells the two apart, compareTo does not.
        assertThat(a).isNotEqualTo(b);
        assertThat(a.compareTo(b)).isZero();
        assertThat(Checks.normalized(a)).isEqualTo(Checks.normalized(b)).hasToString(canonical);

        Fill fa = fill(a, b);
        Fill fb = fill(b, a);
        assertThat(fa).isEqualTo(fb).hasSameHashCodeAs(fb);
        assertThat(new HashSet<>(List.of(fa, fb))).hasSize(1);
        assertThat(fa.price()).hasToString(canonical);

        assertThat(order(a)).isEqualTo(order(b)).hasSameHashCodeAs(order(b));
        assertThat(holding(a)).isEqualTo(holding(b)).hasSameHashCodeAs(holding(b));
        assertThat(position(a)).isEqualTo(position(b)).hasSameHashCodeAs(position(b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource({"72000, 72000.01", "72000, 72100", "0.1, 0.01"})
    void differentAmountsStayDifferent(BigDecimal a, BigDecimal b) {
        assertThat(fill(a, a)).isNotEqualTo(fill(b, b));
        assertThat(order(a)).isNotEqualTo(order(b));
        assertThat(holding(a)).isNotEqualTo(holding(b));
        assertThat(position(a)).isNotEqualTo(position(b));
    }

    /** The same fill with {@code price} and fee, and {@code tax}. */
    private static Fill fill(BigDecimal price, BigDecimal tax) {
        return new Fill(
                Fill.inferredId("o", 1),
                "o",
                T,
                10,
                price,
                price.multiply(BigDecimal.TEN),
                price,
                tax,
                FillSource.INFERRED,
                null,
                false,
                null);
    }

    private static Order order(BigDecimal price) {
        return new Order(
                KEY,
                INTENT,
                null,
                "06010",
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                10,
                price,
                10,
                0,
                price,
                BrokerStatus.ACCEPTED,
                OrderStatus.FILLED,
                OrderSource.INTENT,
                null,
                T,
                T);
    }

    private static Holding holding(BigDecimal price) {
        return new Holding("12345678-01", "005930", 10, price, price, price, 0.0, T);
    }

    private static Position position(BigDecimal price) {
        return new Position(INTENT, "12345678-01", "005930", "LONG", 10, price, T, "OPEN", "s1", 1, T);
    }
}
