package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static io.execctl.sim.market.Markets.order;
import static io.execctl.sim.market.Markets.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** Session clock, close and expiry, daily ODNO restart, settlement, autoClose, ticker, reset. */
class SessionTest {

    @Test
    void theClockStartsAtNineOnTheConfiguredDateAndMovesOnlyWhenAdvanced() {
        SimMarket m = Markets.real();
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY);
        assertThat(m.clock().time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(m.clock().marketOpen()).isTrue();
        m.advance(Duration.ofMinutes(90).plusMillis(500));
        assertThat(m.clock().hhmmss()).isEqualTo("103000");
        m.advance(Duration.ofMillis(500));
        assertThat(m.clock().hhmmss()).isEqualTo("103001");
        assertThatIllegalArgumentException().isThrownBy(() -> m.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void withoutAutoCloseTheMarketIsOpenAtAnyHour() {
        SimMarket m = Markets.real();
        m.advance(Duration.ofHours(11));
        assertThat(m.clock().marketOpen()).isTrue();
        OrderResult.Accepted a = accepted(m.placeOrder(limitBuy("005930", 1, 70_000)));
        assertThat(a.ordTmd()).isEqualTo("200000");
    }

    @Test
    void closingLapsesOpenOrdersOnceAndOnlyOnce() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(5).build());
        String partly = accepted(m.placeOrder(limitBuy("005930", 100, 72_000))).odno();
        String waiting = accepted(m.placeOrder(limitBuy("005930", 10, 70_000))).odno();
        while (order(m, partly).filledQty() == 0) {
            m.advance(Duration.ofSeconds(1));
        }
        long filled = order(m, partly).filledQty();
        long v = m.activityVersion();
        m.closeSession();
        assertThat(m.clock().marketOpen()).isFalse();
        assertThat(m.activityVersion()).isGreaterThan(v);
        OrderRecord p = order(m, partly);
        assertThat(p.status()).isEqualTo("EXPIRED");
        assertThat(p.filledQty()).isEqualTo(filled);
        assertThat(p.cancelledQty()).isEqualTo(100 - filled);
        assertThat(p.remainingQty()).isZero();
        assertThat(order(m, waiting).status()).isEqualTo("EXPIRED");
        long after = m.activityVersion();
        m.closeSession();
        assertThat(m.activityVersion()).isEqualTo(after);
        m.advance(Duration.ofMinutes(5));
        assertThat(m.prices().get("005930"))
                .as("prices do not move while closed")
                .isEqualTo(72_000L);
        m.openSession();
        m.openSession();
        assertThat(m.clock().marketOpen()).isTrue();
    }

    @Test
    void odnoIsZeroPaddedToTenDigitsAndRestartsEachTradingDay() {
        SimMarket m = Markets.real();
        String last = null;
        for (int i = 0; i < 12; i++) {
            last = accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno();
        }
        assertThat(last).isEqualTo("0000000012");
        m.advance(Duration.ofHours(15));
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY.plusDays(1));
        assertThat(m.clock().hhmmss()).isEqualTo("000000");
        assertThat(accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno()).isEqualTo("0000000001");
        assertThat(m.orders(Markets.DAY)).hasSize(12).allSatisfy(o -> assertThat(o.status())
                .isEqualTo("EXPIRED"));
        assertThat(m.orders(Markets.DAY.plusDays(1))).hasSize(1);
        assertThat(m.reviseOrCancel(Markets.cancelAll("06590", "0000000012")))
                .as("yesterday's numbers are not today's")
                .isEqualTo(KisMessages.ORIGINAL_NOT_FOUND.rejected(KisEnv.REAL));
    }

    @Test
    void aNewDaySettlesHoldingsAndRebasesTheBand() {
        SimMarket m = Markets.real();
        accepted(m.placeOrder(marketBuy("005930", 10)));
        accepted(m.placeOrder(marketBuy("000660", 5)));
        accepted(m.placeOrder(sell("000660", "01", 5, 0)));
        m.setPrice("005930", 90_000);
        assertThat(m.holdings()).extracting(HoldingRecord::symbol).containsExactly("000660", "005930");
        m.startDay(Markets.DAY.plusDays(3));
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY.plusDays(3));
        assertThat(m.clock().time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(m.clock().marketOpen()).isTrue();
        assertThat(m.holdings()).singleElement().satisfies(h -> {
            assertThat(h.symbol()).isEqualTo("005930");
            assertThat(h.qty()).isEqualTo(10);
            assertThat(h.prevDayBuyQty()).isEqualTo(10);
            assertThat(h.todayBuyQty()).isZero();
        });
        assertThat(m.account().todayFees()).isEqualByComparingTo("0");
        assertThat(m.priceBand("005930")).containsExactly(63_000, 117_000);
        assertThat(m.placeOrder(limitBuy("005930", 1, 110_000))).isInstanceOf(OrderResult.Accepted.class);
        assertThatIllegalArgumentException().isThrownBy(() -> m.startDay(Markets.DAY));
    }

    @Test
    void autoCloseFollowsTheRegularSessionHours() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL)
                .autoClose(true)
                .startTime(LocalTime.of(8, 0))
                .build());
        assertThat(m.clock().marketOpen()).isFalse();
        assertThat(m.placeOrder(limitBuy("005930", 1, 70_000)))
                .isEqualTo(KisMessages.MARKET_CLOSED.rejected(KisEnv.REAL));
        m.advance(Duration.ofHours(1));
        assertThat(m.clock().marketOpen()).isTrue();
        String odno = accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno();
        m.advance(Duration.ofMinutes(389).plusSeconds(59));
        assertThat(m.clock().hhmmss()).isEqualTo("152959");
        assertThat(m.clock().marketOpen()).isTrue();
        m.advance(Duration.ofSeconds(1));
        assertThat(m.clock().marketOpen()).isFalse();
        assertThat(order(m, odno).status()).isEqualTo("EXPIRED");
        m.advance(Duration.ofHours(17).plusMinutes(30));
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY.plusDays(1));
        assertThat(m.clock().hhmmss()).isEqualTo("090000");
        assertThat(m.clock().marketOpen()).isTrue();
    }

    @Test
    void versionMovesWithAccountActivityOnly() {
        SimMarket m = Markets.real();
        long v0 = m.activityVersion();
        m.advance(Duration.ofMinutes(10));
        assertThat(m.activityVersion()).isEqualTo(v0);
        String odno = accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno();
        long v1 = m.activityVersion();
        assertThat(v1).isGreaterThan(v0);
        m.setPrice("005930", 71_000);
        assertThat(m.activityVersion()).isEqualTo(v1);
        m.setPrice("005930", 70_000);
        assertThat(order(m, odno).status()).isEqualTo("FILLED");
        assertThat(m.activityVersion()).isGreaterThan(v1);
    }

    @Test
    void tickAdvancesBySpeedTimesWallTime() {
        MutableClock wall = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
        SimMarket m =
                new SimMarket(MarketConfig.builder(KisEnv.REAL, wall).speed(2.0).build());
        assertThat(m.clock().tradingDate()).as("start date = today in Korea").isEqualTo(Markets.DAY);
        wall.plus(Duration.ofSeconds(10));
        m.tick();
        assertThat(m.clock().hhmmss()).isEqualTo("090020");
        m.tick();
        assertThat(m.clock().hhmmss()).isEqualTo("090020");
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatIllegalStateException()
                    .isThrownBy(() -> Markets.real().startTicker(ses, Duration.ofMillis(10)))
                    .withMessageContaining("speed is 0");
        } finally {
            ses.shutdownNow();
        }
    }

    @Test
    void startTickerDrivesTheClockFromTheWallClock() {
        MutableClock wall = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
        SimMarket m =
                new SimMarket(MarketConfig.builder(KisEnv.REAL, wall).speed(60).build());
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> f = m.startTicker(ses, Duration.ofMillis(5));
            wall.plus(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(5)).until(() -> m.clock().hhmmss().equals("100000"));
            f.cancel(false);
        } finally {
            ses.shutdownNow();
        }
    }

    @Test
    void resetRestoresTheInitialStateAndTheSameFuture() {
        MarketConfig cfg = Markets.config(KisEnv.REAL)
                .moveProbability(0.3)
                .maxStepVolume(20)
                .seed(5)
                .build();
        SimMarket fresh = new SimMarket(cfg);
        SimMarket used = new SimMarket(cfg);
        accepted(used.placeOrder(marketBuy("005930", 10)));
        used.advance(Duration.ofHours(30));
        long before = used.activityVersion();
        used.reset();
        assertThat(used.activityVersion()).as("the version never goes back").isGreaterThan(before);
        assertThat(used.ledger()).isEqualTo(fresh.ledger());
        assertThat(used.clock().time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(used.clock().tradingDate()).isEqualTo(Markets.DAY);
        for (SimMarket x : new SimMarket[] {fresh, used}) {
            accepted(x.placeOrder(limitBuy("005930", 50, 71_900)));
            x.advance(Duration.ofHours(1));
        }
        assertThat(used.ledger()).isEqualTo(fresh.ledger());
        assertThat(used.prices()).isEqualTo(fresh.prices());
    }

    /** A wall clock the test moves by hand. */
    @Test
    void theTradingDateFollowsTheKoreanWallDateUnlessAStartDateWasGiven() {
        // 23:59:58 in Seoul on the 24th (still the 24th in New York too, where the tests run).
        MutableClock wall = new MutableClock(Instant.parse("2026-11-24T14:59:58Z"));
        SimMarket m = new SimMarket(MarketConfig.builder(KisEnv.REAL, wall).build());
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY);
        accepted(m.placeOrder(limitBuy("005930", 1, 70_000)));
        wall.plus(Duration.ofSeconds(3)); // 00:00:01 on the 25th in Seoul
        assertThat(accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno())
                .as("a new trading date restarts the order numbers")
                .isEqualTo("0000000001");
        assertThat(m.clock().tradingDate()).isEqualTo(Markets.DAY.plusDays(1));
        assertThat(m.orders(Markets.DAY)).singleElement().satisfies(o -> assertThat(o.status())
                .isEqualTo("EXPIRED"));

        MutableClock wall2 = new MutableClock(Instant.parse("2026-11-24T14:59:58Z"));
        SimMarket pinned = new SimMarket(
                MarketConfig.builder(KisEnv.REAL, wall2).startDate(Markets.DAY).build());
        wall2.plus(Duration.ofDays(2));
        accepted(pinned.placeOrder(limitBuy("005930", 1, 70_000)));
        assertThat(pinned.clock().tradingDate())
                .as("a test that sets the start date moves the session itself")
                .isEqualTo(Markets.DAY);
        assertThat(pinned.config().withSeed(9).followWallDate()).isFalse();
        assertThat(m.config().withSeed(9).followWallDate()).isTrue();
    }
}
