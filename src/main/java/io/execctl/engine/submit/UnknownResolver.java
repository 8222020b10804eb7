package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.AbsenceVerdict;
import io.execctl.domain.AccountTag;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentMapper;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KnownOrder;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.engine.Alert;
import io.execctl.engine.Alerter;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.store.DbClock;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import io.execctl.store.IntentTransitions;
import io.execctl.store.OwnershipStore;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionRecovery;
import io.execctl.store.SubmissionStore;
import io.execctl.store.UnresolvedSubmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles UNKNOWN submissions by the evidence rules ({@link AbsenceRules}), never by a guess. Each
 * pass first moves overdue SENT rows to UNKNOWN (an owner that died after its fencing write) and
 * writes the order rows of journal rows that hold an accepted ODNO without one; then, for every
 * UNKNOWN row, of any date (each is asked about its own trading date):
 *
 * <ul>
 *   <li>{@code Found} → the candidates go to the ownership decision with the whole inquiry: the one
 *       order that can be this submission's is adopted (intent SUBMITTED); two of the same shape (an
 *       HTS order, say) leave it UNKNOWN with the alert {@code AMBIGUOUS_ORDER_MATCH}.</li>
 *   <li>{@code Absent} → one resend through the journal's fence ({@code reclaimForResend}, then the
 *       ordinary send step). Absence after that resend (the attempts cap), or on a trading date that
 *       is over, is final: journal RESOLVED without an order, intent FAILED
 *       ({@code ABSENT_NOT_RESENT}) and the alert {@code SUBMIT_ABSENT}. Never more than one resend.</li>
 *   <li>{@code NotProven} → stays UNKNOWN and is counted unresolved. A complete inquiry is kept, so a
 *       later pass at least one history lag later can use it as the first of two.</li>
 * </ul>
 */
public final class UnknownResolver implements EnginePass {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownResolver.class);
    public static final String PASS = "resolve-unknown";
    /**
     * How long today's order history may lag the broker's acceptance, when not configured: a
     * daily-ccld taken earlier than the send deadline plus this proves no absence.
     */
    public static final Duration DEFAULT_HISTORY_LAG = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final UnknownEvidence evidence;
    private final PgOrderOwnership ownership;
    private final Submitter submitter;
    private final AbsenceRules rules;
    private final String accountId;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final Clock clock;
    private final Alerter alerter;
    private final Map<String, UnknownEvidence.Look> firstLooks = new ConcurrentHashMap<>();

    /**
     * @param submitter       sends the one resend (its owner and policy are used for the re-claim)
     * @param noticeStreamKey {@code NoticeCoverageStore.streamKey(env, htsId)}, or null when no process
     *                        records notice coverage (then absence needs a second inquiry)
     */
    public UnknownResolver(
            Jdbi jdbi,
            OrderInquiry inquiry,
            PgOrderOwnership ownership,
            Submitter submitter,
            AbsenceRules rules,
            String accountId,
            String noticeStreamKey,
            Clock clock,
            Alerter alerter) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.owner = submitter.owner();
        this.policy = submitter.policy();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alerter = Objects.requireNonNull(alerter, "alerter");
        this.evidence = new UnknownEvidence(jdbi, inquiry, accountId, rules.env(), noticeStreamKey);
    }

    /**
     * Complete whenever the pass ran: an UNKNOWN submission it could not settle yet is an unresolved
     * item, not a partial picture — it must never hold the daemon's bootstrap (and with it every loop)
     * while the evidence rules settle it in the background.
     */
    @Override
    public PassReport run() {
        List<SubmitResult> lines = resolveAll();
        int unresolved =
                (int) lines.stream().filter(l -> l.outcome().isUnresolved()).count();
        int changed = lines.size() - unresolved;
        return new PassReport(
                PASS,
                true,
                changed,
                unresolved,
                lines.size() + " unknown submission(s) looked at, " + changed + " settled, " + unresolved + " left");
    }

    /** One line per submission looked at: SUBMITTED (adopted), FAILED, the resend's outcome, or UNKNOWN. */
    public List<SubmitResult> resolveAll() {
        SubmissionRecovery.of(jdbi).expireOverdue();
        List<SubmitResult> lines = new ArrayList<>(repair());
        UnknownEvidence.Pass pass = new UnknownEvidence.Pass();
        for (Submission row : SubmissionStore.of(jdbi).findByState(EnumSet.of(Submission.State.UNKNOWN))) {
            lines.add(resolve(row, pass));
        }
        for (SubmitResult l : lines) {
            if (l.outcome().isUnresolved()) {
                // once per pass and submission: which evidence is still missing, so a stuck one explains itself
                LOG.info(
                        "{}: intent {} ({} {} {}) still unresolved: {}",
                        PASS,
                        l.intentId(),
                        l.symbol(),
                        l.side(),
                        l.qty(),
                        l.reason());
            }
        }
        return lines;
    }

    /**
     * How long until the earliest first look waiting for its pair may be paired (a history lag after
     * it was taken: the second inquiry that corroborates an absence across a notice-stream gap); the
     * daemon's loop runs then instead of a cadence later. Empty when none is ahead (a first look whose
     * time has come waits for the next pass anyway).
     */
    public Optional<Duration> untilSecondLook() {
        Instant now = clock.instant();
        return firstLooks.values().stream()
                .map(l -> l.history().takenAt().plus(rules.historyLag()))
                .filter(t -> t.isAfter(now))
                .min(Comparator.naturalOrder())
                .map(t -> Duration.between(now, t));
    }

    /** Journal rows holding an accepted ODNO whose order row was never written get it now. */
    private List<SubmitResult> repair() {
        List<SubmitResult> lines = new ArrayList<>();
        for (OwnershipStore.JournalOrder j : jdbi.withHandle(OwnershipStore::acceptedWithoutRow)) {
            String[] parts = j.orderId().split("-");
            Optional<UnresolvedSubmission> shape = shape(j.intentId());
            if (parts.length != 3 || !parts[2].equals(AccountTag.of(accountId)) || shape.isEmpty()) {
                continue;
            }
            UnresolvedSubmission u = shape.get();
            BrokerOrderSighting s = new BrokerOrderSighting(
                    OrderKey.of(accountId, j.tradingDate(), parts[1]),
                    null,
                    u.symbol(),
                    u.side(),
                    u.qty(),
                    u.orderType(),
                    u.price(),
                    null,
                    BrokerOrderSighting.Channel.JOURNAL,
                    j.branch());
            OwnershipVerdict v = ownership.decide(s);
            lines.add(line(
                    u,
                    v instanceof OwnershipVerdict.Adopted ? SubmitOutcome.SUBMITTED : SubmitOutcome.UNKNOWN,
                    j.orderId(),
                    "order row written from the journal: " + v.getClass().getSimpleName()));
        }
        return lines;
    }

    private SubmitResult resolve(Submission row, UnknownEvidence.Pass pass) {
        Optional<UnresolvedSubmission> found = shape(row.intentId());
        if (found.isEmpty() || !row.everSent()) {
            return new SubmitResult(
                    row.intentId(), null, null, 0, SubmitOutcome.UNKNOWN, null, "no request to match it with");
        }
        UnresolvedSubmission u = found.get();
        String memo = row.intentId() + ":" + row.attempts();
        UnknownEvidence.Look prev = firstLooks.get(memo);
        Instant due = evidenceDue(row, prev);
        if (SubmissionStore.of(jdbi).now().isBefore(due)) {
            // an inquiry before then can neither adopt nor prove absence (AbsenceRules: taken a history lag
            // after the send deadline; a pair a lag apart): asking would only spend the shared budget
            return line(u, SubmitOutcome.UNKNOWN, null, "waits for evidence: no inquiry can settle it before " + due);
        }
        List<KnownOrder> accounted = evidence.accounted(row, u);
        UnknownEvidence.Look look = evidence.look(row, u, pass, due);
        boolean pair = prev != null
                && !look.history().takenAt().isBefore(prev.history().takenAt().plus(rules.historyLag()));
        UnknownEvidence.Look first = pair ? prev : look;
        Optional<UnknownEvidence.Look> second = pair ? Optional.of(look) : Optional.empty();
        AbsenceVerdict verdict = rules.judge(UnknownEvidence.evidence(
                row,
                u,
                accounted,
                first,
                second,
                evidence.coverage(row, first.history().takenAt())));
        if (verdict instanceof AbsenceVerdict.Found f) {
            firstLooks.remove(memo);
            return adopt(row, u, f, accounted, first, second);
        }
        if (verdict instanceof AbsenceVerdict.Absent a) {
            firstLooks.remove(memo);
            return absent(row, u, a);
        }
        AbsenceVerdict.NotProven np = (AbsenceVerdict.NotProven) verdict;
        if (!pair && look.history().complete() && np.reason() == AbsenceVerdict.Reason.NO_CORROBORATION) {
            firstLooks.putIfAbsent(memo, look);
        }
        return line(u, SubmitOutcome.UNKNOWN, null, "not proven: " + np.reason() + " (" + np.detail() + ")");
    }

    /**
     * The earliest instant an inquiry can be evidence for {@code row}: a history lag after its send
     * deadline, and for the second of a pair a history lag after the first.
     */
    private Instant evidenceDue(Submission row, UnknownEvidence.Look prev) {
        Instant due = row.sendDeadline().plus(rules.historyLag());
        if (prev != null) {
            Instant pair = prev.history().takenAt().plus(rules.historyLag());
            due = pair.isAfter(due) ? pair : due;
        }
        return due;
    }

    private SubmitResult adopt(
            Submission row,
            UnresolvedSubmission u,
            AbsenceVerdict.Found f,
            List<KnownOrder> accounted,
            UnknownEvidence.Look first,
            Optional<UnknownEvidence.Look> second) {
        UnknownEvidence.Look last = second.orElse(first);
        if (!last.history().complete()
                || last.history().takenAt().isBefore(row.sendDeadline().plus(rules.historyLag()))) {
            // an order of the same shape may not be listed yet: adopting now could take the wrong one
            return line(u, SubmitOutcome.UNKNOWN, null, "found; adopted only from a complete inquiry past the lag");
        }
        Map<OrderKey, BrokerOrderSighting> candidates = new LinkedHashMap<>();
        List<BrokerOrderSighting> all = new ArrayList<>(first.sightings());
        second.ifPresent(l -> all.addAll(l.sightings()));
        for (BrokerOrderSighting s : all) {
            boolean isCandidate = f.candidates().stream()
                    .anyMatch(c -> c.orderNo().equals(s.key().odno()));
            boolean known =
                    accounted.stream().anyMatch(k -> k.orderNo().equals(s.key().odno()));
            if (isCandidate && !known) {
                candidates.putIfAbsent(s.key(), s);
            }
        }
        List<BrokerOrderSighting> inquiry = List.copyOf(candidates.values());
        List<String> verdicts = new ArrayList<>();
        for (BrokerOrderSighting s : inquiry) {
            OwnershipVerdict v = ownership.decideWithInquiry(s, inquiry);
            if (v instanceof OwnershipVerdict.Adopted a && a.intentId().equals(row.intentId())) {
                return line(u, SubmitOutcome.SUBMITTED, s.key().orderId(), "adopted from " + s.channel());
            }
            verdicts.add(s.key().orderId() + " (" + s.channel() + ") " + describe(v));
        }
        // each verdict named: a candidate the ownership rule will never give this submission keeps it
        // UNKNOWN for good, and the log must say which order and why
        return line(
                u,
                SubmitOutcome.UNKNOWN,
                null,
                "found " + inquiry.size() + " candidate order(s), none adopted: " + String.join("; ", verdicts));
    }

    private static String describe(OwnershipVerdict v) {
        if (v instanceof OwnershipVerdict.Adopted a) {
            return "adopted by intent " + a.intentId();
        }
        if (v instanceof OwnershipVerdict.Linked l) {
            return "linked to " + l.original().orderId();
        }
        if (v instanceof OwnershipVerdict.Pending p) {
            return "pending: " + p.why();
        }
        return "EXTERNAL: no unresolved submission has its shape";
    }

    private SubmitResult absent(Submission row, UnresolvedSubmission u, AbsenceVerdict.Absent a) {
        boolean dateOver = !row.tradingDate().equals(KoreaTime.tradingDate(clock.instant()));
        if (dateOver || row.attempts() >= policy.maxAttempts()) {
            String reason = dateOver ? "its trading date is over" : "it was resent once already";
            boolean settled = jdbi.inTransaction(h -> {
                if (!SubmissionRecovery.on(h, DbClock.database()).resolveAbsent(a, "absent; " + reason)) {
                    return false;
                }
                return IntentTransitions.on(h)
                        .move(
                                row.intentId(),
                                EnumSet.of(IntentStatus.UNKNOWN),
                                IntentStatus.FAILED,
                                IntentTransitions.Why.code("ABSENT_NOT_RESENT"),
                                clock.instant());
            });
            if (!settled) {
                return line(u, SubmitOutcome.UNKNOWN, null, "absence proven but the journal moved on");
            }
            alerter.raise(new Alert(
                    Alert.Severity.WARNING,
                    "SUBMIT_ABSENT",
                    "intent " + row.intentId() + ": its order provably does not exist and " + reason
                            + "; not resent, intent FAILED"));
            return line(u, SubmitOutcome.FAILED, null, "absent (" + a.basis() + "); " + reason);
        }
        Optional<Submission> reclaimed = SubmissionRecovery.of(jdbi).reclaimForResend(a, owner, policy);
        if (reclaimed.isEmpty()) {
            return line(u, SubmitOutcome.UNKNOWN, null, "absence proven; resend not licensed yet (minimum age)");
        }
        Optional<Intent> intent = IntentStore.of(jdbi).find(row.intentId());
        if (intent.isEmpty() || !(IntentMapper.map(intent.get()) instanceof IntentMapper.Mapped m)) {
            return line(u, SubmitOutcome.UNKNOWN, null, "re-claimed for a resend, but the intent no longer maps");
        }
        SubmitResult sent = submitter.sends().send(new Claim.Ready(intent.get(), m.request()));
        return new SubmitResult(
                sent.intentId(),
                sent.symbol(),
                sent.side(),
                sent.qty(),
                sent.outcome(),
                sent.orderId(),
                "resent once on evidence of absence (" + a.basis() + ")"
                        + (sent.reason() == null ? "" : ": " + sent.reason()));
    }

    private Optional<UnresolvedSubmission> shape(UUID intentId) {
        return jdbi.inTransaction(h -> OwnershipStore.on(h).shapeOf(intentId));
    }

    private static SubmitResult line(UnresolvedSubmission u, SubmitOutcome outcome, String orderId, String reason) {
        return new SubmitResult(u.intentId(), u.symbol(), u.side().name(), u.qty(), outcome, orderId, reason);
    }
}
