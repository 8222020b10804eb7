package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.cancel;
import static io.execctl.sim.market.Markets.cancelAll;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static io.execctl.sim.market.Markets.modify;
import static io.execctl.sim.market.Markets.modifyAll;
import static io.execctl.sim.market.Markets.order;
import static org.assertj.core.api.Assertions.assertThat;

/** order-rvsecncl: cancels and modifies, full and partial, and KIS's rejections. */
class ReviseCancelTest {
    private static final String BR = "06590";

    @Test
    void fullCancelGetsItsOwnOdnoAndTheOriginalKeepsItsNumber() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        OrderResult.Accepted c = accepted(m.reviseOrCancel(cancelAll(BR, orig)));
        assertThat(c.odno()).isEqualTo("0000000002");
        assertThat(c.branch()).isEqualTo(BR);
        assertThat(c.msgCd()).isEqualTo("APBK0013");
        OrderRecord o = order(m, orig);
        assertThat(o.status()).isEqualTo("CANCELLED");
        assertThat(o.cancelledQty()).isEqualTo(10);
        assertThat(o.remainingQty()).isZero();
        OrderRecord row = order(m, c.odno());
        assertThat(row.origOdno()).isEqualTo(orig);
        assertThat(row.rvseCnclDvsn()).isEqualTo("02");
        assertThat(row.qty()).isEqualTo(10);
        assertThat(row.price()).isZero();
        assertThat(row.status()).isEqualTo("CANCELLED");
        assertThat(row.cancelledQty()).isEqualTo(10);
        assertThat(row.filledQty()).isZero();
        m.setPrice("005930", 71_000);
        assertThat(order(m, orig).filledQty())
                .as("a cancelled order never fills")
                .isZero();
    }

    @Test
    void cancellingReleasesTheReservedCash() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 1_388, 72_000 - 1_000)))
                .odno();
        assertThat(m.placeOrder(limitBuy("000660", 100, 180_000))).isInstanceOf(OrderResult.Rejected.class);
        accepted(m.reviseOrCancel(cancelAll(BR, orig)));
        assertThat(m.placeOrder(limitBuy("000660", 100, 180_000))).isInstanceOf(OrderResult.Accepted.class);
    }

    @Test
    void partialCancelsLeaveTheRestOpenUntilNothingIsLeft() {
        SimMarket m = Markets.paper();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        OrderResult.Accepted c1 =
                accepted(m.reviseOrCancel(new ReviseCancel("00950", orig, true, "00", 4, false, 0, Source.API)));
        assertThat(c1.msgCd()).isEqualTo("40630000");
        assertThat(c1.msg1()).isEqualTo("모의투자 취소주문이 완료 되었습니다.");
        OrderRecord o = order(m, orig);
        assertThat(o.status()).isEqualTo("OPEN");
        assertThat(o.cancelledQty()).isEqualTo(4);
        assertThat(o.remainingQty()).isEqualTo(6);
        assertThat(order(m, c1.odno()).qty()).isEqualTo(4);
        assertThat(m.reviseOrCancel(new ReviseCancel("00950", orig, true, "00", 7, false, 0, Source.API)))
                .isEqualTo(new OrderResult.Rejected("40430000", "취소수량이 취소가능수량을 초과합니다"));
        accepted(m.reviseOrCancel(new ReviseCancel("00950", orig, true, "00", 6, false, 0, Source.API)));
        assertThat(order(m, orig).status()).isEqualTo("CANCELLED");
        assertThat(m.reviseOrCancel(new ReviseCancel("00950", orig, true, "00", 0, true, 0, Source.API)))
                .isEqualTo(new OrderResult.Rejected("40330000", "모의투자 정정/취소할 수량이 없습니다"));
    }

    @Test
    void overCancelOfAPartlyFilledOrderIsRefused() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(5).build());
        String orig = accepted(m.placeOrder(limitBuy("005930", 100, 72_000))).odno();
        while (order(m, orig).filledQty() == 0) {
            m.advance(Duration.ofSeconds(1));
        }
        long remaining = order(m, orig).remainingQty();
        assertThat(m.reviseOrCancel(cancel(BR, orig, remaining + 1)))
                .isEqualTo(new OrderResult.Rejected("APBK0560", "취소수량이 취소가능수량을 초과합니다."));
        OrderResult.Accepted c = accepted(m.reviseOrCancel(cancelAll(BR, orig)));
        assertThat(order(m, c.odno()).qty()).isEqualTo(remaining);
        OrderRecord o = order(m, orig);
        assertThat(o.status()).isEqualTo("CANCELLED");
        assertThat(o.filledQty() + o.cancelledQty()).isEqualTo(100);
    }

    @Test
    void unknownOriginalsAreRefused() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        OrderResult.Rejected unknown = new OrderResult.Rejected("APBK0558", "원주문번호가 존재하지 않습니다.");
        assertThat(m.reviseOrCancel(cancelAll(BR, "0000000099"))).isEqualTo(unknown);
        assertThat(m.reviseOrCancel(cancelAll("00950", orig)))
                .as("wrong branch")
                .isEqualTo(unknown);
        assertThat(m.reviseOrCancel(cancelAll(BR, "abc"))).isEqualTo(unknown);
        assertThat(m.reviseOrCancel(cancelAll(BR, "1")))
                .as("numbers compare numerically")
                .isInstanceOf(OrderResult.Accepted.class);
        assertThat(Markets.paper().reviseOrCancel(cancelAll("00950", "0000000001")))
                .isEqualTo(new OrderResult.Rejected("40320000", "원주문번호가 존재하지 않습니다"));
    }

    @Test
    void filledOrdersAndCancelRowsHaveNothingToRevise() {
        SimMarket m = Markets.real();
        String filled = accepted(m.placeOrder(marketBuy("005930", 10))).odno();
        OrderResult.Rejected nothing = new OrderResult.Rejected("APBK0559", "정정/취소할 수량이 없습니다.");
        assertThat(m.reviseOrCancel(cancelAll(BR, filled))).isEqualTo(nothing);
        assertThat(m.reviseOrCancel(modifyAll(BR, filled, "00", 70_000))).isEqualTo(nothing);
        String open = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        String cancelRow = accepted(m.reviseOrCancel(cancel(BR, open, 3))).odno();
        assertThat(m.reviseOrCancel(cancelAll(BR, cancelRow))).isEqualTo(nothing);
    }

    @Test
    void fullModifyMovesTheRestToANewOrderWhoseFillsCarryTheNewNumber() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.PAPER).build(), feed);
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        OrderResult.Accepted mod =
                accepted(m.reviseOrCancel(new ReviseCancel("00950", orig, false, "00", 0, true, 71_500, Source.API)));
        assertThat(mod.msgCd()).isEqualTo("40620000");
        assertThat(mod.msg1()).isEqualTo("모의투자 정정주문이 완료 되었습니다.");
        assertThat(mod.odno()).isEqualTo("0000000002");
        OrderRecord o = order(m, orig);
        assertThat(o.status()).isEqualTo("CANCELLED");
        assertThat(o.cancelledQty()).isEqualTo(10);
        OrderRecord n = order(m, mod.odno());
        assertThat(n.origOdno()).isEqualTo(orig);
        assertThat(n.rvseCnclDvsn()).isEqualTo("01");
        assertThat(n.qty()).isEqualTo(10);
        assertThat(n.price()).isEqualTo(71_500);
        assertThat(n.status()).isEqualTo("OPEN");
        feed.clear();
        m.setPrice("005930", 71_500);
        assertThat(order(m, mod.odno()).filledQty()).isEqualTo(10);
        assertThat(order(m, orig).filledQty()).isZero();
        assertThat(feed.all()).singleElement().satisfies(x -> {
            assertThat(x.oderNo()).isEqualTo(mod.odno());
            assertThat(x.ooderNo()).isEqualTo(orig);
            assertThat(x.cntgYn()).isEqualTo("2");
        });
    }

    @Test
    void partialModifyMovesOnlyTheGivenQuantity() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        String mod =
                accepted(m.reviseOrCancel(modify(BR, orig, 4, "00", 70_500))).odno();
        assertThat(order(m, orig).remainingQty()).isEqualTo(6);
        assertThat(order(m, orig).cancelledQty()).isEqualTo(4);
        assertThat(order(m, orig).status()).isEqualTo("OPEN");
        assertThat(order(m, mod).qty()).isEqualTo(4);
        assertThat(m.reviseOrCancel(modify(BR, orig, 7, "00", 70_500)))
                .isEqualTo(new OrderResult.Rejected("APBK0560", "취소수량이 취소가능수량을 초과합니다."));
        m.setPrice("005930", 71_000);
        assertThat(order(m, orig).filledQty()).isEqualTo(6);
        assertThat(order(m, mod).filledQty()).isZero();
        m.setPrice("005930", 70_500);
        assertThat(order(m, mod).filledQty()).isEqualTo(4);
    }

    @Test
    void modifyToMarketExecutesAtOnceAndAModifyCanBeModifiedAgain() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        String m1 =
                accepted(m.reviseOrCancel(modifyAll(BR, orig, "00", 70_000))).odno();
        String m2 = accepted(m.reviseOrCancel(modifyAll(BR, m1, "01", 0))).odno();
        assertThat(order(m, m2).status()).isEqualTo("FILLED");
        assertThat(order(m, m2).origOdno()).isEqualTo(m1);
        assertThat(order(m, m1).status()).isEqualTo("CANCELLED");
    }

    @Test
    void modifyValidatesTheNewPriceTypeAndCash() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 1_100, 71_000))).odno();
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "00", 71_050)))
                .isEqualTo(KisMessages.TICK_ERROR.rejected(KisEnv.REAL));
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "00", 99_000)))
                .isEqualTo(KisMessages.PRICE_BAND.rejected(KisEnv.REAL));
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "01", 71_000)))
                .isEqualTo(KisMessages.MARKET_PRICE_NOT_ZERO.rejected(KisEnv.REAL));
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "77", 71_000)))
                .isEqualTo(KisMessages.ORD_DVSN_NOT_ALLOWED.rejected(KisEnv.REAL));
        // 1,100 × 93,600 (the market reservation) exceeds 100,000,000 even after releasing 78,100,000
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "01", 0)))
                .isEqualTo(KisMessages.INSUFFICIENT_CASH.rejected(KisEnv.REAL));
        // but a higher limit within the cash is fine: the moved quantity's reservation is released first
        assertThat(m.reviseOrCancel(modifyAll(BR, orig, "00", 71_900))).isInstanceOf(OrderResult.Accepted.class);
        assertThat(order(m, orig).remainingQty()).isZero();
    }

    @Test
    void reviseIsRefusedWhileTheMarketIsClosed() {
        SimMarket m = Markets.real();
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        m.closeSession();
        m.openSession();
        assertThat(m.reviseOrCancel(cancelAll(BR, orig)))
                .as("expired at the close")
                .isEqualTo(KisMessages.NOTHING_TO_REVISE.rejected(KisEnv.REAL));
        m.closeSession();
        assertThat(m.reviseOrCancel(cancelAll(BR, orig))).isEqualTo(KisMessages.MARKET_CLOSED.rejected(KisEnv.REAL));
    }
}
