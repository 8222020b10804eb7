package io.execctl.kis;

import io.execctl.domain.KoreaTime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct readers of plain digits, decimals and dates give exactly what the general path
 * ({@code new BigDecimal}, {@code stripTrailingZeros().longValueExact()}, {@link KoreaTime#parseDate})
 * gives, and refuse what it refuses.
 */
class KisFieldsTest {

    private static KisRow row(String value) {
        return KisRow.of(ResponseClassifier.mapper().createObjectNode().put("f", value));
    }

    /** The pre-optimisation reading of a decimal: the reference the fast path must match. */
    private static BigDecimal referenceDecimal(String raw) {
        String v = raw.strip().replace(",", "");
        return v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }

    private static List<String> samples() {
        List<String> s = new ArrayList<>(List.of(
                "0",
                "5",
                "-5",
                "-0",
                "007",
                "72000",
                "71950.0000",
                "248750.0000",
                "0.10",
                "0.00000000",
                "-1.20000000",
                "1,243,750",
                "1e3",
                "+5",
                ".5",
                "5.",
                "-",
                "",
                " ",
                "  12 ",
                "999999999999999999",
                "1000000000000000000",
                "-999999999999999999",
                "12345678901234567.8",
                "1234567890123456789.5",
                "1.2.3",
                "12a",
                "١٢",
                "5.0000",
                "5.5",
                "--5",
                "0x10",
                ","));
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            if (rnd.nextInt(5) == 0) {
                b.append('-');
            }
            int digits = 1 + rnd.nextInt(21);
            int dot = rnd.nextInt(3) == 0 ? rnd.nextInt(digits + 1) : -1;
            for (int d = 0; d < digits; d++) {
                if (d == dot) {
                    b.append('.');
                }
                b.append((char) ('0' + rnd.nextInt(10)));
            }
            s.add(b.toString());
        }
        return s;
    }

    @Test
    void decimalsMatchBigDecimalExactlyIncludingScale() {
        for (String v : samples()) {
            BigDecimal expected;
            try {
                expected = referenceDecimal(v);
            } catch (NumberFormatException e) {
                assertThatThrownBy(() -> KisFields.decimal(row(v), "f"))
                        .as(v)
                        .isInstanceOf(KisFields.MalformedFieldException.class)
                        .hasMessage("field f: not a number");
                continue;
            }
            BigDecimal got = KisFields.decimal(row(v), "f");
            assertThat(got).as(v).isEqualTo(expected); // equals: same value and same scale
        }
    }

    @Test
    void quantitiesMatchTheBigDecimalReading() {
        for (String v : samples()) {
            Long expected;
            try {
                expected = referenceDecimal(v).stripTrailingZeros().longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                expected = null;
            }
            if (expected == null) {
                assertThatThrownBy(() -> KisFields.qty(row(v), "f"))
                        .as(v)
                        .isInstanceOf(KisFields.MalformedFieldException.class);
            } else {
                assertThat(KisFields.qty(row(v), "f")).as(v).isEqualTo(expected);
            }
        }
    }

    @Test
    void datesMatchTheStrictBasicIsoReading() {
        List<String> dates = new ArrayList<>(List.of(
                "20261124",
                "20240229",
                "20230229",
                "20261131",
                "20261301",
                "20260001",
                "20261100",
                "00001124",
                "99991231",
                "2026112",
                "202611245",
                "2026-11-24",
                "2026112a",
                "20261124Z",
                "20261124+0900",
                " 20261124 ",
                "２０２６１１２４"));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            dates.add(String.format("%04d%02d%02d", rnd.nextInt(10000), rnd.nextInt(14), rnd.nextInt(33)));
        }
        for (String v : dates) {
            LocalDate expected;
            try {
                expected = KoreaTime.parseDate(v.strip());
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> KisFields.date(row(v), "f"))
                        .as(v)
                        .isInstanceOf(KisFields.MalformedFieldException.class)
                        .hasMessage("field f: not a yyyyMMdd date");
                continue;
            }
            assertThat(KisFields.date(row(v), "f")).as(v).isEqualTo(expected);
        }
        assertThatThrownBy(() -> KisFields.date(row(""), "f")).hasMessage("field f: missing");
    }
}
