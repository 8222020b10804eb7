package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Same seed and calls → identical results; another seed → other prices. */
class DeterminismTest {

    private static MarketConfig config(long seed) {
        return Markets.config(KisEnv.REAL)
                .seed(seed)
                .moveProbability(0.2)
                .maxStepVolume(40)
                .stepInterval(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void sameSeedAndCallsGiveIdenticalLedgersNoticesAndPrices() {
        Markets.RecordingFeed f1 = new Markets.RecordingFeed();
        Markets.RecordingFeed f2 = new Markets.RecordingFeed();
        SimMarket a = new SimMarket(config(42), f1);
        SimMarket b = new SimMarket(config(42), f2);
        RandomTrading ta = new RandomTrading(a, 9);
        RandomTrading tb = new RandomTrading(b, 9);
        for (int i = 0; i < 1_500; i++) {
            ta.step();
            tb.step();
        }
        assertThat(a.ledger().orders()).hasSizeGreaterThan(300);
        assertThat(a.ledger()).isEqualTo(b.ledger());
        assertThat(a.account()).isEqualTo(b.account());
        assertThat(a.prices()).isEqualTo(b.prices());
        assertThat(a.activityVersion()).isEqualTo(b.activityVersion());
        assertThat(f1.all()).isEqualTo(f2.all());
        assertThat(a.clock().tradingDate()).isEqualTo(b.clock().tradingDate());
        assertThat(a.clock().time()).isEqualTo(b.clock().time());
    }

    @Test
    void differentSeedsGiveDifferentPricePaths() {
        SimMarket a = new SimMarket(config(1));
        SimMarket b = new SimMarket(config(2));
        a.advance(Duration.ofMinutes(30));
        b.advance(Duration.ofMinutes(30));
        assertThat(a.prices()).isNotEqualTo(b.prices());
    }

    @Test
    void ordersDoNotChangeThePricePath() {
        SimMarket quiet = new SimMarket(config(3));
        SimMarket busy = new SimMarket(config(3));
        RandomTrading t = new RandomTrading(busy, 4);
        for (int i = 0; i < 200; i++) {
            busy.placeOrder(Markets.limitBuy("005930", 1, busy.priceBand("005930")[0]));
        }
        quiet.advance(Duration.ofMinutes(20));
        busy.advance(Duration.ofMinutes(20));
        assertThat(busy.prices()).isEqualTo(quiet.prices());
        assertThat(t.prices()).isEqualTo(busy.prices());
    }
}
