package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.buy;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static io.execctl.sim.market.Markets.sell;
import static org.assertj.core.api.Assertions.assertThat;

/** order-cash: every acceptance and every business rejection, in both environments. */
class OrderAcceptanceTest {

    @Test
    void realAcceptanceCarriesBranchPaddedOdnoAndSessionTime() {
        SimMarket m = Markets.real();
        OrderResult.Accepted a = accepted(m.placeOrder(limitBuy("005930", 10, 70_000)));
        assertThat(a.branch()).isEqualTo("06590");
        assertThat(a.odno()).isEqualTo("0000000001");
        assertThat(a.ordTmd()).isEqualTo("090000");
        assertThat(a.msgCd()).isEqualTo("APBK0013");
        assertThat(a.msg1()).isEqualTo("주문 전송 완료 되었습니다.");
        assertThat(accepted(m.placeOrder(limitBuy("005930", 1, 70_000))).odno()).isEqualTo("0000000002");
    }

    @Test
    void paperAcceptanceNamesTheSide() {
        SimMarket m = Markets.paper();
        OrderResult.Accepted b = accepted(m.placeOrder(Markets.marketBuy("005930", 10)));
        assertThat(b.branch()).isEqualTo("00950");
        assertThat(b.msgCd()).isEqualTo("40600000");
        assertThat(b.msg1()).isEqualTo("모의투자 매수주문이 완료 되었습니다.");
        OrderResult.Accepted s = accepted(m.placeOrder(sell("005930", "01", 10, 0)));
        assertThat(s.msgCd()).isEqualTo("40600000");
        assertThat(s.msg1()).isEqualTo("모의투자 매도주문이 완료 되었습니다.");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("unknown symbol", buy("999999", "00", 1, 10_000), "APBK0656", "40070000", "해당 종목정보가 없습니다"),
                Arguments.of("unknown ORD_DVSN", buy("005930", "99", 1, 72_000), "APBK0509", "40100000", "주문구분"),
                Arguments.of(
                        "after-hours ORD_DVSN in the regular session",
                        buy("005930", "06", 1, 0),
                        "APBK0509",
                        "40100000",
                        "주문구분"),
                Arguments.of("zero quantity", limitBuy("005930", 0, 72_000), "APBK0405", "40050000", "주문수량"),
                Arguments.of("negative quantity", limitBuy("005930", -5, 72_000), "APBK0405", "40050000", "주문수량"),
                Arguments.of(
                        "market order with a price",
                        buy("005930", "01", 1, 72_000),
                        "APBK0533",
                        "40060000",
                        "주문단가를 0으로"),
                Arguments.of("off the tick grid", limitBuy("005930", 1, 72_050), "APBK0634", "40270000", "호가단위 오류입니다"),
                Arguments.of(
                        "above the upper limit",
                        limitBuy("005930", 1, 93_700),
                        "APBK0635",
                        "40280000",
                        "상/하한가 범위를 벗어났습니다"),
                Arguments.of(
                        "below the lower limit",
                        limitBuy("005930", 1, 50_300),
                        "APBK0635",
                        "40280000",
                        "상/하한가 범위를 벗어났습니다"),
                Arguments.of("limit price zero", limitBuy("005930", 1, 0), "APBK0635", "40280000", "상/하한가"),
                Arguments.of(
                        "not enough cash for a limit buy",
                        limitBuy("005930", 1_389, 72_000),
                        "APBK0918",
                        "40240000",
                        "주문가능금액을 초과 했습니다"),
                Arguments.of(
                        "market buy reserves at the upper limit",
                        marketBuy("005930", 1_069),
                        "APBK0918",
                        "40240000",
                        "주문가능금액을 초과 했습니다"),
                Arguments.of(
                        "selling what is not held",
                        sell("005930", "00", 1, 72_000),
                        "APBK0918",
                        "40250000",
                        "주문가능수량을 초과 했습니다"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithTheEnvironmentsCode(String why, PlaceOrder req, String realCode, String paperCode, String text) {
        for (KisEnv env : KisEnv.values()) {
            Markets.RecordingFeed feed = new Markets.RecordingFeed();
            SimMarket m = new SimMarket(Markets.config(env).build(), feed);
            long before = m.activityVersion();
            OrderResult r = m.placeOrder(req);
            assertThat(r).as(env + " " + why).isInstanceOf(OrderResult.Rejected.class);
            OrderResult.Rejected rej = (OrderResult.Rejected) r;
            assertThat(rej.msgCd()).as(env + " " + why).isEqualTo(env == KisEnv.PAPER ? paperCode : realCode);
            assertThat(rej.msg1()).as(env + " " + why).contains(text);
            assertThat(m.activityVersion()).as("a rejection changes nothing").isEqualTo(before);
            assertThat(m.orders(Markets.DAY)).isEmpty();
            assertThat(m.account().cash()).isEqualByComparingTo("100000000");
            assertThat(feed.all()).as("no notice for an API-level rejection").isEmpty();
        }
    }

    @Test
    void marketClosedRejectsOrdersInBothEnvironments() {
        SimMarket real = Markets.real();
        real.closeSession();
        assertThat(real.placeOrder(limitBuy("005930", 1, 72_000)))
                .isEqualTo(new OrderResult.Rejected("APBK0918", "장운영시간이 아닙니다.(주문불가)"));
        SimMarket paper = Markets.paper();
        paper.closeSession();
        OrderResult.Rejected r = (OrderResult.Rejected) paper.placeOrder(limitBuy("005930", 1, 72_000));
        assertThat(r.msgCd()).isEqualTo("40580000");
        paper.openSession();
        assertThat(paper.placeOrder(limitBuy("005930", 1, 72_000))).isInstanceOf(OrderResult.Accepted.class);
    }

    @Test
    void paperAcceptsOnlyOrdDvsn00To04() {
        for (String code : new String[] {"00", "01", "02", "03", "04"}) {
            long price = code.equals("00") || code.equals("02") ? 72_000 : 0;
            assertThat(Markets.paper().placeOrder(buy("005930", code, 1, price)))
                    .as(code)
                    .isInstanceOf(OrderResult.Accepted.class);
        }
        for (String code : new String[] {"11", "12", "13", "14", "15", "16"}) {
            long price = code.equals("11") || code.equals("12") ? 72_000 : 0;
            assertThat(Markets.paper().placeOrder(buy("005930", code, 1, price)))
                    .as(code)
                    .isEqualTo(new OrderResult.Rejected(
                            "40100000", KisMessages.ORD_DVSN_NOT_ALLOWED.message(KisEnv.PAPER)));
            assertThat(Markets.real().placeOrder(buy("005930", code, 1, price)))
                    .as("real " + code)
                    .isInstanceOf(OrderResult.Accepted.class);
        }
    }

    @Test
    void aLimitBuyJustWithinTheCashIsAccepted() {
        // 1,388 × 72,000 = 99,936,000 + commission 14,990 = 99,950,990 <= 100,000,000
        SimMarket m = Markets.real();
        assertThat(m.placeOrder(limitBuy("005930", 1_388, 72_000))).isInstanceOf(OrderResult.Accepted.class);
        // the open order holds its reservation back: a second buy of 1 share no longer fits
        m.setPrice("005930", 72_100);
        assertThat(m.placeOrder(limitBuy("005930", 1, 70_000)))
                .isEqualTo(new OrderResult.Rejected("APBK0918", "주문가능금액을 초과 했습니다"));
    }

    @Test
    void marketBuyJustWithinTheUpperLimitReservationIsAccepted() {
        // upper limit 93,600: 1,068 × 93,600 = 99,964,800 + 14,994 fee fits; 1,069 does not (see the table)
        assertThat(Markets.real().placeOrder(marketBuy("005930", 1_068))).isInstanceOf(OrderResult.Accepted.class);
    }

    @Test
    void openSellOrdersReduceTheSellableQuantity() {
        SimMarket m = Markets.real();
        accepted(m.placeOrder(marketBuy("005930", 10)));
        assertThat(Markets.holding(m, "005930").ordPsblQty()).isEqualTo(10);
        accepted(m.placeOrder(sell("005930", "00", 6, 90_000)));
        assertThat(Markets.holding(m, "005930").ordPsblQty()).isEqualTo(4);
        assertThat(m.placeOrder(sell("005930", "00", 5, 90_000)))
                .isEqualTo(new OrderResult.Rejected("APBK0918", "주문가능수량을 초과 했습니다"));
        assertThat(m.placeOrder(sell("005930", "00", 4, 90_000))).isInstanceOf(OrderResult.Accepted.class);
    }

    @Test
    void htsOrdersFollowTheSameRules() {
        SimMarket m = Markets.real();
        OrderResult r = m.placeOrder(new PlaceOrder("005930", Side.BUY, "00", 3, 72_000, Source.HTS));
        assertThat(Markets.order(m, accepted(r).odno()).source()).isEqualTo(Source.HTS);
        assertThat(m.placeOrder(new PlaceOrder("005930", Side.BUY, "00", 3, 72_050, Source.HTS)))
                .isInstanceOf(OrderResult.Rejected.class);
    }
}
