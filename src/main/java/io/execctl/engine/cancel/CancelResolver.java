package io.execctl.engine.cancel;

import io.execctl.domain.AbsenceEvidence;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.AbsenceVerdict;
import io.execctl.domain.InquiryLine;
import io.execctl.domain.InquirySnapshot;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KnownOrder;
import io.execctl.domain.NoticeCoverage;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.kis.Sleeper;
import io.execctl.store.CancelJournal;
import io.execctl.store.CancelJournal.CancelRow;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionRecovery;
import io.execctl.store.SubmissionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a partial cancel whose answer was lost (journal UNKNOWN), by evidence only, as an order's
 * unknown outcome is settled:
 * <ul>
 *   <li><b>found</b>: today's daily-ccld lists exactly one cancel row of the target
 *       ({@code orgn_odno} = the target, {@code cncl_yn Y}) of the request's quantity that no other
 *       journalled cancel accounts for → RESOLVED with that row's order id. Two such rows → it stays
 *       UNKNOWN (an operator's identical cancel cannot be told from ours).</li>
 *   <li><b>absent</b>: no such row, the target's {@code cncl_cfrm_qty} equals the sum of the
 *       cancel/modify rows listed for it (so no cancel is missing from the list), and
 *       {@link AbsenceRules} proves the history complete and late enough (with a second daily-ccld
 *       one lag window later, as the command has no notice stream) → re-claimed for exactly one
 *       more send through the journal's fencing write ({@link SubmissionRecovery#reclaimForResend}).</li>
 *   <li>anything else: stays UNKNOWN, with what was missing.</li>
 * </ul>
 * A CLAIMED row left by a dead owner (lease passed) is taken over and sent once ({@link #resolve}).
 */
public final class CancelResolver {
    private static final Logger log = LoggerFactory.getLogger(CancelResolver.class);

    private final KisClient kis;
    private final Jdbi jdbi;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final AbsenceRules rules;
    private final Sleeper sleeper;
    private final PartialCanceller sender;

    public CancelResolver(
            KisClient kis,
            Jdbi jdbi,
            Incarnation owner,
            JournalPolicy policy,
            AbsenceRules rules,
            Sleeper sleeper,
            PartialCanceller sender) {
        this.kis = Objects.requireNonNull(kis, "kis");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * The notice path's hook: a cancel confirmation ({@code RCTF_CLS 2}) or a daily-ccld cancel row
     * names {@code targetOrderId} in {@code OODER_NO}/{@code orgn_odno}. If a partial cancel of that
     * order is unresolved, look at the evidence now (the notice alone is not evidence: an operator's
     * identical cancel would look the same, so the daily-ccld rule decides).
     *
     * @return the request's result, empty if the order has no unresolved partial cancel
     */
    public Optional<PartialResult> onCancelSeen(String targetOrderId) throws InterruptedException {
        Optional<CancelRow> row = CancelJournal.of(jdbi).unsettledFor(Objects.requireNonNull(targetOrderId));
        return row.isEmpty() ? Optional.empty() : Optional.of(resolve(row.get()));
    }

    /** One look at the evidence for {@code row}'s request; the result says where it stands now. */
    public PartialResult resolve(CancelRow given) throws InterruptedException {
        CancelRow row = given;
        SubmissionRecovery recovery = SubmissionRecovery.of(jdbi);
        CancelJournal cancels = CancelJournal.of(jdbi);
        if (row.row().state() == Submission.State.CLAIMED) {
            return takeOver(row, recovery, cancels);
        }
        if (row.row().state() == Submission.State.SENT) {
            recovery.expireOverdue(); // a SENT row past its deadline may have reached the broker
            row = cancels.find(row.requestId()).orElseThrow();
        }
        if (row.row().state() != Submission.State.UNKNOWN) {
            return PartialCanceller.report(row);
        }
        String targetId = row.targetOrderId();
        Order target = OrderStore.of(jdbi)
                .find(targetId)
                .orElseThrow(() -> new IllegalStateException("cancel target " + targetId + " is gone"));
        Submission s = row.row();
        Instant takenAt = SubmissionStore.of(jdbi).now();
        DailyOrders daily = kis.dailyOrders(DailyOrderQuery.narrow(s.tradingDate(), target.symbol(), target.side()));
        Set<String> accounted = new HashSet<>();
        for (CancelRow other : cancels.ofTarget(row.targetOrderId())) {
            if (!other.requestId().equals(row.requestId()) && other.row().orderId() != null) {
                accounted.add(other.row().orderId());
            }
        }
        List<DailyOrderRow> changes =
                changesOf(daily.orders().rows(), target.key().odno());
        List<String> candidates = new ArrayList<>();
        for (DailyOrderRow r : changes) {
            String id =
                    OrderKey.of(target.accountId(), s.tradingDate(), r.odno()).orderId();
            if (r.cancelled() && r.ordQty() == row.qty() && !accounted.contains(id)) {
                candidates.add(id);
            }
        }
        if (candidates.size() == 1) {
            boolean moved = recovery.resolveFound(
                    row.requestId(), s.attempts(), candidates.get(0), "found in daily-ccld: " + candidates.get(0));
            return PartialCanceller.report(cancels.find(row.requestId()).orElseThrow())
                    .withDetail(moved ? "found in daily-ccld" : "moved on meanwhile");
        }
        if (candidates.size() > 1) {
            return unknown(row, candidates.size() + " cancel rows of the order could be this one");
        }
        Optional<String> inconsistent = confirmedMismatch(daily, target, changes);
        if (inconsistent.isPresent()) {
            return unknown(row, inconsistent.get());
        }
        AbsenceVerdict verdict = judge(row, target, daily, takenAt, Optional.empty());
        if (verdict instanceof AbsenceVerdict.NotProven np && np.reason() == AbsenceVerdict.Reason.NO_CORROBORATION) {
            sleeper.sleep(rules.historyLag());
            Instant secondAt = SubmissionStore.of(jdbi).now();
            DailyOrders second =
                    kis.dailyOrders(DailyOrderQuery.narrow(s.tradingDate(), target.symbol(), target.side()));
            if (!changesOf(second.orders().rows(), target.key().odno()).equals(changes)) {
                return unknown(row, "the order's cancel rows changed between two inquiries");
            }
            verdict = judge(row, target, daily, takenAt, Optional.of(snapshot(second, target, s, secondAt)));
        }
        if (verdict instanceof AbsenceVerdict.Absent absent) {
            Optional<Submission> again = recovery.reclaimForResend(absent, owner, policy);
            if (again.isEmpty()) {
                return unknown(row, "absence proven but no resend allowed (attempts, age or date)");
            }
            return sender.send(cancels.find(row.requestId()).orElseThrow(), target);
        }
        if (verdict instanceof AbsenceVerdict.NotProven np) {
            return unknown(row, np.reason() + ": " + np.detail());
        }
        return unknown(row, "another order of the same symbol and side is not accounted for");
    }

    /**
     * A CLAIMED row whose lease passed (its owner died or stalled between claim and send) was never
     * sent: a send needs the journal's fencing write, which makes it SENT. It is taken over by the
     * same conditional write as an order's claim ({@link SubmissionRecovery#takeOver}; the old
     * owner's fencing write fails from then on) and sent from here through the fence — its first
     * send; an unknown answer is then settled by the evidence rule like any other. A row still within
     * its lease, or that moved on meanwhile, is only reported.
     */
    private PartialResult takeOver(CancelRow row, SubmissionRecovery recovery, CancelJournal cancels) {
        if (recovery.takeOver(row.requestId(), owner, policy).isEmpty()) {
            return PartialCanceller.report(cancels.find(row.requestId()).orElseThrow());
        }
        Order target = OrderStore.of(jdbi)
                .find(row.targetOrderId())
                .orElseThrow(() -> new IllegalStateException("cancel target " + row.targetOrderId() + " is gone"));
        log.info(
                "took over the expired claim of partial cancel {} from {}",
                row.requestId(),
                row.row().owner());
        return sender.send(cancels.find(row.requestId()).orElseThrow(), target);
    }

    private static List<DailyOrderRow> changesOf(List<DailyOrderRow> rows, String targetOdno) {
        return rows.stream()
                .filter(r -> r.orgnOdno() != null
                        && !r.orgnOdno().isBlank()
                        && !r.orgnOdno().matches("0+")
                        && OrderKey.normalizeOdno(r.orgnOdno()).equals(targetOdno))
                .toList();
    }

    /** The target's {@code cncl_cfrm_qty} must equal what its listed cancel/modify rows took from it. */
    private static Optional<String> confirmedMismatch(DailyOrders daily, Order target, List<DailyOrderRow> changes) {
        Optional<DailyOrderRow> t = daily.orders().rows().stream()
                .filter(r ->
                        OrderKey.normalizeOdno(r.odno()).equals(target.key().odno()))
                .findFirst();
        if (t.isEmpty()) {
            return Optional.of("daily-ccld does not list the target yet");
        }
        long listed = changes.stream().mapToLong(DailyOrderRow::ordQty).sum();
        if (t.get().cnclCfrmQty() != listed) {
            return Optional.of("target's cncl_cfrm_qty " + t.get().cnclCfrmQty()
                    + " but its listed cancel/modify rows take " + listed + ": a row may lag");
        }
        return Optional.empty();
    }

    private AbsenceVerdict judge(
            CancelRow row, Order target, DailyOrders daily, Instant takenAt, Optional<InquirySnapshot> second) {
        Submission s = row.row();
        List<KnownOrder> known = new ArrayList<>();
        for (Order o : OrderStore.of(jdbi).findByDate(target.accountId(), s.tradingDate())) {
            if (o.symbol().equals(target.symbol()) && o.side() == target.side()) {
                known.add(new KnownOrder(o.key().odno(), o.submittedTs()));
            }
        }
        Optional<InquirySnapshot> open = Optional.empty();
        if (rules.env() == KisEnv.REAL) {
            Instant at = SubmissionStore.of(jdbi).now();
            Paged<OpenOrder> oo = kis.openOrders(target.side());
            List<InquiryLine> lines = oo.rows().stream()
                    .filter(r -> r.symbol().equals(target.symbol()))
                    .map(r -> new InquiryLine(
                            r.odno(), blankToNull(r.orgnOdno()), s.tradingDate(), r.symbol(), r.side(), r.ordQty()))
                    .toList();
            open = Optional.of(new InquirySnapshot(
                    InquirySnapshot.Kind.OPEN_ORDERS,
                    s.tradingDate(),
                    target.symbol(),
                    target.side(),
                    at,
                    oo.complete(),
                    lines));
        }
        return rules.judge(new AbsenceEvidence(
                s.absenceQuestion(target.symbol(), target.side(), row.qty(), known),
                snapshot(daily, target, s, takenAt),
                open,
                second,
                NoticeCoverage.none(),
                List.of()));
    }

    private static InquirySnapshot snapshot(DailyOrders daily, Order target, Submission s, Instant takenAt) {
        List<InquiryLine> lines = daily.orders().rows().stream()
                .map(r -> new InquiryLine(
                        r.odno(), blankToNull(r.orgnOdno()), r.ordDt(), r.symbol(), r.side(), Math.max(1, r.ordQty())))
                .toList();
        return new InquirySnapshot(
                InquirySnapshot.Kind.DAILY_CCLD,
                s.tradingDate(),
                target.symbol(),
                target.side(),
                takenAt,
                daily.complete(),
                lines);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.matches("0+") ? null : s;
    }

    private static PartialResult unknown(CancelRow row, String why) {
        return new PartialResult(row.requestId(), PartialResult.Outcome.UNKNOWN, null, why);
    }
}
