package io.execctl.engine.submit;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Side;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.Incarnation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The outcomes the simulator does not produce on demand (a gateway refusal of our credentials, a
 * send that never happened), with a scripted broker port, plus a business rejection from the
 * simulator itself.
 */
class SubmitterOutcomeTest {
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

    private Submitter scripted(OrderPort port) {
        return new Submitter(
                f.jdbi,
                port,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                f.alerts);
    }

    @Test
    void aBusinessRejectionByTheBrokerRejectsTheIntentWithTheBrokersMessage() {
        UUID id = f.intent(null, "051910", "ENTRY", 100_000, "MKT", null); // far beyond the account's cash

        List<SubmitResult> r = f.submitter().runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.REJECTED));
        assertThat(f.intentStatus(id)).isEqualTo("REJECTED");
        assertThat(f.journalState(id)).isEqualTo("REJECTED");
        assertThat(f.outcomeReason(id)).isEqualTo("BROKER_REJECTED");
        String msgCd =
                f.jdbi.withHandle(h -> h.createQuery("SELECT msg_cd FROM trade.intent_outcomes WHERE intent_id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
        assertThat(msgCd).isNotBlank();
    }

    @Test
    void aCredentialRefusalPausesThePassAndLeavesTheIntentClaimed() {
        UUID first = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        UUID second = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        AtomicInteger calls = new AtomicInteger();
        OrderPort refusing = (req, fence) -> {
            calls.incrementAndGet();
            assertThat(fence.mayFire()).isTrue();
            return new OrderOutcome.Refused("EGW00105", "invalid app secret", "refused: not processed", "{}");
        };

        List<SubmitResult> r = scripted(refusing).runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.REFUSED));
        assertThat(calls).hasValue(1);
        assertThat(f.intentStatus(first)).isEqualTo("SENDING");
        assertThat(f.journalState(first))
                .as("released: the refused POST was not processed")
                .isEqualTo("CLAIMED");
        assertThat(f.intentStatus(second)).as("not reached: the pass paused").isEqualTo("NEW");
        assertThat(f.alerts.count("SUBMIT_REFUSED")).isEqualTo(1);
        assertThat(f.brokerOrders()).isEmpty();

        // the cause clears: the next pass (here another process) takes the released claim over and sends it once
        List<SubmitResult> again = f.submitter().runPass(10, false);

        assertThat(again)
                .extracting(SubmitResult::intentId, SubmitResult::outcome)
                .containsExactly(tuple(first, SubmitOutcome.SUBMITTED), tuple(second, SubmitOutcome.SUBMITTED));
        assertThat(f.intentStatus(first)).isEqualTo("SUBMITTED");
        assertThat(f.journalState(first)).isEqualTo("ACCEPTED");
        assertThat(f.brokerOrders(Side.BUY, 1)).hasSize(1);
        assertThat(f.count("SELECT attempts FROM trade.submissions WHERE intent_id = :p", first))
                .as("the refused attempt is not counted")
                .isEqualTo(1);
    }

    /**
     * No access token for the send (KIS's minute rule after an early expiry, an issuance failing for
     * now): not the intent's fault. A chaos day ended a valid intent FAILED, never sent, this way.
     */
    @Test
    void noAccessTokenDefersTheIntentClaimedAndTheNextPassSendsItOnce() {
        UUID id = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        OrderPort noToken = (req, fence) -> new OrderOutcome.Refused(
                "EGW00002", "", "no access token (KIS did not issue the access credential): not sent", null, true);

        List<SubmitResult> r = scripted(noToken).runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.DEFERRED));
        assertThat(f.intentStatus(id)).as("never FAILED").isEqualTo("SENDING");
        assertThat(f.journalState(id)).isEqualTo("CLAIMED");
        assertThat(f.alerts.count("SUBMIT_DEFERRED")).isEqualTo(1);
        assertThat(f.alerts.count("SUBMIT_FAILED")).isZero();
        assertThat(f.brokerOrders()).isEmpty();

        // the claim was handed back: the next pass takes it over at once and sends it exactly once
        List<SubmitResult> again = f.submitter().runPass(10, false);

        assertThat(again)
                .extracting(SubmitResult::intentId, SubmitResult::outcome)
                .containsExactly(tuple(id, SubmitOutcome.SUBMITTED));
        assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(f.brokerOrders(Side.BUY, 1)).hasSize(1);
    }

    @Test
    void aSendThatNeverHappenedFailsTheIntentWithAnAlert() {
        UUID id = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        OrderPort neverSends =
                (req, fence) -> new OrderOutcome.Failed("not sent: rate-limited (EGW00201) 5 times", null);

        List<SubmitResult> r = scripted(neverSends).runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.FAILED));
        assertThat(f.intentStatus(id)).isEqualTo("FAILED");
        assertThat(f.journalState(id)).isEqualTo("FAILED");
        assertThat(f.outcomeReason(id)).isEqualTo("SEND_FAILED");
        assertThat(f.alerts.count("SUBMIT_FAILED")).isEqualTo(1);
    }

    @Test
    void aDryRunJudgesWithoutClaimingOrSending() {
        UUID good = f.intent(null, "005930", "ENTRY", 1, "MKT", null);
        UUID bad = f.intent(null, "005930", "ENTRY", 0, "MKT", null);

        List<SubmitResult> r = f.submitter().runPass(10, true);

        assertThat(r)
                .extracting(SubmitResult::outcome)
                .containsExactly(SubmitOutcome.WOULD_SEND, SubmitOutcome.WOULD_REJECT);
        assertThat(f.intentStatus(good)).isEqualTo("NEW");
        assertThat(f.intentStatus(bad)).isEqualTo("NEW");
        assertThat(f.count("SELECT count(*) FROM trade.submissions WHERE CAST(:p AS uuid) IS NULL", null))
                .isZero();
        assertThat(f.brokerOrders()).isEmpty();
    }

    @Test
    void anEgw00201StormIsRetriedWithinTheBudgetThenFailsWithNothingAtTheBroker() {
        f.client.balance(); // the token first
        f.faults("{\"egw00201_rate\":1.0}");
        UUID id = f.intent(null, "005930", "ENTRY", 3, "MKT", null);

        List<SubmitResult> r = f.submitter().runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.FAILED));
        assertThat(f.intentStatus(id)).isEqualTo("FAILED");
        assertThat(f.journalState(id)).isEqualTo("FAILED");
        assertThat(f.alerts.count("SUBMIT_FAILED")).isEqualTo(1);
        assertThat(f.brokerOrders()).isEmpty();
    }

    @Test
    void underIntermittentRateLimitsEverySubmittedIntentHasExactlyOneOrderAndTheRestNone() {
        f.client.balance();
        f.faults("{\"egw00201_rate\":0.5}");
        List<UUID> ids = new ArrayList<>();
        for (int q = 1; q <= 10; q++) {
            ids.add(f.intent(null, "005930", "ENTRY", q, "LMT", "71000"));
        }

        List<SubmitResult> r = f.submitter().runPass(100, false);

        assertThat(r).hasSize(10);
        for (SubmitResult x : r) {
            assertThat(x.outcome()).isIn(SubmitOutcome.SUBMITTED, SubmitOutcome.FAILED);
            int expected = x.outcome() == SubmitOutcome.SUBMITTED ? 1 : 0;
            assertThat(f.brokerOrders(Side.BUY, x.qty())).hasSize(expected);
        }
        assertThat(r).anySatisfy(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.SUBMITTED));
    }

    @Test
    void aConnectionResetAfterAcceptIsUnknownWithExactlyOneBrokerOrder() {
        f.client.balance();
        f.faults("{\"order_reset_after_accept_rate\":1.0}");
        UUID id = f.intent(null, "005930", "ENTRY", 2, "LMT", "71000");

        List<SubmitResult> r = f.submitter().runPass(10, false);

        assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.UNKNOWN));
        assertThat(f.intentStatus(id)).isEqualTo("UNKNOWN");
        f.faults("{}");
        assertThat(f.submitter().runPass(10, false)).isEmpty();
        assertThat(f.brokerOrders()).hasSize(1);
    }
}
