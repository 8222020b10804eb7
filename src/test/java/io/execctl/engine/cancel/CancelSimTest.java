package io.execctl.engine.cancel;

import io.execctl.domain.Order;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.CancelJournal;
import io.execctl.store.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancels against the strict simulator (real mode) and PostgreSQL; what the broker did is read from
 * its ledger ({@code /sim/ledger}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelSimTest {
    CancelFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = new CancelFixture(dir, false);
    }

    @BeforeEach
    void clear() {
        f.clear();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void aFullCancelClosesTheOrderWithOneCancelAtTheBroker() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");

        KillReport r = f.killSwitch(CancelFixture.OPTIONS).run(KillSwitch.Selection.of(o.key()));

        assertThat(r.allClosed()).as(r.toString()).isTrue();
        assertThat(r.lines()).singleElement().satisfies(l -> assertThat(l.closed())
                .isTrue());
        assertThat(f.broker(o.key().odno()).status()).isEqualTo("CANCELLED");
        assertThat(f.broker(o.key().odno()).cancelledQty()).isEqualTo(10);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
    }

    @Test
    void aPartialCancelGoesThroughTheJournalAndARepeatedRequestIsNotSentAgain() {
        Order o = f.buy("005930", 10, "LMT", "71000");
        UUID request = UUID.randomUUID();

        PartialResult r = f.canceller().cancel(o.key(), 3, request);
        PartialResult again = f.canceller().cancel(o.key(), 3, request);

        assertThat(r.outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(again.outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(again.cancelOrderId()).isEqualTo(r.cancelOrderId());
        OrderRecord target = f.broker(o.key().odno());
        assertThat(target.status()).isEqualTo("OPEN");
        assertThat(target.cancelledQty()).isEqualTo(3);
        assertThat(target.remainingQty()).isEqualTo(7);
        assertThat(f.cancelsOf(o.key().odno())).singleElement().satisfies(c -> assertThat(c.qty())
                .isEqualTo(3));
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().state())
                .isEqualTo(Submission.State.ACCEPTED);
    }

    @Test
    void aCancelAfterTheFillIsRefusedAsNothingLeftAndTheFillStands() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71900");
        f.sim.broker().setPrice("005930", 71900); // the fill wins the race

        KillReport r = f.killSwitch(CancelFixture.OPTIONS).run(KillSwitch.Selection.of(o.key()));

        OrderRecord target = f.broker(o.key().odno());
        assertThat(target.filledQty() + target.cancelledQty()).isEqualTo(10);
        assertThat(target.filledQty()).isPositive();
        assertThat(r.allClosed()).as(r.toString()).isTrue();
        if (target.cancelledQty() == 0) {
            assertThat(r.lines().get(0).detail()).contains("APBK0559");
            assertThat(f.cancelsOf(o.key().odno())).isEmpty();
        }
    }

    @Test
    void aCancelRacingFillsNeverCancelsMoreThanWasOpen() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71900");
        Thread filler = new Thread(() -> f.sim.broker().setPrice("005930", 71900));
        filler.start();
        PartialResult r = f.canceller().cancel(o.key(), 4, UUID.randomUUID());
        filler.join();

        OrderRecord target = f.broker(o.key().odno());
        assertThat(target.filledQty() + target.cancelledQty() + target.remainingQty())
                .isEqualTo(10);
        if (r.outcome() == PartialResult.Outcome.CANCELLED) {
            assertThat(target.cancelledQty()).isEqualTo(4);
        } else {
            // the broker refused it, or the fill came first and the open-orders check found nothing
            // cancellable (then nothing was sent)
            assertThat(r.outcome()).isIn(PartialResult.Outcome.REJECTED, PartialResult.Outcome.FAILED);
            assertThat(target.cancelledQty()).isZero();
        }
    }

    @Test
    void aPartialCancelWhoseAnswerTimesOutIsFoundByEvidenceAndNeverSentTwice() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        f.faults("{\"order_gateway_timeout_after_accept_rate\":1.0}");
        UUID request = UUID.randomUUID();

        PartialResult r = f.canceller().cancel(o.key(), 3, request);
        assertThat(r.outcome()).isEqualTo(PartialResult.Outcome.UNKNOWN);
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().state())
                .isEqualTo(Submission.State.UNKNOWN);
        // a second request for the same order waits for the first: nothing is sent
        assertThat(f.canceller().cancel(o.key(), 3, UUID.randomUUID()).outcome())
                .isEqualTo(PartialResult.Outcome.BUSY);
        f.faults("{}");

        // the cancel's notice (OODER_NO = our order) makes the notice path look at the evidence
        PartialResult resolved =
                f.resolver(Duration.ZERO).onCancelSeen(o.orderId()).orElseThrow();

        assertThat(resolved.outcome()).as(resolved.toString()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().state())
                .isEqualTo(Submission.State.RESOLVED);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
        assertThat(f.broker(o.key().odno()).cancelledQty()).isEqualTo(3);
        // the same request again: reported, not resent
        assertThat(f.canceller().cancel(o.key(), 3, request).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
    }

    @Test
    void aFullCancelWhoseAnswerTimesOutIsAskedAgainAndTheOrderIsCancelledOnce() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        f.faults("{\"order_gateway_timeout_after_accept_rate\":1.0}");

        KillReport r = f.killSwitch(CancelFixture.OPTIONS).run(KillSwitch.Selection.of(o.key()));

        // the first cancel was executed but answered with a gateway timeout; asked again, the broker
        // refused the second full cancel (nothing left): closed, and cancelled exactly once
        assertThat(r.allClosed()).as(r.toString()).isTrue();
        assertThat(f.counters.get("cancel_unknown")).isEqualTo(1);
        assertThat(f.counters.get("cancel_nothing_left")).isEqualTo(1);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
        assertThat(f.broker(o.key().odno()).cancelledQty()).isEqualTo(10);
    }

    @Test
    void somethingThatStaysOpenIsReportedWithTheBrokersAnswer() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        // the branch we hold is wrong (e.g. a bad manual repair): the broker refuses every cancel
        f.jdbi.useHandle(h -> h.execute("UPDATE trade.orders SET branch_no = '09999'"));

        KillReport r = f.killSwitch(
                        new KillSwitch.Options(Duration.ofMillis(800), Duration.ofMillis(100), Duration.ofMillis(200)))
                .run(KillSwitch.Selection.of(o.key()));

        assertThat(r.allClosed()).isFalse();
        assertThat(r.remaining()).singleElement().satisfies(l -> {
            assertThat(l.detail()).contains("still open").contains("APBK0558");
            assertThat(l.sends()).isGreaterThan(1);
        });
        assertThat(f.broker(o.key().odno()).status()).isEqualTo("OPEN");
    }
}
