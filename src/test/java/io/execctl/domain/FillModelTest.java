package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fill model's rules as readable cases (the property test covers the interleavings). */
class FillModelTest {
    private static final String ORDER = "20261202-0000000001-0123456789";
    private static final Instant T = Instant.parse("2026-12-02T00:30:00Z");
    private static final BigDecimal P = new BigDecimal("72000");
    private static int frame;

    private static FillModel.Step notice(FillBook book, long qty, BigDecimal price) {
        return FillModel.onNotice(book, Fill.ws(ORDER, new NoticeReceipt("c", ++frame, 0), T, qty, price), T);
    }

    private static BrokerTotals open(long ord, long tot, long amount) {
        return new BrokerTotals(ord, tot, BigDecimal.valueOf(amount), ord - tot, 0, 0);
    }

    private static BrokerTotals cancelled(long ord, long tot, long amount) {
        return new BrokerTotals(ord, tot, BigDecimal.valueOf(amount), 0, ord - tot, 0);
    }

    @Test
    void twoGenuineIdenticalFillsAreBothKeptWhenTheFinalTotalsSaySo() {
        FillBook b = notice(FillBook.empty(ORDER), 1, P).after();
        b = notice(b, 1, P).after();
        FillModel.Step fin = FillModel.onSnapshot(b, cancelled(5, 2, 144_000), false, T);
        assertThat(fin.voided()).isEmpty();
        assertThat(fin.after().liveQty()).isEqualTo(2);
        assertThat(fin.after().converged()).isTrue();
    }

    @Test
    void aDuplicatedNoticeIsVoidedOnlyByFinalTotals() {
        FillBook first = notice(FillBook.empty(ORDER), 1, P).after();
        FillBook b = notice(first, 1, P).after();
        // A live order's snapshot showing 1 may just lag: nothing is voided.
        FillModel.Step lagging = FillModel.onSnapshot(b, open(5, 1, 72_000), true, T);
        assertThat(lagging.voided()).isEmpty();
        assertThat(lagging.after().liveQty()).isEqualTo(2);
        // Final: 1 executed, 4 cancelled. The later receipt of the pair goes.
        FillModel.Step fin = FillModel.onSnapshot(lagging.after(), cancelled(5, 1, 72_000), false, T);
        assertThat(fin.voided()).singleElement().satisfies(f -> {
            assertThat(f.receipt()).isEqualTo(b.rows().get(1).receipt());
            assertThat(f.voidReason()).isEqualTo(FillModel.SURPLUS);
        });
        assertThat(fin.correction()).isTrue();
        assertThat(fin.after().converged()).isTrue();
    }

    @Test
    void aDeficitIsInferredOnlyWhenAllowedAndNotesCoverItByTheirSum() {
        FillModel.Step young = FillModel.onSnapshot(FillBook.empty(ORDER), open(10, 5, 360_600), false, T);
        assertThat(young.inserted()).isEmpty();
        assertThat(young.after().deficit()).isEqualTo(5);
        FillModel.Step old = FillModel.onSnapshot(young.after(), open(10, 5, 360_600), true, T);
        assertThat(old.inserted()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo(FillSource.INFERRED);
            assertThat(f.qty()).isEqualTo(5);
            assertThat(f.amount()).isEqualByComparingTo("360600");
        });
        FillModel.Step two = notice(old.after(), 2, P);
        assertThat(two.after().liveQty()).isEqualTo(5);
        assertThat(two.voided()).extracting(Fill::voidReason).containsExactly(FillModel.SUPERSEDED);
        assertThat(two.inserted()).extracting(Fill::qty).containsExactly(2L, 3L);
        FillModel.Step three = notice(two.after(), 3, new BigDecimal("72200"));
        assertThat(three.after().liveQty()).isEqualTo(5);
        assertThat(three.after().live()).extracting(Fill::source).containsOnly(FillSource.WS);
        assertThat(three.after().liveAmount()).isEqualByComparingTo("360600");
    }

    @Test
    void aDuplicateAndADropAreSortedOutByAmountsAtTheEnd() {
        // True: 10 @ 72000 and 10 @ 72100. Received: the first twice, the second never.
        FillBook b = notice(FillBook.empty(ORDER), 10, P).after();
        b = notice(b, 10, P).after();
        FillModel.Step fin = FillModel.onSnapshot(b, cancelled(30, 20, 1_441_000), true, T);
        assertThat(fin.after().converged()).isTrue();
        assertThat(fin.voided()).hasSize(1);
        assertThat(fin.after().live())
                .extracting(Fill::source)
                .containsExactlyInAnyOrder(FillSource.WS, FillSource.INFERRED);
    }

    @Test
    void aStaleSnapshotChangesNothing() {
        FillBook b = FillModel.onSnapshot(FillBook.empty(ORDER), open(10, 6, 432_000), false, T)
                .after();
        FillModel.Step stale = FillModel.onSnapshot(b, open(10, 4, 288_000), false, T);
        assertThat(stale.changed()).isFalse();
        assertThat(stale.after().deficit()).isEqualTo(6);
        // An inference uses the best proof, not the stale snapshot it came with.
        FillModel.Step infer = FillModel.onSnapshot(b, open(10, 4, 288_000), true, T);
        assertThat(infer.inserted()).singleElement().satisfies(f -> {
            assertThat(f.qty()).isEqualTo(6);
            assertThat(f.amount()).isEqualByComparingTo("432000");
        });
    }
}
