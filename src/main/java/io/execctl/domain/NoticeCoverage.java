package io.execctl.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The spans in which the notice stream was receiving (any process, any connection). A notice the
 * broker sent inside a span reached us; outside every span it may be lost. Evidence of absence may
 * lean on the stream only for an interval without any gap.
 */
public record NoticeCoverage(List<CoveredSpan> spans) {
    public NoticeCoverage {
        spans = List.copyOf(Checks.notNull(spans, "spans"));
    }

    public static NoticeCoverage none() {
        return new NoticeCoverage(List.of());
    }

    /**
     * The parts of {@code [from, to]} no span covers, in time order. Touching spans leave no gap.
     *
     * @throws IllegalArgumentException unless {@code from} is before {@code to}
     */
    public List<CoveredSpan> gaps(Instant from, Instant to) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("interval must start before it ends: " + from + " .. " + to);
        }
        List<CoveredSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(CoveredSpan::from));
        List<CoveredSpan> gaps = new ArrayList<>();
        Instant cursor = from;
        for (CoveredSpan s : sorted) {
            if (!cursor.isBefore(to)) {
                break;
            }
            if (s.to().isBefore(cursor)) {
                continue;
            }
            if (s.from().isAfter(cursor)) {
                Instant gapEnd = s.from().isBefore(to) ? s.from() : to;
                gaps.add(new CoveredSpan(cursor, gapEnd));
            }
            if (s.to().isAfter(cursor)) {
                cursor = s.to();
            }
        }
        if (cursor.isBefore(to)) {
            gaps.add(new CoveredSpan(cursor, to));
        }
        return List.copyOf(gaps);
    }

    /** True if every instant of {@code [from, to]} lies in some span. */
    public boolean covers(Instant from, Instant to) {
        return gaps(from, to).isEmpty();
    }
}
