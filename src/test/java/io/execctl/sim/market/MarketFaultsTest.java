package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.DAY;
import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.cancelAll;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static io.execctl.sim.market.Markets.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The faults that live in the market (branch variation, exchange refusal), T+2 cash and the lagging inquiry view. */
class MarketFaultsTest {

    @Test
    void branchVariationMakesNoticeAndInquiryBranchesDifferFromTheOrderResponse() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        m.setMarketFaults(new MarketFaults(true, 0));
        OrderResult.Accepted a = accepted(m.placeOrder(limitBuy("005930", 10, 70_000)));
        assertThat(a.branch()).isEqualTo("06590");
        OrderRecord row = order(m, a.odno());
        assertThat(row.branch()).isEqualTo("06590");
        assertThat(row.ccldBranch()).isNotEqualTo(a.branch()).matches("\\d{5}");
        List<ExecutionNotice> notices = feed.all();
        assertThat(notices).isNotEmpty();
        assertThat(notices)
                .allSatisfy(n -> assertThat(n.brncNo()).isNotEqualTo(a.branch()).isNotEqualTo(row.ccldBranch()));
        // modify and cancel still take the order response's branch, and only that one
        assertThat(m.reviseOrCancel(cancelAll(notices.get(0).brncNo(), a.odno())))
                .isInstanceOf(OrderResult.Rejected.class);
        accepted(m.reviseOrCancel(cancelAll(a.branch(), a.odno())));

        m.setMarketFaults(MarketFaults.NONE);
        feed.clear();
        OrderResult.Accepted b = accepted(m.placeOrder(limitBuy("005930", 1, 70_000)));
        assertThat(order(m, b.odno()).ccldBranch()).isEqualTo("06590");
        assertThat(feed.all()).allSatisfy(n -> assertThat(n.brncNo()).isEqualTo("06590"));
    }

    @Test
    void exchangeRefusalComesAfterAnAcceptanceAndShowsAsRejectedQuantity() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        BigDecimal cashBefore = m.account().cash();
        m.setMarketFaults(new MarketFaults(false, 1.0));
        OrderResult.Accepted a = accepted(m.placeOrder(marketBuy("005930", 10)));
        assertThat(a.msgCd()).isEqualTo("APBK0013");
        assertThat(a.odno()).matches("\\d{10}");

        OrderRecord row = order(m, a.odno());
        assertThat(row.rejectedQty()).isEqualTo(10);
        assertThat(row.filledQty()).isZero();
        assertThat(row.remainingQty()).isZero();
        assertThat(row.status()).isEqualTo("REJECTED");
        List<ExecutionNotice> n = feed.all();
        assertThat(n).hasSize(2);
        assertThat(n.get(0).rfusYn()).isEqualTo("0");
        assertThat(n.get(0).acptYn()).isEqualTo("1");
        assertThat(n.get(1).rfusYn()).isEqualTo("1");
        assertThat(n.get(1).cntgYn()).isEqualTo("1");
        assertThat(n.get(1).oderNo()).isEqualTo(a.odno());
        assertThat(n.get(1).cntgQty()).isEqualTo("0000000010");
        assertThat(m.account().cash()).isEqualByComparingTo(cashBefore);
        assertThat(m.holdings()).isEmpty();

        m.setMarketFaults(MarketFaults.NONE);
        OrderResult.Accepted b = accepted(m.placeOrder(marketBuy("005930", 10)));
        assertThat(order(m, b.odno()).filledQty()).isEqualTo(10);
    }

    @Test
    void refusalsAreSeededAndOffMeansNoDiceAreRolled() {
        assertThat(refusals(7)).isEqualTo(refusals(7)).contains(true, false);
        SimMarket plain = Markets.real();
        SimMarket withZeroRate = Markets.real();
        withZeroRate.setMarketFaults(new MarketFaults(true, 0));
        for (int i = 0; i < 5; i++) {
            plain.placeOrder(marketBuy("005930", 3));
            withZeroRate.placeOrder(marketBuy("005930", 3));
        }
        assertThat(withZeroRate.ledger().cash())
                .isEqualByComparingTo(plain.ledger().cash());
    }

    private static List<Boolean> refusals(long seed) {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).seed(seed).build());
        m.setMarketFaults(new MarketFaults(false, 0.5));
        return IntStream.range(0, 20)
                .mapToObj(i ->
                        order(m, accepted(m.placeOrder(marketBuy("005930", 1))).odno())
                                        .rejectedQty()
                                > 0)
                .toList();
    }

    @Test
    void depositLeavesOutTradesUntilTheySettleTwoDaysLater() {
        SimMarket m = Markets.real();
        BigDecimal initial = m.account().cash();
        m.placeOrder(marketBuy("005930", 10));
        AccountSummary today = m.account();
        assertThat(today.cash()).isLessThan(initial);
        assertThat(today.settledCash())
                .as("dnca_tot_amt ignores the unsettled buy")
                .isEqualByComparingTo(initial);
        assertThat(today.nextDayCash()).as("today's trade settles only at D+2").isEqualByComparingTo(initial);

        m.startDay(DAY.plusDays(1));
        AccountSummary dayTwo = m.account();
        assertThat(dayTwo.cash()).isEqualByComparingTo(today.cash());
        assertThat(dayTwo.nextDayCash()).isEqualByComparingTo(today.cash());
        assertThat(dayTwo.settledCash()).isEqualByComparingTo(initial);

        m.startDay(DAY.plusDays(2));
        AccountSummary settled = m.account();
        assertThat(settled.settledCash()).isEqualByComparingTo(today.cash());
        assertThat(settled.nextDayCash()).isEqualByComparingTo(today.cash());
    }

    @Test
    void laggingViewHidesNewRowsAndCountsOnlyOldEnoughExecutions() {
        MutableClock wall = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
        SimMarket m = new SimMarket(MarketConfig.builder(KisEnv.REAL, wall)
                .startDate(DAY)
                .speed(0)
                .moveProbability(0)
                .maxStepVolume(1_000_000)
                .build());
        OrderResult.Accepted old = accepted(m.placeOrder(limitBuy("005930", 10, 70_000)));
        wall.advance(Duration.ofSeconds(5));
        OrderResult.Accepted fresh = accepted(m.placeOrder(marketBuy("005930", 4)));
        wall.advance(Duration.ofSeconds(1));
        m.setPrice("005930", 70_000); // the old limit order executes now
        Instant now = wall.instant();

        List<OrderRecord> rows = m.orders(DAY);
        List<OrderRecord> lagged = CcldView.lagged(rows, DAY, now, Duration.ofSeconds(3));
        assertThat(lagged).extracting(OrderRecord::odno).containsExactly(old.odno());
        assertThat(CcldView.lagged(rows, DAY.plusDays(1), now, Duration.ofSeconds(3)))
                .as("only today's rows lag")
                .hasSize(2);

        List<OrderRecord> stale = CcldView.staleTotals(rows, now, Duration.ofMillis(500));
        OrderRecord staleOld = stale.stream()
                .filter(o -> o.odno().equals(old.odno()))
                .findFirst()
                .orElseThrow();
        assertThat(order(m, old.odno()).filledQty()).isEqualTo(10);
        assertThat(staleOld.filledQty()).isZero();
        assertThat(staleOld.filledAmount()).isZero();
        assertThat(staleOld.remainingQty()).isEqualTo(10);
        assertThat(staleOld.status()).isEqualTo("OPEN");
        OrderRecord staleFresh = stale.stream()
                .filter(o -> o.odno().equals(fresh.odno()))
                .findFirst()
                .orElseThrow();
        assertThat(staleFresh.filledQty())
                .as("executed 1 s ago, older than 500 ms")
                .isEqualTo(4);

        wall.advance(Duration.ofSeconds(1));
        assertThat(CcldView.staleTotals(m.orders(DAY), wall.instant(), Duration.ofMillis(500)))
                .isEqualTo(m.orders(DAY));
    }
}
