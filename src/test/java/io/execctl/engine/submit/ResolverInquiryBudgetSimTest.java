package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.store.Incarnation;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resolver's share of the rate budget (chaos day: after a takeover one pass over 27 UNKNOWNs took
 * 39 s, a daily-ccld and an open-orders listing each, most of them before any inquiry could be
 * evidence). No inquiry is asked for a submission before one could settle it, and the UNKNOWNs of one
 * symbol and side share one daily-ccld and one open-orders listing per pass — with the same verdicts:
 * each proven absent by a pair of inquiries and resent exactly once.
 */
class ResolverInquiryBudgetSimTest {
    static final Duration LAG = Duration.ofMillis(400);
    /** Short margin: the send deadline comes 1.8 s after the send (call timeout 0.8 s + 1 s). */
    static final JournalPolicy POLICY = new JournalPolicy(
            Duration.ofSeconds(30), SubmitFixture.FAST.call(), Duration.ofSeconds(1), Duration.ZERO, 2);

    @TempDir
    Path dir;

    SubmitFixture f;
    Submitter submitter;
    CountingInquiry inquiry;
    UnknownResolver resolver;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        submitter = new Submitter(
                f.jdbi,
                f.client::placeCashOrder,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                POLICY,
                Clock.systemUTC(),
                f.alerts);
        inquiry = new CountingInquiry(OrderInquiry.of(f.client));
        // the access token first: the 5xx fault below answers the token request too
        f.client.openOrders(Side.BUY);
        LoggingAlerter alerter = new LoggingAlerter();
        resolver = new UnknownResolver(
                f.jdbi,
                inquiry,
                new PgOrderOwnership(f.jdbi, Clock.systemUTC(), Duration.ofDays(1), alerter, ParkedNoticeReplay.NONE),
                submitter,
                new AbsenceRules(LAG, KisEnv.REAL, Duration.ofSeconds(5)),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                alerter);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aSubmissionIsNotAskedAboutBeforeAnInquiryCouldSettleIt() {
        f.faults("{\"rest_5xx_html_rate\":1.0}");
        UUID id = f.intent(null, "005930", "ENTRY", 4, "MKT", null);
        assertThat(submitter.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.UNKNOWN));
        f.faults("{}");

        List<SubmitResult> early = resolver.resolveAll();

        assertThat(early).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(SubmitOutcome.UNKNOWN);
            assertThat(r.reason()).startsWith("waits for evidence");
        });
        assertThat(inquiry.daily.get() + inquiry.open.get())
                .as("no inquiry before the send deadline plus the history lag")
                .isZero();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveAll();
                    return f.intentStatus(id).equals("SUBMITTED");
                });
        assertThat(inquiry.daily.get()).as("the pair of daily-ccld inquiries").isEqualTo(2);
        assertThat(f.brokerOrders("005930", Side.BUY, 4)).hasSize(1);
    }

    @Test
    void theUnknownsOfOneSymbolAndSideShareOneInquiryPerPass() {
        f.faults("{\"rest_5xx_html_rate\":1.0}");
        List<UUID> ids = List.of(
                f.intent(null, "005930", "ENTRY", 1, "MKT", null),
                f.intent(null, "005930", "ENTRY", 2, "MKT", null),
                f.intent(null, "005930", "ENTRY", 3, "MKT", null));
        assertThat(submitter.runPass(10, false)).hasSize(3).allSatisfy(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.UNKNOWN));
        f.faults("{}");
        Instant due = SubmissionStore.of(f.jdbi).findByState(EnumSet.of(Submission.State.UNKNOWN)).stream()
                .map(s -> s.sendDeadline().plus(LAG))
                .max(Instant::compareTo)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !SubmissionStore.of(f.jdbi).now().isBefore(due));

        List<SubmitResult> first = resolver.resolveAll();

        assertThat(first).hasSize(3).allSatisfy(r -> assertThat(r.reason()).contains("NO_CORROBORATION"));
        assertThat(inquiry.daily.get()).as("one daily-ccld for the three").isEqualTo(1);
        assertThat(inquiry.open.get())
                .as("one open-orders listing for the three")
                .isEqualTo(1);

        Instant pairDue = SubmissionStore.of(f.jdbi).now().plus(LAG);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !SubmissionStore.of(f.jdbi).now().isBefore(pairDue));
        List<SubmitResult> second = resolver.resolveAll();

        assertThat(second).hasSize(3).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.SUBMITTED));
        assertThat(inquiry.daily.get())
                .as("the second of the pair, shared again")
                .isEqualTo(2);
        assertThat(inquiry.open.get()).isEqualTo(2);
        for (UUID id : ids) {
            assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        }
        for (long qty = 1; qty <= 3; qty++) {
            assertThat(f.brokerOrders("005930", Side.BUY, qty))
                    .as("exactly one broker order of qty " + qty)
                    .hasSize(1);
        }
    }

    /** Counts the inquiries the resolver asks. */
    static final class CountingInquiry implements OrderInquiry {
        final OrderInquiry inner;
        final AtomicInteger daily = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        CountingInquiry(OrderInquiry inner) {
            this.inner = inner;
        }

        @Override
        public DailyOrders dailyOrders(DailyOrderQuery query) {
            daily.incrementAndGet();
            return inner.dailyOrders(query);
        }

        @Override
        public Paged<OpenOrder> openOrders(Side side) {
            open.incrementAndGet();
            return inner.openOrders(side);
        }
    }
}
