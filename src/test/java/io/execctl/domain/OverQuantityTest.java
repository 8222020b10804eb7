package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The over-quantity rule: a notice that would take the live fills past the order quantity is held,
 * never recorded, and broker-final totals decide it — a duplicate when the recorded notices already
 * explain them, applied when they need it (its recorded twin was the duplicate), never past the
 * order quantity, and without touching the totals' sums.
 */
class OverQuantityTest {
    private static final String ORDER = "20261202-0000000001-0123456789";
    private static final Instant T = Instant.parse("2026-12-02T00:30:00Z");
    private static final BigDecimal P = new BigDecimal("72000");
    private static final BigDecimal Q = new BigDecimal("72100");
    private static int frame;

    private static Fill ws(long qty, BigDecimal price) {
        return Fill.ws(ORDER, new NoticeReceipt("c", ++frame, 0), T, qty, price);
    }

    /** Applies notices like the store does: a held one leaves the book as it was. */
    private static FillBook feed(FillBook b, long orderQty, List<Fill> held, Fill... notices) {
        for (Fill n : notices) {
            FillModel.Step s = FillModel.onNotice(b, n, T);
            if (OverQuantity.holds(orderQty, s)) {
                held.add(n);
            } else {
                b = s.after();
            }
        }
        return b;
    }

    private static BrokerTotals filled(long ord, long amount) {
        return new BrokerTotals(ord, ord, BigDecimal.valueOf(amount), 0, 0, 0);
    }

    private static BrokerTotals open(long ord, long tot, long amount) {
        return new BrokerTotals(ord, tot, BigDecimal.valueOf(amount), ord - tot, 0, 0);
    }

    @Test
    void aDuplicatePastTheQuantityIsHeldAndTheOrderStaysFilled() {
        List<Fill> held = new ArrayList<>();
        Fill three = ws(3, P);
        Fill four = ws(4, P);
        Fill dup = ws(3, P);
        FillBook b = feed(FillBook.empty(ORDER), 7, held, three, four, dup);
        assertThat(held).containsExactly(dup);
        assertThat(b.liveQty()).isEqualTo(7);
        assertThat(OrderStatusReducer.derive(7, BrokerStatus.ACCEPTED, b.liveQty()))
                .isEqualTo(OrderStatus.FILLED);

        OverQuantity.Resolution r = OverQuantity.onSnapshot(b, 7, filled(7, 504_000), false, held, T);
        assertThat(r.duplicates()).containsExactly(dup);
        assertThat(r.applied()).isEmpty();
        assertThat(r.step().inserted()).isEmpty();
        assertThat(r.step().voided()).isEmpty();
        assertThat(r.step().correction()).isFalse();
        assertThat(r.step().after().converged()).isTrue();
    }

    @Test
    void aHeldGenuineFillIsAppliedWhenTheFinalTotalsShowItsRecordedTwinWasTheDuplicate() {
        // executions 3 @ P and 4 @ Q; the 3 arrived twice before the 4, which is then held
        List<Fill> held = new ArrayList<>();
        Fill three = ws(3, P);
        Fill dup = ws(3, P);
        Fill four = ws(4, Q);
        FillBook b = feed(FillBook.empty(ORDER), 7, held, three, dup, four);
        assertThat(held).containsExactly(four);
        assertThat(b.liveQty()).isEqualTo(6);

        // non-final totals decide nothing: notices are facts until final evidence
        FillModel.Step lagging = OverQuantity.onSnapshot(b, 7, open(7, 6, 432_000), true, held, T)
                .step();
        assertThat(lagging.inserted()).isEmpty();
        assertThat(lagging.voided()).isEmpty();

        long amount = 3 * 72_000 + 4 * 72_100;
        OverQuantity.Resolution r = OverQuantity.onSnapshot(b, 7, filled(7, amount), false, held, T);
        assertThat(r.applied()).extracting(Fill::fillId).containsExactly(four.fillId());
        assertThat(r.duplicates()).isEmpty();
        assertThat(r.step().voided()).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo(dup.fillId());
            assertThat(f.voidReason()).isEqualTo(FillModel.SURPLUS);
        });
        assertThat(r.step().correction()).isTrue();
        assertThat(r.step().after().converged()).isTrue();
        assertThat(r.step().after().live()).extracting(Fill::fillId).containsExactly(three.fillId(), four.fillId());
    }

    @Test
    void identicalSizesAndPricesKeepTheRecordedNoticesAndRejectTheHeldOne() {
        // executions 5 and 5 at one price; the first arrived twice: which 5 stays does not matter
        List<Fill> held = new ArrayList<>();
        FillBook b = feed(FillBook.empty(ORDER), 10, held, ws(5, P), ws(5, P), ws(5, P));
        assertThat(held).hasSize(1);
        OverQuantity.Resolution r = OverQuantity.onSnapshot(b, 10, filled(10, 720_000), false, held, T);
        assertThat(r.duplicates()).hasSize(1);
        assertThat(r.step().voided()).isEmpty();
        assertThat(r.step().after().converged()).isTrue();
    }

    @Test
    void aDroppedNoticeIsInferredBesideARejectedHeldOneOnlyWhenAllowed() {
        // executions 5 @ P and 2 @ P (notice dropped); the 5 arrived twice
        List<Fill> held = new ArrayList<>();
        FillBook b = feed(FillBook.empty(ORDER), 7, held, ws(5, P), ws(5, P));
        assertThat(held).hasSize(1);
        OverQuantity.Resolution young = OverQuantity.onSnapshot(b, 7, filled(7, 504_000), false, held, T);
        assertThat(young.duplicates()).hasSize(1);
        assertThat(young.step().inserted())
                .as("the history-lag window still runs")
                .isEmpty();
        assertThat(young.step().after().deficit()).isEqualTo(2);
        OverQuantity.Resolution old = OverQuantity.onSnapshot(b, 7, filled(7, 504_000), true, held, T);
        assertThat(old.step().inserted()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo(FillSource.INFERRED);
            assertThat(f.qty()).isEqualTo(2);
        });
        assertThat(old.step().after().converged()).isTrue();
    }

    @Test
    void inferredRowsNeverCauseAHoldNoticesSupersedeThem() {
        FillModel.Step inferred = FillModel.onSnapshot(FillBook.empty(ORDER), open(10, 6, 432_000), true, T);
        assertThat(inferred.after().liveQty()).isEqualTo(6);
        List<Fill> held = new ArrayList<>();
        // the notices the inference stood for, then the rest of the order
        FillBook b = feed(inferred.after(), 10, held, ws(6, P), ws(4, P));
        assertThat(held).isEmpty();
        assertThat(b.liveQty()).isEqualTo(10);
    }

    @Test
    void finalTotalsBeyondTheOrderQuantityLeaveHeldNoticesUndecided() {
        List<Fill> held = new ArrayList<>();
        FillBook b = feed(FillBook.empty(ORDER), 2, held, ws(2, P), ws(1, P));
        assertThat(held).hasSize(1);
        // a broker inconsistency: 3 executed of 2 ordered
        OverQuantity.Resolution r = OverQuantity.onSnapshot(
                b, 2, new BrokerTotals(2, 3, BigDecimal.valueOf(216_000), 0, 0, 0), true, held, T);
        assertThat(r.resolvedAny()).isFalse();
        assertThat(OrderStatusReducer.derive(
                        2, BrokerStatus.ACCEPTED, r.step().after().liveQty()))
                .isEqualTo(OrderStatus.ERROR);
    }

    @Test
    void afterFinalTotalsNothingIsHeldTheFitDecides() {
        FillBook b = FillModel.onSnapshot(FillBook.empty(ORDER), filled(2, 144_000), false, T)
                .after();
        FillModel.Step late = FillModel.onNotice(b, ws(2, P), T);
        assertThat(OverQuantity.holds(2, late)).isFalse();
        assertThat(late.after().converged()).isTrue();
    }

    @Test
    void aMoveIntoErrorOrOutOfATerminalStatusIsAnnouncedAsACorrection() {
        FillBook filled = feed(FillBook.empty(ORDER), 100, new ArrayList<>(), ws(2, P));
        FillModel.Step over = FillModel.onSnapshot(filled, open(4, 3, 216_000), true, T);
        OrderProgress p = OrderProgress.after(OrderStatus.FILLED, BrokerStatus.ACCEPTED, 2, over, null);
        assertThat(p.status()).isEqualTo(OrderStatus.ERROR);
        assertThat(p.correction()).isFalse();
        assertThat(p.announcedAsCorrection()).isTrue();

        FillModel.Step late = FillModel.onNotice(FillBook.empty(ORDER), ws(1, P), T);
        OrderProgress afterCancel = OrderProgress.after(OrderStatus.CANCELLED, BrokerStatus.CANCELLED, 5, late, null);
        assertThat(afterCancel.status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(afterCancel.announcedAsCorrection()).isTrue();

        OrderProgress plain = OrderProgress.after(OrderStatus.SUBMITTED, BrokerStatus.ACCEPTED, 5, late, null);
        assertThat(plain.status()).isEqualTo(OrderStatus.PARTIAL);
        assertThat(plain.announcedAsCorrection()).isFalse();
    }
}
