package io.execctl.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeCoverageTest {
    private static final Instant T = Instant.parse("2026-01-13T00:00:00Z");

    private static Instant t(long s) {
        return T.plusSeconds(s);
    }

    private static CoveredSpan span(long from, long to) {
        return new CoveredSpan(t(from), t(to));
    }

    @Test
    void aGapInTheMiddleIsReported() {
        NoticeCoverage c = new NoticeCoverage(List.of(span(0, 40), span(55, 100)));
        assertThat(c.covers(t(10), t(90))).isFalse();
        assertThat(c.gaps(t(10), t(90))).containsExactly(span(40, 55));
        assertThat(c.covers(t(10), t(40))).isTrue();
        assertThat(c.covers(t(55), t(100))).isTrue();
    }

    @Test
    void touchingAndOverlappingSpansLeaveNoGapInAnyOrder() {
        NoticeCoverage c = new NoticeCoverage(List.of(span(50, 100), span(0, 30), span(20, 50)));
        assertThat(c.covers(t(0), t(100))).isTrue();
    }

    @Test
    void theEndsCountStartBeforeTheFirstSpanAndAfterTheLastFrameAreGaps() {
        NoticeCoverage c = new NoticeCoverage(List.of(span(10, 20)));
        assertThat(c.gaps(t(0), t(30))).containsExactly(span(0, 10), span(20, 30));
        assertThat(NoticeCoverage.none().gaps(t(0), t(1))).containsExactly(span(0, 1));
        assertThatThrownBy(() -> c.gaps(t(5), t(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoveredSpan(t(2), t(1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded random spans against a per-second brute force: covered iff every second's [s, s+1] is inside one span. */
    @Test
    void agreesWithABruteForceModel() {
        Random r = new Random(20261202L);
        for (int run = 0; run < 2_000; run++) {
            List<CoveredSpan> spans = new ArrayList<>();
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                int a = r.nextInt(60);
                spans.add(span(a, a + r.nextInt(25)));
            }
            int from = r.nextInt(50);
            int to = from + 1 + r.nextInt(20);
            boolean brute = true;
            for (int s = from; s < to; s++) {
                int sec = s;
                // [sec, sec+1] is covered by the union iff both ends and the inside are: spans have integer
                // ends, so one span must hold the whole unit or two spans meet exactly at an integer.
                boolean unit = spans.stream().anyMatch(x -> !x.from().isAfter(t(sec)) && !x.to().isBefore(t(sec + 1)));
                brute &= unit;
            }
            NoticeCoverage c = new NoticeCoverage(spans);
            assertThat(c.covers(t(from), t(to)))
                    .as("run %d: %s over [%d, %d]", run, spans, from, to)
                    .isEqualTo(brute);
            long gapSeconds = c.gaps(t(from), t(to)).stream()
                    .mapToLong(g -> g.to().getEpochSecond() - g.from().getEpochSecond())
                    .sum();
            long uncoveredUnits = 0;
            for (int s = from; s < to; s++) {
                int sec = s;
                if (spans.stream().noneMatch(x -> !x.from().isAfter(t(sec)) && !x.to().isBefore(t(sec + 1)))) {
                    uncoveredUnits++;
                }
            }
            assertThat(gapSeconds).as("run %d gap length", run).isEqualTo(uncoveredUnits);
        }
    }
}
