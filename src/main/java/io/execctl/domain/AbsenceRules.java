package io.execctl.domain;

import io.execctl.domain.AbsenceVerdict.Absent;
import io.execctl.domain.AbsenceVerdict.Basis;
import io.execctl.domain.AbsenceVerdict.Candidate;
import io.execctl.domain.AbsenceVerdict.Found;
import io.execctl.domain.AbsenceVerdict.NotProven;
import io.execctl.domain.AbsenceVerdict.Reason;
import io.execctl.domain.AbsenceVerdict.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When an inquiry proves that an order does not exist — the only licence to resend an order whose
 * POST had an unknown outcome. KIS has no client order id, so a wrong "absent" places a second
 * real order; every doubt therefore ends in {@link Reason NOT_PROVEN}, and the submission stays
 * UNKNOWN for an operator.
 *
 * <p>The rule (docs/architecture.md, "Evidence rules"): a complete daily-ccld for the send's
 * trading date, symbol and side (and, on a real account, the complete open orders), started at least
 * {@code historyLag} after the send deadline, lists no order execctl cannot account for and lists
 * every known order old enough to be listed; <em>and</em> either the notice stream covered
 * {@code [first send, that inquiry]} without a gap and brought no unknown order, or a second
 * complete daily-ccld started at least one lag window later agrees. On paper an empty order list is
 * never evidence (paper has answered with an empty {@code output1} while orders existed).
 *
 * @param historyLag how long today's order history may lag behind the broker's acceptance; at or
 *                   above the simulator's {@code ccld_lag_ms} in tests
 * <p>With an {@code orderTimeSkew} (the submission resolver's rules), a plain order row (not a cancel or
 * modify) is not a candidate for the submission when its quantity differs from the send's, when the
 * broker lists another order type than the one sent or, for a limit, another price, or when its order
 * time lies outside the send window (from the first send, for a resend from its own send, to the
 * deadline) widened by the skew — the very shape and window without which the
 * ownership rule would never adopt it ({@code SightingMatch}). Without this, an HTS order of the same
 * symbol and side placed minutes away (or an HTS limit order of the same quantity placed in the window:
 * chaos day, a market BUY's resend refused before processing) could neither be adopted nor ruled out,
 * and the submission stayed UNKNOWN for good. A row without an order time, type or price stays a
 * candidate as far as that field goes.
 *
 * @param env           real or paper (open orders exist only on real; paper's empty history is untrusted)
 * @param orderTimeSkew how far a broker order time may lie outside the send window; null = every unaccounted
 *                      row of the date, symbol and side is a candidate (the cancel resolver's rules)
 */
public record AbsenceRules(Duration historyLag, KisEnv env, Duration orderTimeSkew) {
    /** Rules without the quantity and send-window filter of candidates. */
    public AbsenceRules(Duration historyLag, KisEnv env) {
        this(historyLag, env, null);
    }

    public AbsenceRules {
        if (orderTimeSkew != null && orderTimeSkew.isNegative()) {
            throw new IllegalArgumentException("orderTimeSkew must be >= 0, was " + orderTimeSkew);
        }
        Checks.notNull(historyLag, "historyLag");
        if (historyLag.isNegative()) {
            throw new IllegalArgumentException("historyLag must be >= 0, was " + historyLag);
        }
        Checks.notNull(env, "env");
    }

    /** The verdict on {@code ev}; pure and total (never throws for valid records). */
    public AbsenceVerdict judge(AbsenceEvidence ev) {
        AbsenceQuestion q = ev.question();
        Optional<NotProven> scope = scope(ev);
        if (scope.isPresent()) {
            return scope.get();
        }
        List<Candidate> candidates = candidates(ev);
        if (!candidates.isEmpty()) {
            return new Found(candidates);
        }
        Optional<NotProven> first =
                trustworthy(ev.history(), q, q.sendDeadline().plus(historyLag), "daily-ccld");
        if (first.isPresent()) {
            return first.get();
        }
        if (env == KisEnv.REAL) {
            Optional<NotProven> open = openOrders(ev, q);
            if (open.isPresent()) {
                return open.get();
            }
        }
        Instant firstTaken = ev.history().takenAt();
        List<CoveredSpan> gaps =
                q.firstSentAt().isBefore(firstTaken) ? ev.coverage().gaps(q.firstSentAt(), firstTaken) : List.of();
        if (gaps.isEmpty()) {
            return new Absent(q, Basis.NOTICE_STREAM, firstTaken);
        }
        if (ev.secondHistory().isEmpty()) {
            return new NotProven(
                    Reason.NO_CORROBORATION,
                    "notice stream gap from " + gaps.get(0).from() + " to "
                            + gaps.get(0).to() + " and no second inquiry");
        }
        InquirySnapshot second = ev.secondHistory().get();
        Optional<NotProven> again = trustworthy(second, q, firstTaken.plus(historyLag), "second daily-ccld");
        if (again.isPresent()) {
            return again.get();
        }
        return new Absent(q, Basis.SECOND_INQUIRY, second.takenAt());
    }

    private static Optional<NotProven> scope(AbsenceEvidence ev) {
        AbsenceQuestion q = ev.question();
        List<InquirySnapshot> all = new ArrayList<>();
        all.add(ev.history());
        ev.openOrders().ifPresent(all::add);
        ev.secondHistory().ifPresent(all::add);
        for (InquirySnapshot s : all) {
            if (!s.admits(q.tradingDate(), q.symbol(), q.side())) {
                return Optional.of(new NotProven(
                        Reason.WRONG_SCOPE,
                        s.kind() + " for " + s.tradingDate() + " " + s.symbol() + " " + s.side() + " cannot speak for "
                                + q.tradingDate() + " " + q.symbol() + " " + q.side()));
            }
        }
        return Optional.empty();
    }

    /** Unaccounted orders of the send's date, symbol and side in any inquiry or notice. */
    private List<Candidate> candidates(AbsenceEvidence ev) {
        AbsenceQuestion q = ev.question();
        Map<String, Candidate> found = new LinkedHashMap<>();
        List<InquirySnapshot> all = new ArrayList<>();
        all.add(ev.history());
        ev.openOrders().ifPresent(all::add);
        ev.secondHistory().ifPresent(all::add);
        for (InquirySnapshot s : all) {
            Source source = s.kind() == InquirySnapshot.Kind.OPEN_ORDERS ? Source.OPEN_ORDERS : Source.DAILY_CCLD;
            for (InquiryLine l : s.lines()) {
                if (inScope(q, l) && !q.accounts(l.orderNo()) && !q.accounts(l.origOrderNo()) && couldBeTheSend(q, l)) {
                    found.putIfAbsent(l.orderNo(), new Candidate(l.orderNo(), source, l.qty()));
                }
            }
        }
        for (NoticeSighting n : ev.notices()) {
            if (n.tradingDate().equals(q.tradingDate())
                    && n.symbol().equals(q.symbol())
                    && n.side() == q.side()
                    && !q.accounts(n.orderNo())) {
                found.putIfAbsent(n.orderNo(), new Candidate(n.orderNo(), Source.NOTICE, null));
            }
        }
        return List.copyOf(found.values());
    }

    /** See the class comment: quantity, type, price and send window, for plain order rows, when a skew is set. */
    private boolean couldBeTheSend(AbsenceQuestion q, InquiryLine l) {
        if (orderTimeSkew == null || l.origOrderNo() != null) {
            return true;
        }
        if (l.qty() != q.qty() || !sameTypeAndPrice(q, l)) {
            return false;
        }
        return l.orderedAt() == null
                || (!l.orderedAt().isBefore(q.windowFrom().minus(orderTimeSkew))
                        && !l.orderedAt().isAfter(q.sendDeadline().plus(orderTimeSkew)));
    }

    /** The ownership rule's order type and limit price test ({@code SightingMatch.fitsShape}); unknown fits. */
    private static boolean sameTypeAndPrice(AbsenceQuestion q, InquiryLine l) {
        if (l.orderType() != null && q.orderType() != null && l.orderType() != q.orderType()) {
            return false;
        }
        boolean limit = q.orderType() == OrderType.LMT || l.orderType() == OrderType.LMT;
        return !limit || l.price() == null || q.price() == null || l.price().compareTo(q.price()) == 0;
    }

    private static boolean inScope(AbsenceQuestion q, InquiryLine l) {
        return l.tradingDate().equals(q.tradingDate()) && l.symbol().equals(q.symbol()) && l.side() == q.side();
    }

    /** Paper-empty, completeness, timing and "lists every known order" checks of one daily-ccld. */
    private Optional<NotProven> trustworthy(InquirySnapshot s, AbsenceQuestion q, Instant notBefore, String name) {
        if (env == KisEnv.PAPER && s.lines().isEmpty()) {
            return Optional.of(new NotProven(
                    Reason.PAPER_EMPTY_HISTORY, name + " on paper listed no order at all; paper cannot prove absence"));
        }
        if (!s.complete()) {
            return Optional.of(new NotProven(Reason.INCOMPLETE_INQUIRY, name + " is not complete"));
        }
        if (s.takenAt().isBefore(notBefore)) {
            return Optional.of(new NotProven(
                    Reason.TOO_EARLY,
                    name + " taken at " + s.takenAt() + ", evidence needs " + notBefore + " or later"));
        }
        Instant listedBy = s.takenAt().minus(historyLag);
        for (KnownOrder k : q.accounted()) {
            if (!k.knownSince().isAfter(listedBy)
                    && s.lines().stream().noneMatch(l -> l.orderNo().equals(k.orderNo()))) {
                return Optional.of(new NotProven(
                        Reason.HISTORY_LAGS, name + " does not list known order " + k.orderNo() + " yet"));
            }
        }
        return Optional.empty();
    }

    private static Optional<NotProven> openOrders(AbsenceEvidence ev, AbsenceQuestion q) {
        if (ev.openOrders().isEmpty()) {
            return Optional.of(new NotProven(Reason.OPEN_ORDERS_MISSING, "a real account needs its open orders read"));
        }
        InquirySnapshot open = ev.openOrders().get();
        if (!open.complete()) {
            return Optional.of(new NotProven(Reason.OPEN_ORDERS_MISSING, "open orders not read completely"));
        }
        if (open.takenAt().isBefore(q.sendDeadline())) {
            return Optional.of(new NotProven(Reason.OPEN_ORDERS_MISSING, "open orders read before the send deadline"));
        }
        return Optional.empty();
    }
}
