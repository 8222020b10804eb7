package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import io.execctl.store.IntentTransitions;
import io.execctl.store.PositionSelling;
import io.execctl.store.SubmissionRecovery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The review findings on submission, each with a test that fails without its fix. */
class SubmitReviewFixesTest {
    @TempDir
    Path dir;

    SubmitFixture f;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Submitter submitter(OrderPort port, JournalPolicy policy) {
        return new Submitter(
                f.jdbi, port, SubmitFixture.ACCOUNT, Incarnation.start(), policy, Clock.systemUTC(), f.alerts);
    }

    List<String> intentEvents(UUID id) {
        return f.jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT payload ->> 'status' FROM trade.outbox
                         WHERE event_type = 'INTENT_STATUS' AND aggregate_id = :id ORDER BY id""").bind("id", id.toString()).mapTo(String.class).list());
    }

    @Test
    void aLateRejectionAfterTheDeadlinePassedRejectsTheUnknownIntentAndEveryMoveIsAnnounced() {
        JournalPolicy tiny =
                new JournalPolicy(Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ZERO, Duration.ZERO, 2);
        UUID id = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        OrderPort slowThenRejected = (req, fence) -> {
            assertThat(fence.mayFire()).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> SubmissionRecovery.of(f.jdbi).expireOverdue().contains(id));
            return new OrderOutcome.Rejected("APBK0919", "주문가능금액을 초과 했습니다", "{}");
        };

        List<SubmitResult> r = submitter(slowThenRejected, tiny).runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.REJECTED));
        assertThat(f.intentStatus(id)).as("not left UNKNOWN").isEqualTo("REJECTED");
        assertThat(f.journalState(id)).isEqualTo("REJECTED");
        assertThat(f.outcomeReason(id)).isEqualTo("BROKER_REJECTED");
        assertThat(intentEvents(id))
                .as("the claim, the expiry by recovery and the rejection each announced")
                .containsExactly("SENDING", "UNKNOWN", "REJECTED");
    }

    @Test
    void aCorrectionBackToAnEarlierStatusIsAnnouncedAgain() {
        UUID id = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        Instant at = Instant.now();
        f.jdbi.useTransaction(h -> {
            IntentTransitions t = IntentTransitions.on(h);
            IntentTransitions.Why why = IntentTransitions.Why.code("TEST");
            assertThat(t.move(id, EnumSet.of(IntentStatus.NEW), IntentStatus.SUBMITTED, why, at))
                    .isTrue();
            assertThat(t.move(id, EnumSet.of(IntentStatus.SUBMITTED), IntentStatus.FILLED, why, at))
                    .isTrue();
            assertThat(t.move(id, EnumSet.of(IntentStatus.FILLED), IntentStatus.SUBMITTED, why, at))
                    .isTrue();
            assertThat(t.move(id, EnumSet.of(IntentStatus.SUBMITTED), IntentStatus.FILLED, why, at))
                    .isTrue();
            assertThat(t.move(id, EnumSet.of(IntentStatus.SUBMITTED), IntentStatus.FILLED, why, at))
                    .as("not in the expected state: nothing written")
                    .isFalse();
        });

        assertThat(intentEvents(id)).containsExactly("SUBMITTED", "FILLED", "SUBMITTED", "FILLED");
        assertThat(f.count("SELECT seq FROM trade.intent_outcomes WHERE intent_id = :p", id))
                .isEqualTo(4);
    }

    @Test
    void aFailureWritingTheAcceptedOrderNeverLosesItsOdno() {
        f.jdbi.useHandle(h -> h.execute("""
                CREATE FUNCTION trade.fail_orders() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the orders table is unwritable (test)'; END $$;
                CREATE TRIGGER fail_orders BEFORE INSERT ON trade.orders
                    FOR EACH ROW EXECUTE FUNCTION trade.fail_orders();"""));
        UUID id = f.intent(null, "005930", "ENTRY", 6, "MKT", null);
        Submitter real = submitter(f.client::placeCashOrder, JournalPolicy.defaults());

        List<SubmitResult> r = real.runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.UNKNOWN));
        assertThat(f.journalState(id))
                .as("the journal committed the broker's answer first")
                .isEqualTo("ACCEPTED");
        String held =
                f.jdbi.withHandle(h -> h.createQuery("SELECT order_id FROM trade.submissions WHERE intent_id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
        assertThat(held).isEqualTo(r.get(0).orderId()).isNotNull();
        assertThat(f.alerts.count("SUBMIT_RECORD_FAILED")).isEqualTo(1);

        f.jdbi.useHandle(h -> h.execute("DROP TRIGGER fail_orders ON trade.orders"));
        LoggingAlerter alerter = new LoggingAlerter();
        UnknownResolver resolver = new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(
                        f.jdbi, Clock.systemUTC(), Duration.ofSeconds(2), alerter, ParkedNoticeReplay.NONE),
                real,
                new AbsenceRules(Duration.ofMillis(400), KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                alerter);
        assertThat(resolver.resolveAll()).singleElement().satisfies(x -> assertThat(x.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));

        assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p", id))
                .isEqualTo(1);
        assertThat(f.brokerOrders(Side.BUY, 6)).hasSize(1);
    }

    @Test
    void anAnswerNamingAnOrderAnotherIntentHoldsNeverMovesThisIntentOntoIt() {
        UUID first = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        UUID second = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        // a broker that answers both with one order number (never seen; the guard keeps it harmless)
        OrderPort sameOdno = (req, fence) -> {
            assertThat(fence.mayFire()).isTrue();
            return new OrderOutcome.Accepted("91252", "0000012345", "090000", "APBK0013", "주문 전송 완료", "{}");
        };

        List<SubmitResult> r = submitter(sameOdno, JournalPolicy.defaults()).runPass(10, false);

        assertThat(r).extracting(SubmitResult::outcome).containsExactly(SubmitOutcome.SUBMITTED, SubmitOutcome.UNKNOWN);
        assertThat(f.intentStatus(first)).isEqualTo("SUBMITTED");
        assertThat(f.intentStatus(second))
                .as("not moved onto the first intent's order")
                .isNotIn("SUBMITTED", "FILLED");
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p", first))
                .isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p", second))
                .isZero();
        assertThat(f.alerts.count("SUBMIT_RECORD_FAILED")).isEqualTo(1);
    }

    @Test
    void theClaimValidatesTheIntentAsStoredNotAsReadEarlier() {
        UUID id = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        Intent stale = IntentStore.of(f.jdbi).find(id).orElseThrow();
        f.jdbi.useHandle(h -> h.createUpdate("UPDATE trade.order_intents SET qty = 0 WHERE intent_id = :id")
                .bind("id", id)
                .execute());
        ClaimStep claims = new ClaimStep(
                f.jdbi, Incarnation.start(), JournalPolicy.defaults(), new OutcomeWriter(Clock.systemUTC()));

        Claim c = claims.claim(stale, false);

        assertThat(c).isInstanceOfSatisfying(Claim.Refused.class, r -> assertThat(r.code())
                .isEqualTo("BAD_QTY"));
        assertThat(f.intentStatus(id)).isEqualTo("REJECTED");
        assertThat(claims.claim(stale, false)).as("no longer NEW").isInstanceOf(Claim.Taken.class);
    }

    @Test
    void aSecondIntentOfTheShapeOfAnUnresolvedSubmissionWaitsNew() {
        AtomicInteger calls = new AtomicInteger();
        OrderPort firstLost = (req, fence) -> {
            if (calls.incrementAndGet() == 1) {
                assertThat(fence.mayFire()).isTrue();
                return new OrderOutcome.Unknown("cut (scripted)", null);
            }
            return f.client.placeCashOrder(req, fence);
        };
        UUID a = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        UUID b = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        UUID c = f.intent(null, "005930", "ENTRY", 3, "MKT", null);

        Map<UUID, SubmitOutcome> r =
                outcomes(submitter(firstLost, JournalPolicy.defaults()).runPass(10, false));

        assertThat(r)
                .containsEntry(a, SubmitOutcome.UNKNOWN)
                .containsEntry(b, SubmitOutcome.WAITING)
                .containsEntry(c, SubmitOutcome.SUBMITTED);
        assertThat(f.intentStatus(b)).isEqualTo("NEW");
        assertThat(f.brokerOrders(Side.BUY, 2)).isEmpty();
        assertThat(f.brokerOrders(Side.BUY, 3)).hasSize(1);
    }

    @Test
    void theSellingViewIsTheOneDefinitionOfWhatIsBeingSold() {
        f.holdAtBroker("000660", 10);
        UUID pos = f.position("000660", 10, "OPEN");
        f.intent(pos, "000660", "EXIT_PARTIAL", 3, "LMT", "190000");
        assertThat(f.submitter().runPass(10, false)).singleElement().satisfies(x -> assertThat(x.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        UUID claimedOnly = f.intent(pos, "000660", "EXIT_PARTIAL", 2, "LMT", "190000");
        Intent exit = IntentStore.of(f.jdbi).find(claimedOnly).orElseThrow();
        ClaimStep claims = new ClaimStep(
                f.jdbi, Incarnation.start(), JournalPolicy.defaults(), new OutcomeWriter(Clock.systemUTC()));
        assertThat(claims.claim(exit, false)).isInstanceOf(Claim.Ready.class);

        String row = f.jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT open_order_qty || '/' || in_flight_qty || '/' || selling_qty
                          FROM trade.position_selling_v WHERE position_id = :p""").bind("p", pos).mapTo(String.class).one());
        long beingSold = f.jdbi.inTransaction(h -> PositionSelling.on(h).beingSold(pos, UUID.randomUUID()));

        assertThat(row).isEqualTo("3/2/5");
        assertThat(beingSold).isEqualTo(5);
    }

    private static Map<UUID, SubmitOutcome> outcomes(List<SubmitResult> results) {
        return results.stream().collect(Collectors.toMap(SubmitResult::intentId, SubmitResult::outcome));
    }
}
