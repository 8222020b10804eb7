package io.execctl.engine.cancel;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.store.CancelJournal;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gaps of issue 14: a partial cancel of a modified order goes to the modify chain's live ODNO
 * (found as the kill switch finds it), checked against what is cancellable there; and a partial
 * cancel left CLAIMED by a dead process is taken over by the journal's conditional write and sent
 * exactly once. Strict simulator (real mode) and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartialCancelChainAndTakeOverSimTest {
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

    /** What OrderOwnership's Linked verdict writes for a modify row of an order we hold. */
    private OrderKey recordModify(Order o, String odno, String origOdno, long qty) {
        OrderKey m = OrderKey.of(o.accountId(), o.key().orderDate(), odno);
        OrderStore.of(f.jdbi)
                .upsert(
                        new Order(
                                m,
                                null,
                                null,
                                o.branch(),
                                origOdno,
                                o.symbol(),
                                o.side(),
                                OrderType.LMT,
                                qty,
                                new BigDecimal("70500"),
                                0,
                                qty,
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.SUBMITTED,
                                OrderSource.REVISION,
                                null,
                                Instant.now(),
                                Instant.now()),
                        null);
        return m;
    }

    @Test
    void aPartialCancelOfAModifiedOrderGoesToTheChainsLiveOdno() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        String first = f.htsRevise("modify", o.key().odno(), 70500);
        String live = f.htsRevise("modify", first, 70400); // a chain of two
        recordModify(o, first, o.key().odno(), 10);
        OrderKey liveKey = recordModify(o, live, first, 10);

        // more than the live order holds: refused here, nothing sent
        PartialResult tooMany = f.canceller().cancel(o.key(), 11, UUID.randomUUID());
        assertThat(tooMany.outcome()).isEqualTo(PartialResult.Outcome.FAILED);
        assertThat(tooMany.detail()).contains("only 10 cancellable");

        UUID request = UUID.randomUUID();
        PartialResult r = f.canceller().cancel(o.key(), 3, request);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().targetOrderId())
                .isEqualTo(liveKey.orderId());
        assertThat(f.cancelsOf(live)).singleElement().satisfies(c -> assertThat(c.qty())
                .isEqualTo(3));
        assertThat(f.broker(live).remainingQty()).isEqualTo(7);
        assertThat(f.cancelsOf(o.key().odno())).isEmpty();
        assertThat(f.cancelsOf(first)).isEmpty();
    }

    @Test
    void aLiveOdnoNotRecordedYetIsReportedAndNothingIsSent() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        String live = f.htsRevise("modify", o.key().odno(), 70500); // no sync has recorded it

        PartialResult r = f.canceller().cancel(o.key(), 3, UUID.randomUUID());

        assertThat(r.outcome()).isEqualTo(PartialResult.Outcome.FAILED);
        assertThat(r.detail()).contains(live).contains("not recorded yet");
        assertThat(f.cancelsOf(live)).isEmpty();
        assertThat(f.cancelsOf(o.key().odno())).isEmpty();
    }

    @Test
    void aPartialCancelLeftClaimedByADeadProcessIsTakenOverAndSentOnce() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        Incarnation dead = Incarnation.start();
        UUID request = UUID.randomUUID();
        String json = "{\"kind\":\"PARTIAL_CANCEL\",\"target\":\"%s\",\"odno\":\"%s\",\"qty\":3}"
                .formatted(o.orderId(), o.key().odno());
        assertThat(CancelJournal.of(f.jdbi).claim(request, o.orderId(), 3, dead, json, JournalPolicy.defaults()))
                .isPresent();
        CancelResolver resolver = f.resolver(Duration.ZERO);

        // within the dead owner's lease nothing happens, and a new cancel of the order waits
        assertThat(resolver.resolve(CancelJournal.of(f.jdbi).find(request).orElseThrow())
                        .outcome())
                .isEqualTo(PartialResult.Outcome.UNKNOWN);
        assertThat(f.canceller().cancel(o.key(), 2, UUID.randomUUID()).outcome())
                .isEqualTo(PartialResult.Outcome.BUSY);
        assertThat(f.cancelsOf(o.key().odno())).isEmpty();

        // the lease passes
        f.jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE trade.submissions SET send_deadline = now() - interval '1 second' WHERE intent_id = :id")
                .bind("id", request)
                .execute());
        new UnsettledCancelsPass(f.jdbi, resolver).run();

        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().state())
                .isEqualTo(Submission.State.ACCEPTED);
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().owner())
                .isEqualTo(f.owner.id());
        assertThat(f.cancelsOf(o.key().odno())).singleElement().satisfies(c -> assertThat(c.qty())
                .isEqualTo(3));
        // the dead process wakes up: its fencing write fails, it cannot send
        assertThat(SubmissionStore.of(f.jdbi).beginSend(request, dead, JournalPolicy.defaults()))
                .isEmpty();
        // another pass (and the same request again) sends nothing more
        new UnsettledCancelsPass(f.jdbi, resolver).run();
        assertThat(f.canceller().cancel(o.key(), 3, request).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
        assertThat(f.broker(o.key().odno()).cancelledQty()).isEqualTo(3);
    }

    @Test
    void aTakenOverCancelWhoseAnswerTimesOutIsSettledByEvidenceNeverSentTwice() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        UUID request = UUID.randomUUID();
        String json = "{\"kind\":\"PARTIAL_CANCEL\",\"target\":\"%s\",\"odno\":\"%s\",\"qty\":4}"
                .formatted(o.orderId(), o.key().odno());
        CancelJournal.of(f.jdbi).claim(request, o.orderId(), 4, Incarnation.start(), json, JournalPolicy.defaults());
        f.jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE trade.submissions SET send_deadline = now() - interval '1 second' WHERE intent_id = :id")
                .bind("id", request)
                .execute());
        CancelResolver resolver = f.resolver(Duration.ZERO);
        f.faults("{\"order_gateway_timeout_after_accept_rate\":1.0}");

        PartialResult taken =
                resolver.resolve(CancelJournal.of(f.jdbi).find(request).orElseThrow());
        assertThat(taken.outcome()).isEqualTo(PartialResult.Outcome.UNKNOWN);
        f.faults("{}");

        PartialResult settled =
                resolver.resolve(CancelJournal.of(f.jdbi).find(request).orElseThrow());
        assertThat(settled.outcome()).as(settled.toString()).isEqualTo(PartialResult.Outcome.CANCELLED);
        assertThat(CancelJournal.of(f.jdbi).find(request).orElseThrow().row().state())
                .isEqualTo(Submission.State.RESOLVED);
        assertThat(f.cancelsOf(o.key().odno())).hasSize(1);
        assertThat(f.broker(o.key().odno()).cancelledQty()).isEqualTo(4);
    }
}
