package io.execctl.store;

import io.execctl.domain.AbsenceVerdict;
import io.execctl.domain.JournalPolicy;
import io.execctl.store.Submission.State;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The submission journal's lease on real PostgreSQL, on an injected clock: claims carry owner and
 * deadline, every send is fenced, others move a row only after its deadline or with evidence.
 */
class SubmissionJournalTest {
    private static final JournalPolicy POLICY = new JournalPolicy(
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 2);
    private static TestDatabase db;
    private static Jdbi jdbi;

    private MutableClock clock;
    private SubmissionStore journal;
    private SubmissionRecovery recovery;
    private final Incarnation a = Incarnation.start();
    private final Incarnation b = Incarnation.start();

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void clocks() {
        clock = new MutableClock(Samples.T0);
        journal = SubmissionStore.of(jdbi, DbClock.of(clock));
        recovery = SubmissionRecovery.of(jdbi, DbClock.of(clock));
    }

    private static long rows(UUID intent) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.submissions WHERE intent_id = :id")
                .bind("id", intent)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void aClaimCarriesOwnerAndDeadlineAndMovesTheIntentInOneTransaction() {
        UUID intent = Journals.newIntent(jdbi);
        Submission s =
                journal.claim(intent, a, "{\"PDNO\": \"005930\"}", POLICY).orElseThrow();
        assertThat(s.state()).isEqualTo(State.CLAIMED);
        assertThat(s.owner()).isEqualTo(a.id());
        assertThat(s.sendDeadline()).isEqualTo(Samples.T0.plus(POLICY.claimLease()));
        assertThat(s.attempts()).isZero();
        assertThat(s.everSent()).isFalse();
        assertThat(s.toString()).doesNotContain("PDNO");
        assertThat(Journals.intentStatus(jdbi, intent)).isEqualTo("SENDING");

        assertThat(journal.claim(intent, b, "{}", POLICY)).as("claimed before").isEmpty();
        assertThat(rows(intent)).isEqualTo(1);

        UUID missing = UUID.randomUUID();
        assertThat(journal.claim(missing, a, "{}", POLICY)).as("no NEW intent").isEmpty();
        assertThat(rows(missing)).isZero();
    }

    @Test
    void onlyTheOwnerBeforeItsDeadlineMayFenceAndTheFenceRenewsTheDeadline() {
        UUID intent = Journals.newIntent(jdbi);
        journal.claim(intent, a, "{}", POLICY).orElseThrow();
        assertThat(journal.beginSend(intent, b, POLICY)).as("not the owner").isEmpty();

        clock.advance(Duration.ofSeconds(3));
        SendPermit p = journal.beginSend(intent, a, POLICY).orElseThrow();
        assertThat(p.attempt()).isEqualTo(1);
        assertThat(p.sentAt()).isEqualTo(Samples.T0.plusSeconds(3));
        assertThat(p.deadline()).isEqualTo(Samples.T0.plusSeconds(3).plus(POLICY.sendLease()));
        assertThat(p.tradingDate()).isEqualTo(LocalDate.of(2026, 1, 13));
        assertThat(journal.beginSend(intent, a, POLICY))
                .as("one first send per attempt")
                .isEmpty();

        clock.advance(Duration.ofSeconds(5));
        SendPermit retry = journal.renewForRetry(p, POLICY).orElseThrow();
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.deadline()).isEqualTo(Samples.T0.plusSeconds(8).plus(POLICY.sendLease()));

        clock.advance(POLICY.sendLease());
        assertThat(journal.renewForRetry(retry, POLICY)).as("deadline passed").isEmpty();
        Submission s = journal.find(intent).orElseThrow();
        assertThat(s.state()).isEqualTo(State.SENT);
        assertThat(s.firstSentTs()).isEqualTo(Samples.T0.plusSeconds(3));
        assertThat(s.sentTs()).isEqualTo(Samples.T0.plusSeconds(8));

        UUID slow = Journals.newIntent(jdbi);
        journal.claim(slow, a, "{}", POLICY).orElseThrow();
        clock.advance(POLICY.claimLease());
        assertThat(journal.beginSend(slow, a, POLICY))
                .as("own claim, deadline passed, nobody took it over: still no send")
                .isEmpty();
        assertThat(journal.find(slow).orElseThrow().everSent()).isFalse();

        UUID inTx = Journals.newIntent(jdbi);
        journal.claim(inTx, a, "{}", POLICY).orElseThrow();
        assertThatThrownBy(() -> jdbi.useTransaction(
                        h -> SubmissionStore.on(h, DbClock.of(clock)).beginSend(inTx, a, POLICY)))
                .as("a fencing write that would commit only after the POST fences nothing")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClaimNeverSentCanBeTakenOverAfterItsDeadlineAndTheStaleOwnerThenSendsNothing() {
        UUID intent = Journals.newIntent(jdbi);
        journal.claim(intent, a, "{}", POLICY).orElseThrow();
        assertThat(recovery.takeOver(intent, b, POLICY))
                .as("deadline not passed")
                .isEmpty();

        clock.advance(POLICY.claimLease());
        Submission taken = recovery.takeOver(intent, b, POLICY).orElseThrow();
        assertThat(taken.owner()).isEqualTo(b.id());
        assertThat(taken.attempts()).as("nothing was sent").isZero();
        assertThat(journal.beginSend(intent, a, POLICY)).as("stale owner").isEmpty();
        assertThat(journal.failUnsent(intent, a, "late")).isFalse();
        assertThat(journal.beginSend(intent, b, POLICY)).isPresent();
    }

    @Test
    void aSentRowBecomesUnknownOnlyAfterItsDeadlineAndIsNeverTakenOver() {
        UUID intent = Journals.newIntent(jdbi);
        journal.claim(intent, a, "{}", POLICY).orElseThrow();
        SendPermit p = journal.beginSend(intent, a, POLICY).orElseThrow();

        clock.advance(POLICY.sendLease().minusMillis(1));
        assertThat(recovery.expireOverdue()).doesNotContain(intent);
        assertThat(recovery.takeOver(intent, b, POLICY)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(recovery.expireOverdue()).containsExactly(intent);
        assertThat(recovery.takeOver(intent, b, POLICY))
                .as("a sent row is never re-claimed blindly")
                .isEmpty();
        Submission s = journal.find(intent).orElseThrow();
        assertThat(s.state()).isEqualTo(State.UNKNOWN);
        assertThat(s.error()).contains(a.id());
        assertThat(Journals.intentStatus(jdbi, intent)).isEqualTo("UNKNOWN");

        assertThat(journal.renewForRetry(p, POLICY)).as("the owner lost it").isEmpty();
        assertThat(journal.markFailed(p, "give up"))
                .as("UNKNOWN is never FAILED")
                .isFalse();
        assertThat(journal.markAccepted(p, "20260113-06010-0000000001", "{}"))
                .as("a late answer of the same attempt stands")
                .isTrue();
        assertThat(journal.find(intent).orElseThrow().state()).isEqualTo(State.ACCEPTED);
    }

    /**
     * The stall-before-send failpoint: the sender takes its (simulated) token and rate slot for a
     * retry, then pauses; a concurrent reconcile marks the row UNKNOWN after the deadline; the
     * sender's fencing write then fails and nothing more is sent. The control run (reconcile before
     * the deadline) sends the retry, so the test can tell the two apart.
     */
    @Test
    void aStalledSenderCannotSendAfterAConcurrentReconcile() throws Exception {
        assertThat(stallThenReconcile(true)).as("sends after the takeover").isEqualTo(1);
        assertThat(stallThenReconcile(false))
                .as("control: no takeover, the retry goes")
                .isEqualTo(2);
    }

    private int stallThenReconcile(boolean pastDeadline) throws Exception {
        UUID intent = Journals.newIntent(jdbi);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<Integer> sent = new ArrayList<>();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = sender.submit(() -> {
                journal.claim(intent, a, "{}", POLICY).orElseThrow();
                SendPermit p = journal.beginSend(intent, a, POLICY).orElseThrow();
                sent.add(p.attempt()); // POST #1: answered EGW00201 (not processed), retry
                // token and rate slot are taken here, then the process stalls
                stalled.countDown();
                Concurrency.await(resume);
                journal.renewForRetry(p, POLICY).ifPresent(r -> sent.add(r.attempt()));
            });
            Concurrency.await(stalled);
            clock.advance(pastDeadline ? POLICY.sendLease() : POLICY.sendLease().minusSeconds(1));
            List<UUID> expired = recovery.expireOverdue();
            assertThat(expired.contains(intent)).isEqualTo(pastDeadline);
            resume.countDown();
            run.get(30, TimeUnit.SECONDS);
        } finally {
            sender.shutdownNow();
        }
        assertThat(journal.find(intent).orElseThrow().state()).isEqualTo(pastDeadline ? State.UNKNOWN : State.SENT);
        return sent.size();
    }

    @Test
    void aRestartedProcessDoesNotInheritItsPredecessorsClaims() {
        Incarnation before = Incarnation.start();
        UUID claimed = Journals.newIntent(jdbi);
        UUID inFlight = Journals.newIntent(jdbi);
        journal.claim(claimed, before, "{}", POLICY).orElseThrow();
        journal.claim(inFlight, before, "{}", POLICY).orElseThrow();
        SendPermit old = journal.beginSend(inFlight, before, POLICY).orElseThrow();

        Incarnation after = Incarnation.start(); // same host, same pid perhaps: a new id all the same
        assertThat(after).isNotEqualTo(before);
        assertThat(journal.beginSend(claimed, after, POLICY)).isEmpty();
        assertThat(journal.renewForRetry(
                        new SendPermit(inFlight, after, 1, old.sentAt(), old.deadline(), old.tradingDate()), POLICY))
                .isEmpty();
        assertThat(recovery.takeOver(claimed, after, POLICY))
                .as("before the deadline")
                .isEmpty();

        clock.advance(POLICY.claimLease());
        assertThat(recovery.takeOver(claimed, after, POLICY)).isPresent();
        assertThat(journal.beginSend(claimed, after, POLICY)).isPresent();
        assertThat(recovery.takeOver(inFlight, after, POLICY))
                .as("sent: only UNKNOWN")
                .isEmpty();
        assertThat(recovery.expireOverdue()).contains(inFlight);
    }

    @Test
    void outcomesNameTheirAttemptSoALateAnswerCannotOverwriteANewerOne() {
        UUID intent = Journals.newIntent(jdbi);
        journal.claim(intent, a, "{}", POLICY).orElseThrow();
        SendPermit first = journal.beginSend(intent, a, POLICY).orElseThrow();
        clock.advance(Duration.ofSeconds(11));
        assertThat(journal.markUnknown(first, "read timeout")).isTrue();
        assertThat(journal.markUnknown(first, "again")).isFalse();

        clock.advance(POLICY.minResendAge());
        Submission unknown = journal.find(intent).orElseThrow();
        recovery.reclaimForResend(Journals.proveAbsent(unknown), b, POLICY).orElseThrow();
        SendPermit second = journal.beginSend(intent, b, POLICY).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);

        assertThat(journal.markAccepted(first, "20260113-06010-0000000001", "{}"))
                .as("answer to the superseded attempt")
                .isFalse();
        assertThat(journal.markAccepted(second, "20260113-06010-0000000002", "{}"))
                .isTrue();
        Submission done = journal.find(intent).orElseThrow();
        assertThat(done.orderId()).isEqualTo("20260113-06010-0000000002");
        assertThat(done.firstSentTs()).isEqualTo(Samples.T0);
        assertThat(done.evidence()).startsWith("ABSENT for attempt 1 by SECOND_INQUIRY");
    }

    @Test
    void aResendNeedsProofForItsAttemptTheMinimumAgeTheCapAndTheSameTradingDate() {
        UUID intent = Journals.newIntent(jdbi);
        journal.claim(intent, a, "{}", POLICY).orElseThrow();
        SendPermit first = journal.beginSend(intent, a, POLICY).orElseThrow();
        journal.markUnknown(first, "read timeout");
        AbsenceVerdict.Absent proof1 = Journals.proveAbsent(journal.find(intent).orElseThrow());

        clock.advance(POLICY.minResendAge().minusSeconds(1));
        assertThat(recovery.reclaimForResend(proof1, b, POLICY)).as("too young").isEmpty();
        Submission r = journal.find(intent).orElseThrow();
        Submission laterFirstSend = new Submission(
                r.intentId(),
                r.state(),
                r.attempts(),
                r.owner(),
                r.claimedTs(),
                r.sendDeadline(),
                r.firstSentTs().plusSeconds(1),
                r.sentTs().plusSeconds(1),
                r.tradingDate(),
                r.requestJson(),
                r.responseJson(),
                r.orderId(),
                r.error(),
                r.evidence(),
                r.createdTs(),
                r.updatedTs());
        AbsenceVerdict.Absent narrower = Journals.proveAbsent(laterFirstSend);
        clock.advance(Duration.ofSeconds(1));
        assertThat(recovery.reclaimForResend(narrower, b, POLICY))
                .as("a proof whose notice window starts after the first send")
                .isEmpty();
        assertThat(recovery.resolveAbsent(narrower, "x")).isFalse();
        Submission again = recovery.reclaimForResend(proof1, b, POLICY).orElseThrow();
        assertThat(again.state()).isEqualTo(State.CLAIMED);
        assertThat(again.owner()).isEqualTo(b.id());
        assertThat(Journals.intentStatus(jdbi, intent)).isEqualTo("SENDING");
        assertThat(recovery.reclaimForResend(proof1, a, POLICY)).as("once").isEmpty();

        SendPermit second = journal.beginSend(intent, b, POLICY).orElseThrow();
        journal.markUnknown(second, "read timeout");
        assertThat(Journals.intentStatus(jdbi, intent)).isEqualTo("UNKNOWN");
        clock.advance(POLICY.minResendAge());
        assertThat(recovery.reclaimForResend(proof1, a, POLICY))
                .as("stale proof")
                .isEmpty();
        AbsenceVerdict.Absent proof2 = Journals.proveAbsent(journal.find(intent).orElseThrow());
        assertThat(recovery.reclaimForResend(proof2, a, POLICY))
                .as("attempts cap 2")
                .isEmpty();
        JournalPolicy three = new JournalPolicy(
                POLICY.claimLease(), POLICY.orderCallTimeout(), POLICY.margin(), POLICY.minResendAge(), 3);
        clock.advance(Duration.ofDays(1));
        assertThat(recovery.reclaimForResend(proof2, a, three))
                .as("another trading date")
                .isEmpty();

        assertThat(recovery.resolveAbsent(proof1, "stale")).isFalse();
        assertThat(recovery.resolveAbsent(proof2, "no order; session over")).isTrue();
        Submission done = journal.find(intent).orElseThrow();
        assertThat(done.state()).isEqualTo(State.RESOLVED);
        assertThat(done.orderId()).isNull();
        assertThat(done.evidence()).startsWith("ABSENT for attempt 2");
    }

    @Test
    void anUnsentClaimMayBeRejectedOrFailedOnlyByItsOwner() {
        UUID rejected = Journals.newIntent(jdbi);
        journal.claim(rejected, a, "{}", POLICY).orElseThrow();
        assertThat(journal.rejectUnsent(rejected, b, "tick")).isFalse();
        assertThat(journal.rejectUnsent(rejected, a, "limit price off the tick grid"))
                .isTrue();
        assertThat(journal.beginSend(rejected, a, POLICY)).isEmpty();
        UUID found = Journals.newIntent(jdbi);
        journal.claim(found, a, "{}", POLICY).orElseThrow();
        SendPermit p = journal.beginSend(found, a, POLICY).orElseThrow();
        journal.markUnknown(p, "reset");
        assertThat(recovery.resolveFound(found, 2, "20260113-06010-0000000003", "inquiry"))
                .isFalse();
        assertThat(recovery.resolveFound(found, 1, "20260113-06010-0000000003", "daily-ccld row"))
                .isTrue();
        assertThat(journal.findUnsettled()).extracting(Submission::intentId).doesNotContain(found, rejected);
    }

    @Test
    void theDefaultClockIsTheDatabasesNotTheProcesses() {
        SubmissionStore onDb = SubmissionStore.of(jdbi);
        Instant dbNow = jdbi.withHandle(h ->
                h.createQuery("SELECT clock_timestamp()").mapTo(Instant.class).one());
        assertThat(onDb.now()).isBetween(dbNow, dbNow.plusSeconds(60));
        UUID intent = Journals.newIntent(jdbi);
        Submission s = onDb.claim(intent, a, "{}", POLICY).orElseThrow();
        assertThat(s.claimedTs()).isBetween(dbNow, dbNow.plusSeconds(60));
        assertThat(Duration.between(s.claimedTs(), s.sendDeadline())).isEqualTo(POLICY.claimLease());
        // a process whose own clock runs a day ahead still cannot take the claim over early
        assertThat(SubmissionRecovery.of(jdbi).takeOver(intent, b, POLICY)).isEmpty();
    }
}
