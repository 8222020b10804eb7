package io.execctl.proof;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of several seeds: one line per day, every check as a PASS/FAIL column with a legend. */
class ChaosSummaryTest {
    private static ChaosVerdict.Row row(String check, boolean ok) {
        return new ChaosVerdict.Row(check, ok, ok ? "0 violations" : "1 violation(s)");
    }

    @Test
    void oneLinePerSeedWithEveryCheckAndALegend() {
        ChaosSummary.Day good = new ChaosSummary.Day(
                1,
                2000,
                1987,
                3,
                List.of(row("at most one order", true), row("outbox agrees", true)),
                Duration.ofMillis(12_300),
                Duration.ofSeconds(430),
                0,
                "");
        ChaosSummary.Day bad = new ChaosSummary.Day(
                2,
                2000,
                1990,
                3,
                List.of(row("at most one order", true), row("outbox agrees", false)),
                null,
                Duration.ofSeconds(500),
                3,
                "");
        ChaosSummary.Day broken = new ChaosSummary.Day(
                3, 0, 0, 0, List.of(), null, Duration.ofSeconds(130), 1, "no daemon became active");

        String t = ChaosSummary.table(List.of(good, bad, broken));

        assertThat(t)
                .contains("| seed | intents | orders | kills | C1 | C2 | convergence s | wall s | verdict |")
                .contains("| 1 | 2000 | 1987 | 3 | PASS | PASS | 12.3 | 430.0 | PASS |")
                .contains("| 2 | 2000 | 1990 | 3 | PASS | FAIL | never | 500.0 | FAIL |")
                .contains("| 3 | 0 | 0 | 0 | - | - | never | 130.0 | FAIL (no daemon became active) |")
                .contains("1 of 3 days passed")
                .contains("C1 = at most one order")
                .contains("C2 = outbox agrees");
    }
}
