package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.KrxTick;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.buy;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static io.execctl.sim.market.Markets.order;
import static io.execctl.sim.market.Markets.sell;
import static org.assertj.core.api.Assertions.assertThat;

/** Market orders, limit crossing, partial volume, IOC/FOK, 02/03/04, fees, tax and average price. */
class MatchingTest {

    @Test
    void marketOrdersExecuteAtOnceInOneToThreePiecesAtTheCurrentPriceAndWorse() {
        boolean sawSeveral = false;
        for (long seed = 1; seed <= 20; seed++) {
            SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).seed(seed).build());
            OrderRecord o =
                    order(m, accepted(m.placeOrder(marketBuy("005930", 100))).odno());
            assertThat(o.status()).isEqualTo("FILLED");
            assertThat(o.filledQty()).isEqualTo(100);
            assertThat(o.executions()).hasSizeBetween(1, 3);
            assertThat(o.executions().stream()
                            .mapToLong(OrderRecord.Execution::qty)
                            .sum())
                    .isEqualTo(100);
            long expected = 72_000;
            for (OrderRecord.Execution e : o.executions()) {
                assertThat(e.qty()).isPositive();
                assertThat(e.price()).isEqualTo(expected);
                assertThat(e.time()).isEqualTo("090000");
                expected = KrxTick.up(expected);
            }
            long amount =
                    o.executions().stream().mapToLong(e -> e.qty() * e.price()).sum();
            assertThat(o.filledAmount()).isEqualTo(amount);
            sawSeveral |= o.executions().size() > 1;
        }
        assertThat(sawSeveral).as("some seed splits a market order").isTrue();
    }

    @Test
    void marketSellsWalkDownTheGrid() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).seed(3).build());
        accepted(m.placeOrder(marketBuy("000660", 50)));
        OrderRecord s =
                order(m, accepted(m.placeOrder(sell("000660", "01", 50, 0))).odno());
        long expected = 180_000;
        for (OrderRecord.Execution e : s.executions()) {
            assertThat(e.price()).isEqualTo(expected);
            expected = KrxTick.down(expected);
        }
        assertThat(s.filledQty()).isEqualTo(50);
    }

    @Test
    void aRestingLimitExecutesWhenThePriceReachesIt() {
        SimMarket m = Markets.real();
        String odno = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        assertThat(order(m, odno).status()).isEqualTo("OPEN");
        assertThat(order(m, odno).remainingQty()).isEqualTo(10);
        m.setPrice("005930", 71_100);
        assertThat(order(m, odno).filledQty()).isZero();
        m.setPrice("005930", 71_000);
        OrderRecord o = order(m, odno);
        assertThat(o.status()).isEqualTo("FILLED");
        assertThat(untimed(o.executions())).containsExactly(new OrderRecord.Execution(10, 71_000, "090000"));
    }

    @Test
    void limitOrdersExecuteAtTheCurrentPriceWhichIsAtOrBetterThanTheLimit() {
        SimMarket m = Markets.real();
        OrderRecord buy =
                order(m, accepted(m.placeOrder(limitBuy("005930", 10, 73_000))).odno());
        assertThat(untimed(buy.executions())).containsExactly(new OrderRecord.Execution(10, 72_000, "090000"));
        String sellNo = accepted(m.placeOrder(sell("005930", "00", 10, 74_000))).odno();
        m.setPrice("005930", 74_500);
        assertThat(untimed(order(m, sellNo).executions()))
                .containsExactly(new OrderRecord.Execution(10, 74_500, "090000"));
    }

    @Test
    void partialExecutionsFollowTheSeededStepVolume() {
        SimMarket m =
                new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(10).build());
        String odno = accepted(m.placeOrder(limitBuy("005930", 100, 72_000))).odno();
        assertThat(order(m, odno).filledQty()).isLessThanOrEqualTo(10);
        int steps = 0;
        while (order(m, odno).remainingQty() > 0 && steps < 10_000) {
            m.advance(Duration.ofSeconds(1));
            steps++;
        }
        OrderRecord o = order(m, odno);
        assertThat(o.status()).isEqualTo("FILLED");
        assertThat(o.executions().size()).isGreaterThanOrEqualTo(10);
        assertThat(o.executions()).allSatisfy(e -> {
            assertThat(e.qty()).isBetween(1L, 10L);
            assertThat(e.price()).isEqualTo(72_000);
        });
        assertThat(o.executions().stream().mapToLong(OrderRecord.Execution::qty).sum())
                .isEqualTo(100);
        assertThat(o.executions().get(o.executions().size() - 1).time())
                .isEqualTo(m.clock().hhmmss());
    }

    @Test
    void movingPricesFillRestingOrdersOnlyAtOrBetterThanTheirLimits() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL)
                .moveProbability(0.5)
                .maxStepVolume(50)
                .seed(7)
                .build());
        String b = accepted(m.placeOrder(limitBuy("005930", 300, 71_800))).odno();
        accepted(m.placeOrder(marketBuy("000660", 40)));
        String s = accepted(m.placeOrder(sell("000660", "00", 40, 180_500))).odno();
        m.advance(Duration.ofHours(2));
        assertThat(order(m, b).executions()).isNotEmpty().allSatisfy(e -> assertThat(e.price())
                .isLessThanOrEqualTo(71_800));
        assertThat(order(m, s).executions()).isNotEmpty().allSatisfy(e -> assertThat(e.price())
                .isGreaterThanOrEqualTo(180_500));
        assertThat(m.prices().get("005930")).isNotEqualTo(72_000L);
    }

    @Test
    void pricesStayOnTheGridAndInsideTheBand() {
        SimMarket m = new SimMarket(
                Markets.config(KisEnv.REAL).moveProbability(1.0).seed(11).build());
        for (int i = 0; i < 500; i++) {
            m.advance(Duration.ofSeconds(30));
            for (var e : m.prices().entrySet()) {
                long[] band = m.priceBand(e.getKey());
                assertThat(e.getValue()).isBetween(band[0], band[1]);
                assertThat(e.getValue() % KrxTick.tickSize(e.getValue())).isZero();
            }
        }
    }

    @Test
    void iocExecutesWhatItCanAndCancelsTheRest() {
        SimMarket m =
                new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(10).build());
        OrderRecord o = order(
                m, accepted(m.placeOrder(buy("005930", "11", 100, 72_000))).odno());
        assertThat(o.filledQty()).isLessThanOrEqualTo(10);
        assertThat(o.cancelledQty()).isEqualTo(100 - o.filledQty());
        assertThat(o.remainingQty()).isZero();
        assertThat(o.status()).isEqualTo("CANCELLED");
    }

    @Test
    void fokExecutesInFullOrNotAtAll() {
        SimMarket thin =
                new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(10).build());
        OrderRecord o = order(
                thin,
                accepted(thin.placeOrder(buy("005930", "12", 100, 72_000))).odno());
        assertThat(o.filledQty()).isZero();
        assertThat(o.cancelledQty()).isEqualTo(100);
        SimMarket deep = Markets.real();
        OrderRecord f = order(
                deep,
                accepted(deep.placeOrder(buy("005930", "12", 100, 72_000))).odno());
        assertThat(f.status()).isEqualTo("FILLED");
        assertThat(deep.placeOrder(buy("005930", "12", 100, 71_000))).isInstanceOf(OrderResult.Accepted.class);
        assertThat(deep.orders(Markets.DAY).get(1).cancelledQty())
                .as("a FOK that does not cross is cancelled")
                .isEqualTo(100);
    }

    @Test
    void bestLimitTakesTheCurrentPriceAndPriorityLimitWaitsOneTickBehind() {
        SimMarket m = Markets.real();
        OrderRecord best =
                order(m, accepted(m.placeOrder(buy("005930", "03", 5, 0))).odno());
        assertThat(untimed(best.executions())).containsExactly(new OrderRecord.Execution(5, 72_000, "090000"));
        String prio = accepted(m.placeOrder(buy("005930", "04", 5, 0))).odno();
        assertThat(order(m, prio).status()).isEqualTo("OPEN");
        m.setPrice("005930", 71_900);
        assertThat(untimed(order(m, prio).executions()))
                .containsExactly(new OrderRecord.Execution(5, 71_900, "090000"));
    }

    @Test
    void conditionalLimitTurnsIntoAMarketOrderAtTheClose() {
        SimMarket m = Markets.real();
        String cond = accepted(m.placeOrder(buy("005930", "02", 10, 70_000))).odno();
        String plain = accepted(m.placeOrder(limitBuy("005930", 10, 70_000))).odno();
        m.closeSession();
        assertThat(order(m, cond).status()).isEqualTo("FILLED");
        assertThat(untimed(order(m, cond).executions()))
                .containsExactly(new OrderRecord.Execution(10, 72_000, "090000"));
        assertThat(order(m, plain).status()).isEqualTo("EXPIRED");
        assertThat(order(m, plain).cancelledQty()).isEqualTo(10);
    }

    @Test
    void feesTaxCashAndAveragePriceAreBookedPerExecution() {
        SimMarket m = Markets.real();
        accepted(m.placeOrder(limitBuy("005930", 10, 72_000))); // 720,000, fee 108
        m.setPrice("005930", 73_000);
        accepted(m.placeOrder(limitBuy("005930", 5, 73_000))); // 365,000, fee 54 (54.75 rounded down)
        assertThat(m.account().cash()).isEqualByComparingTo(String.valueOf(100_000_000L - 720_108 - 365_054));
        HoldingRecord h = Markets.holding(m, "005930");
        assertThat(h.qty()).isEqualTo(15);
        assertThat(h.avgPrice()).isEqualByComparingTo("72333.3333");
        assertThat(h.avgPrice().scale()).isEqualTo(4);
        assertThat(h.purchaseAmount()).isEqualTo(1_084_999);
        assertThat(h.currentPrice()).isEqualTo(73_000);

        accepted(m.placeOrder(sell("005930", "00", 15, 73_000))); // 1,095,000: fee 164, tax 1,971
        AccountSummary a = m.account();
        assertThat(a.cash())
                .isEqualByComparingTo(String.valueOf(100_000_000L - 720_108 - 365_054 + 1_095_000 - 164 - 1_971));
        assertThat(a.todayFees()).isEqualByComparingTo("326");
        assertThat(a.todayTax()).isEqualByComparingTo("1971");
        assertThat(a.todayBuyAmount()).isEqualTo(1_085_000);
        assertThat(a.todaySellAmount()).isEqualTo(1_095_000);
        HoldingRecord sold = Markets.holding(m, "005930");
        assertThat(sold.qty()).as("a sold-out line stays until the next day").isZero();
        assertThat(sold.todayBuyQty()).isEqualTo(15);
        assertThat(sold.todaySellQty()).isEqualTo(15);
    }

    @Test
    void partialSellsKeepTheAveragePrice() {
        SimMarket m = Markets.real();
        accepted(m.placeOrder(limitBuy("068270", 7, 175_000)));
        accepted(m.placeOrder(sell("068270", "00", 3, 175_000)));
        HoldingRecord h = Markets.holding(m, "068270");
        assertThat(h.qty()).isEqualTo(4);
        assertThat(h.avgPrice()).isEqualByComparingTo("175000");
        assertThat(h.purchaseAmount()).isEqualTo(700_000);
        assertThat(m.account().securitiesEvaluation()).isEqualTo(700_000);
        assertThat(m.account().purchaseAmountTotal()).isEqualTo(700_000);
    }

    @Test
    void setPriceRefusesPricesOffTheGridOrOutsideTheBand() {
        SimMarket m = Markets.real();
        Assertions.assertThatIllegalArgumentException().isThrownBy(() -> m.setPrice("005930", 72_050));
        Assertions.assertThatIllegalArgumentException().isThrownBy(() -> m.setPrice("005930", 93_700));
        Assertions.assertThatIllegalArgumentException().isThrownBy(() -> m.setPrice("123456", 1_000));
        assertThat(m.prices().get("005930")).isEqualTo(72_000L);
    }

    /** Executions without their wall-clock stamp (the session time is what matching decides). */
    private static List<OrderRecord.Execution> untimed(List<OrderRecord.Execution> executions) {
        return executions.stream()
                .map(e -> new OrderRecord.Execution(e.qty(), e.price(), e.time()))
                .toList();
    }
}
