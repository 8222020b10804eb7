package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.PassReport;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.Incarnation;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resolution of UNKNOWN submissions against the strict simulator (real mode) and PostgreSQL, checked
 * against the simulator's ledger: at most one broker order per intent, exactly one per valid intent.
 * The ownership decision runs with a wide clock skew because the simulator's session clock (09:00
 * whatever the hour) is not the wall clock its orders are sent on.
 */
class UnknownResolverSimTest {
    static final JournalPolicy POLICY = new JournalPolicy(
            Duration.ofSeconds(30), SubmitFixture.FAST.call(), Duration.ofMillis(200), Duration.ZERO, 2);
    static final Duration LAG = Duration.ofMillis(400);

    @TempDir
    Path dir;

    SubmitFixture f;
    LoggingAlerter alerter;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        alerter = new LoggingAlerter();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    Submitter submitter(OrderPort port) {
        return new Submitter(
                f.jdbi, port, SubmitFixture.ACCOUNT, Incarnation.start(), POLICY, Clock.systemUTC(), f.alerts);
    }

    UnknownResolver resolver(Submitter sends) {
        return new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(f.jdbi, Clock.systemUTC(), Duration.ofDays(1), alerter, ParkedNoticeReplay.NONE),
                sends,
                new AbsenceRules(LAG, KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                alerter);
    }

    /** A port that fences and reports an unknown outcome without sending anything. */
    static OrderPort lostBeforeSending(AtomicInteger calls) {
        return (req, fence) -> {
            calls.incrementAndGet();
            assertThat(fence.mayFire()).isTrue();
            return new OrderOutcome.Unknown("connection cut (scripted; nothing sent)", null);
        };
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "order_timeout_after_accept_rate",
                "order_reset_after_accept_rate",
                "order_gateway_timeout_after_accept_rate"
            })
    void anAcceptedOrderWhoseAnswerWasLostIsAdoptedNeverResent(String fault) {
        f.faults("{\"" + fault + "\":1.0,\"order_timeout_delay_ms\":3000,\"ccld_lag_ms\":300}");
        UUID id = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        Submitter real = submitter(f.client::placeCashOrder);

        assertThat(real.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.UNKNOWN));
        f.faults("{\"ccld_lag_ms\":300}");
        UnknownResolver resolver = resolver(real);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("SUBMITTED");
                });

        assertThat(f.brokerOrders(Side.BUY, 2)).hasSize(1);
        assertThat(f.journalState(id)).isEqualTo("RESOLVED");
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p AND source = 'INTENT'", id))
                .isEqualTo(1);
        PassReport again = resolver.run();
        assertThat(again.unresolved()).isZero();
        assertThat(real.runPass(10, false)).isEmpty();
        assertThat(f.brokerOrders(Side.BUY, 2)).as("never sent again").hasSize(1);
    }

    @Test
    void anHtsOrderOfTheSameShapeLeavesItUnknownAndNothingIsResent() {
        f.faults("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":3000}");
        UUID id = f.intent(null, "005930", "ENTRY", 2, "MKT", null);
        Submitter real = submitter(f.client::placeCashOrder);
        assertThat(real.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.UNKNOWN));
        f.faults("{}");
        assertThat(f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 2)))
                .as("placed in the HTS, say")
                .isInstanceOf(OrderOutcome.Accepted.class);
        UnknownResolver resolver = resolver(real);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return alerter.count("AMBIGUOUS_ORDER_MATCH") > 0;
                });
        List<SubmitResult> lines = resolver.resolveAll();

        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(SubmitOutcome.UNKNOWN);
            assertThat(l.reason())
                    .as("each candidate's verdict is named, so a stuck submission explains itself")
                    .contains("found 2 candidate order(s), none adopted: ")
                    .contains("pending: 2 broker orders could be submission " + id);
        });
        assertThat(f.intentStatus(id)).isEqualTo("UNKNOWN");
        assertThat(f.brokerOrders(Side.BUY, 2))
                .as("ours and the HTS one, nothing resent")
                .hasSize(2);
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE CAST(:p AS uuid) IS NULL", null))
                .as("neither is adopted nor recorded EXTERNAL while the submission could be either")
                .isZero();
        PassReport report = resolver.run();
        assertThat(report.complete())
                .as("an UNKNOWN left is an unresolved item, never a partial picture that holds the bootstrap")
                .isTrue();
        assertThat(report.unresolved()).isEqualTo(1);
    }

    @Test
    void provenAbsenceLicensesExactlyOneResend() {
        AtomicInteger calls = new AtomicInteger();
        UUID id = f.intent(null, "005930", "ENTRY", 3, "MKT", null);
        assertThat(submitter(lostBeforeSending(calls)).runPass(10, false))
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.UNKNOWN));
        UnknownResolver resolver = resolver(submitter(f.client::placeCashOrder));

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("SUBMITTED");
                });

        assertThat(f.brokerOrders(Side.BUY, 3)).hasSize(1);
        assertThat(f.count("SELECT attempts FROM trade.submissions WHERE intent_id = :p", id))
                .isEqualTo(2);
        assertThat(f.journalState(id)).isEqualTo("ACCEPTED");
        assertThat(calls).hasValue(1);
    }

    @Test
    void absenceAfterTheOneResendFailsTheIntentAndNeverSendsAThirdTime() {
        AtomicInteger calls = new AtomicInteger();
        Submitter lost = submitter(lostBeforeSending(calls));
        UUID id = f.intent(null, "005930", "ENTRY", 4, "MKT", null);
        lost.runPass(10, false);
        UnknownResolver resolver = resolver(lost);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("FAILED");
                });
        resolver.resolveAll();

        assertThat(calls).as("the first send and one resend").hasValue(2);
        assertThat(f.journalState(id)).isEqualTo("RESOLVED");
        assertThat(f.outcomeReason(id)).isEqualTo("ABSENT_NOT_RESENT");
        assertThat(alerter.count("SUBMIT_ABSENT")).isEqualTo(1);
        assertThat(f.brokerOrders(Side.BUY, 4)).isEmpty();
    }

    @Test
    void anOrderSentByAProcessThatDiedBeforeRecordingItIsAdoptedNotSentAgain() {
        UUID id = f.intent(null, "005930", "ENTRY", 5, "MKT", null);
        Incarnation dead = Incarnation.start();
        SubmissionStore journal = SubmissionStore.of(f.jdbi);
        String req = "{\"intent_type\":\"ENTRY\",\"position_id\":null,\"symbol\":\"005930\",\"side\":\"BUY\","
                + "\"ord_dvsn\":\"01\",\"qty\":5,\"price\":\"0\"}";
        assertThat(journal.claim(id, dead, req, POLICY)).isPresent();
        SendPermit permit = journal.beginSend(id, dead, POLICY).orElseThrow();
        assertThat(f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 5)))
                .isInstanceOf(OrderOutcome.Accepted.class);
        // ... and the process is killed here: journal SENT, intent SENDING, no order row
        assertThat(permit.attempt()).isEqualTo(1);
        Submitter next = submitter(f.client::placeCashOrder);
        UnknownResolver resolver = resolver(next);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("SUBMITTED");
                });

        assertThat(next.runPass(10, false)).isEmpty();
        assertThat(f.brokerOrders(Side.BUY, 5)).hasSize(1);
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE intent_id = :p", id))
                .isEqualTo(1);
        assertThat(f.count(
                        "SELECT count(*) FROM trade.intent_outcomes WHERE intent_id = :p AND status = 'SUBMITTED'", id))
                .isEqualTo(1);
    }

    @Test
    void onPaperAnEmptyHistoryNeverLicensesAResend(@TempDir Path paperDir) {
        try (SubmitFixture paper = new SubmitFixture(paperDir, KisEnv.PAPER)) {
            paper.faults("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":3000,"
                    + "\"paper_ccld_empty_rate\":1.0}");
            UUID id = paper.intent(null, "005930", "ENTRY", 2, "MKT", null);
            Submitter real = new Submitter(
                    paper.jdbi,
                    paper.client::placeCashOrder,
                    SubmitFixture.ACCOUNT,
                    Incarnation.start(),
                    POLICY,
                    Clock.systemUTC(),
                    paper.alerts);
            assertThat(real.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                    .isEqualTo(SubmitOutcome.UNKNOWN));
            paper.faults("{\"paper_ccld_empty_rate\":1.0}");
            UnknownResolver resolver = new UnknownResolver(
                    paper.jdbi,
                    OrderInquiry.of(paper.client),
                    new PgOrderOwnership(
                            paper.jdbi, Clock.systemUTC(), Duration.ofDays(1), alerter, ParkedNoticeReplay.NONE),
                    real,
                    new AbsenceRules(LAG, KisEnv.PAPER),
                    SubmitFixture.ACCOUNT,
                    null,
                    Clock.systemUTC(),
                    alerter);

            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> resolver.resolveAll().stream()
                            .anyMatch(l -> l.reason() != null && l.reason().contains("PAPER_EMPTY_HISTORY")));
            resolver.resolveAll();

            assertThat(paper.intentStatus(id)).isEqualTo("UNKNOWN");
            assertThat(paper.brokerOrders(Side.BUY, 2))
                    .as("at most one broker order: never resent")
                    .hasSize(1);
        }
    }
}
