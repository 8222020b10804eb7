package io.execctl.store;

import io.execctl.domain.AbsenceEvidence;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.AbsenceVerdict;
import io.execctl.domain.InquirySnapshot;
import io.execctl.domain.KisEnv;
import io.execctl.domain.NoticeCoverage;
import io.execctl.domain.Side;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Intents and absence proofs for the journal tests. */
final class Journals {
    static final Duration LAG = Duration.ofSeconds(2);

    private Journals() {}

    /** A NEW limit-buy intent of 10 × 005930. */
    static UUID newIntent(Jdbi jdbi) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                    reason_code, action_key) VALUES (?, '005930', 'ENTRY', 10, 'LMT', 72000, 'R', ?)""", id, "k-" + id));
        return id;
    }

    static String intentStatus(Jdbi jdbi, UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    /**
     * The verdict of {@link AbsenceRules} (real account) on two complete, empty daily-ccld inquiries
     * and complete empty open orders, taken at the earliest moments the rules allow after the row's
     * deadline: ABSENT by the second inquiry.
     */
    static AbsenceVerdict.Absent proveAbsent(Submission row) {
        var q = row.absenceQuestion("005930", Side.BUY, 10, List.of());
        var first = q.sendDeadline().plus(LAG);
        var history = new InquirySnapshot(
                InquirySnapshot.Kind.DAILY_CCLD, q.tradingDate(), "005930", Side.BUY, first, true, List.of());
        var open = new InquirySnapshot(
                InquirySnapshot.Kind.OPEN_ORDERS, q.tradingDate(), "005930", Side.BUY, first, true, List.of());
        var second = new InquirySnapshot(
                InquirySnapshot.Kind.DAILY_CCLD, q.tradingDate(), "005930", Side.BUY, first.plus(LAG), true, List.of());
        AbsenceVerdict v = new AbsenceRules(LAG, KisEnv.REAL)
                .judge(new AbsenceEvidence(
                        q, history, Optional.of(open), Optional.of(second), NoticeCoverage.none(), List.of()));
        if (v instanceof AbsenceVerdict.Absent a) {
            return a;
        }
        throw new AssertionError("expected ABSENT, got " + v);
    }
}
