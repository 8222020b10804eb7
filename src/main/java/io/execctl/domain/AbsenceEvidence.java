package io.execctl.domain;

import java.util.List;
import java.util.Optional;

/**
 * Everything gathered to decide whether a submission's order exists: the daily-ccld taken after
 * the send deadline plus the history lag, the open orders (required on real accounts), an optional
 * second daily-ccld one lag window later, the notice-stream coverage and the notices received.
 */
public record AbsenceEvidence(
        AbsenceQuestion question,
        InquirySnapshot history,
        Optional<InquirySnapshot> openOrders,
        Optional<InquirySnapshot> secondHistory,
        NoticeCoverage coverage,
        List<NoticeSighting> notices) {
    public AbsenceEvidence {
        Checks.notNull(question, "question");
        Checks.notNull(history, "history");
        Checks.notNull(openOrders, "openOrders");
        Checks.notNull(secondHistory, "secondHistory");
        Checks.notNull(coverage, "coverage");
        notices = List.copyOf(Checks.notNull(notices, "notices"));
        requireKind(history, InquirySnapshot.Kind.DAILY_CCLD, "history");
        openOrders.ifPresent(s -> requireKind(s, InquirySnapshot.Kind.OPEN_ORDERS, "openOrders"));
        secondHistory.ifPresent(s -> requireKind(s, InquirySnapshot.Kind.DAILY_CCLD, "secondHistory"));
    }

    private static void requireKind(InquirySnapshot s, InquirySnapshot.Kind kind, String name) {
        if (s.kind() != kind) {
            throw new IllegalArgumentException(name + " must be a " + kind + " inquiry, was " + s.kind());
        }
    }
}
