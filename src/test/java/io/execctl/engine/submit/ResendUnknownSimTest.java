package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.OrderOutcome;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Incarnation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos day finding (tk2, seed 1, intent 2fa497b4, 900023 limit BUY 2 @ 183,400): the first POST ended
 * UNKNOWN on {@code HTTP 502 with an HTML page}, the absence was proven and the intent resent once; the
 * resend ended UNKNOWN too, on {@code EGW00002} (the simulator's {@code rest_5xx_rate}: refused before
 * anything was done). An HTS <em>market</em> BUY 2 of the symbol (ODNO 990) had been taken 13 s before
 * the resend. The resolver's candidate rule (quantity, and order time from the <em>first</em> send to
 * the resend's deadline) made it the resend's only candidate; the ownership rule (shape: order type and
 * limit price too) could never adopt it and answered EXTERNAL, and every pass after logged {@code found
 * 1 candidate order(s), none adopted}: the day never converged.
 *
 * <p>With the production candidate rule (an order-time skew set), in both directions: an order the
 * ownership decision can never give this submission is no candidate, so the absence after the resend is
 * proven and the intent FAILS without a third send; and the resend's own order, accepted but answered
 * as a timeout, is adopted by the resent submission. (The simulator's session clock is frozen here, so
 * the send window is a day wide; where a resend's window starts is {@code AbsenceRulesTest} and
 * {@code UnresolvedSubmissionTest}.)
 */
class ResendUnknownSimTest {
    static final JournalPolicy POLICY = new JournalPolicy(
            Duration.ofSeconds(30), SubmitFixture.FAST.call(), Duration.ofMillis(200), Duration.ZERO, 2);
    static final Duration LAG = Duration.ofMillis(400);
    /** The simulator's session clock is frozen in these tests (speed 0): its ORD_TMD is not wall time. */
    static final Duration SKEW = Duration.ofDays(1);

    @TempDir
    Path dir;

    SubmitFixture f;
    LoggingAlerter alerter;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        alerter = new LoggingAlerter();
        // the access token is issued now: a gateway fault on its issuance would fail the send before any POST
        assertThat(f.client.openOrders().complete()).isTrue();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /**
     * The first POST meets {@code firstFault}, every later one {@code laterFault}, each for that POST
     * only; {@code beforeResend} runs before the second POST.
     */
    OrderPort faulty(String firstFault, String laterFault, Runnable beforeResend, AtomicInteger calls) {
        return (req, fence) -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                beforeResend.run();
            }
            f.faults(n == 1 ? firstFault : laterFault);
            try {
                return f.client.placeCashOrder(req, fence);
            } finally {
                f.faults("{}");
            }
        };
    }

    Submitter submitter(OrderPort port) {
        return new Submitter(
                f.jdbi, port, SubmitFixture.ACCOUNT, Incarnation.start(), POLICY, Clock.systemUTC(), f.alerts);
    }

    UnknownResolver resolver(Submitter sends) {
        return new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(f.jdbi, Clock.systemUTC(), SKEW, alerter, ParkedNoticeReplay.NONE),
                sends,
                new AbsenceRules(LAG, KisEnv.REAL, SKEW),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                alerter);
    }

    /** Resolver passes until the intent has {@code status}; a timeout names what the last pass said. */
    void resolveUntil(UnknownResolver resolver, UUID id, String status) {
        AtomicReference<List<SubmitResult>> last = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(resolver.resolveAll());
                        return f.intentStatus(id).equals(status);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "intent " + id + " is " + f.intentStatus(id) + ", not " + status + "; the last pass said "
                            + last.get(),
                    e);
        }
    }

    @Test
    void aResendRefusedBeforeProcessingBesideAnHtsMarketOrderOfTheSameQtyIsProvenAbsentAndFails() {
        AtomicInteger calls = new AtomicInteger();
        Runnable htsMarket = () -> assertThat(f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 2)))
                .as("a market BUY of the same symbol and quantity, placed in the HTS between the two attempts")
                .isInstanceOf(OrderOutcome.Accepted.class);
        Submitter sends =
                submitter(faulty("{\"rest_5xx_html_rate\":1.0}", "{\"rest_5xx_rate\":1.0}", htsMarket, calls));
        UUID id = f.intent(null, "005930", "ENTRY", 2, "LMT", "71000");
        assertThat(sends.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("HTTP 502"));
        UnknownResolver resolver = resolver(sends);

        resolveUntil(resolver, id, "FAILED");
        resolver.resolveAll();

        assertThat(calls).as("the first send and one resend, never a third").hasValue(2);
        assertThat(f.journalState(id)).isEqualTo("RESOLVED");
        assertThat(f.outcomeReason(id)).isEqualTo("ABSENT_NOT_RESENT");
        assertThat(f.brokerOrders("005930", Side.BUY, 2))
                .as("only the HTS market order reached the broker")
                .singleElement()
                .satisfies(o -> assertThat(o.ordDvsn()).isEqualTo("01"));
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p", id))
                .as("the HTS order is never adopted")
                .isZero();
        assertThat(resolver.run().unresolved()).isZero();
    }

    @Test
    void aResendAcceptedButAnsweredAsATimeoutIsAdoptedByTheResentSubmission() {
        AtomicInteger calls = new AtomicInteger();
        Submitter sends = submitter(faulty(
                "{\"rest_5xx_html_rate\":1.0}", "{\"order_gateway_timeout_after_accept_rate\":1.0}", () -> {}, calls));
        UUID id = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        assertThat(sends.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("HTTP 502"));
        UnknownResolver resolver = resolver(sends);

        resolveUntil(resolver, id, "SUBMITTED");

        assertThat(calls).as("the first send and one resend").hasValue(2);
        List<OrderRecord> orders = f.brokerOrders("005930", Side.BUY, 2);
        assertThat(orders).as("the resend's order, the only one").hasSize(1);
        assertThat(f.journalState(id)).isEqualTo("RESOLVED");
        assertThat(f.count(
                        "SELECT count(*) FROM trade.orders WHERE intent_id = :p AND source = 'INTENT' AND order_id LIKE '%"
                                + orders.get(0).odno() + "%'",
                        id))
                .isEqualTo(1);
        assertThat(resolver.run().unresolved()).isZero();
        assertThat(sends.runPass(10, false)).isEmpty();
        assertThat(calls).as("never sent a third time").hasValue(2);
    }
}
