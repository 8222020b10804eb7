package io.execctl.sim.market;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The interface's default {@code startDay} (by advancing) agrees with the market's direct jump. */
class SimBrokerDefaultsTest {

    @Test
    void defaultStartDayAdvancesToNineOnTheDateAndOpens() {
        SimMarket market = Markets.real();
        SimBroker viaDefault = new Delegate(market);
        String odno = accepted(market.placeOrder(limitBuy("005930", 1, 70_000))).odno();
        market.closeSession();
        market.openSession();
        market.advance(Duration.ofHours(3));
        viaDefault.startDay(Markets.DAY.plusDays(2));
        assertThat(market.clock().tradingDate()).isEqualTo(Markets.DAY.plusDays(2));
        assertThat(market.clock().time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(market.clock().marketOpen()).isTrue();
        assertThat(Markets.order(
                                market,
                                accepted(market.placeOrder(limitBuy("005930", 1, 70_000)))
                                        .odno())
                        .odno())
                .isEqualTo("0000000001");
        assertThat(market.orders(Markets.DAY)).singleElement().satisfies(o -> {
            assertThat(o.odno()).isEqualTo(odno);
            assertThat(o.status()).isEqualTo("EXPIRED");
        });
        assertThatIllegalArgumentException().isThrownBy(() -> viaDefault.startDay(Markets.DAY.plusDays(2)));
    }

    @Test
    void marketStartDayMatchesTheDefaultOnTheSessionState() {
        SimMarket direct = Markets.real();
        SimMarket stepped = Markets.real();
        direct.startDay(Markets.DAY.plusDays(1));
        new Delegate(stepped).startDay(Markets.DAY.plusDays(1));
        assertThat(direct.clock().tradingDate()).isEqualTo(stepped.clock().tradingDate());
        assertThat(direct.clock().time()).isEqualTo(stepped.clock().time());
        assertThat(direct.clock().marketOpen()).isEqualTo(stepped.clock().marketOpen());
    }

    /** Everything but startDay delegated, so the interface default runs. */
    private record Delegate(SimBroker m) implements SimBroker {
        public OrderResult placeOrder(PlaceOrder req) {
            return m.placeOrder(req);
        }

        public OrderResult reviseOrCancel(ReviseCancel req) {
            return m.reviseOrCancel(req);
        }

        public List<OrderRecord> orders(LocalDate d) {
            return m.orders(d);
        }

        public List<HoldingRecord> holdings() {
            return m.holdings();
        }

        public AccountSummary account() {
            return m.account();
        }

        public long activityVersion() {
            return m.activityVersion();
        }

        public SessionClock clock() {
            return m.clock();
        }

        public void openSession() {
            m.openSession();
        }

        public void closeSession() {
            m.closeSession();
        }

        public void advance(Duration d) {
            m.advance(d);
        }

        public void setPrice(String symbol, long price) {
            m.setPrice(symbol, price);
        }

        public Map<String, Long> prices() {
            return m.prices();
        }

        public LedgerSnapshot ledger() {
            return m.ledger();
        }

        public void reset() {
            m.reset();
        }
    }
}
