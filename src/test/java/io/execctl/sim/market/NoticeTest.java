package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.market.Markets.accepted;
import static io.execctl.sim.market.Markets.buy;
import static io.execctl.sim.market.Markets.limitBuy;
import static io.execctl.sim.market.Markets.marketBuy;
import static org.assertj.core.api.Assertions.assertThat;

/** The H0STCNI0 records the market hands to the NoticeFeed: which, in what order, with which fields. */
class NoticeTest {
    private static final String BR = "06590";

    @Test
    void orderCancelModifyAndFillNoticesInKisOrderWithTheirFields() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        String orig = accepted(m.placeOrder(limitBuy("005930", 10, 71_000))).odno();
        String cancel = accepted(m.reviseOrCancel(Markets.cancel(BR, orig, 4))).odno();
        String modify = accepted(m.reviseOrCancel(Markets.modifyAll(BR, orig, "00", 71_500)))
                .odno();
        m.setPrice("005930", 71_500);

        List<ExecutionNotice> n = feed.all();
        assertThat(n).hasSize(4);

        ExecutionNotice ack = n.get(0);
        assertThat(ack.fields26())
                .containsExactly(
                        "demo",
                        "5000000101",
                        orig,
                        "",
                        "02",
                        "0",
                        "00",
                        "0",
                        "005930",
                        "0000000010",
                        "0000071000",
                        "090000",
                        "0",
                        "1",
                        "1",
                        BR,
                        "0000000010",
                        "데모계좌",
                        "",
                        "1",
                        "Y",
                        "",
                        "10",
                        "",
                        "삼성전자",
                        "0000071000");

        ExecutionNotice c = n.get(1);
        assertThat(c.oderNo()).isEqualTo(cancel);
        assertThat(c.ooderNo()).isEqualTo(orig);
        assertThat(c.rctfCls()).isEqualTo("2");
        assertThat(c.cntgYn()).isEqualTo("1");
        assertThat(c.acptYn()).isEqualTo("2");
        assertThat(c.rfusYn()).isEqualTo("0");
        assertThat(c.cntgQty()).isEqualTo("0000000004");
        assertThat(c.cntgUnpr()).isEqualTo("0000000000");
        assertThat(c.oderPrc()).isEqualTo("0000000000");

        ExecutionNotice mo = n.get(2);
        assertThat(mo.oderNo()).isEqualTo(modify);
        assertThat(mo.ooderNo()).isEqualTo(orig);
        assertThat(mo.rctfCls()).isEqualTo("1");
        assertThat(mo.cntgYn()).isEqualTo("1");
        assertThat(mo.acptYn()).isEqualTo("2");
        assertThat(mo.cntgQty()).isEqualTo("0000000006");
        assertThat(mo.cntgUnpr()).isEqualTo("0000071500");

        ExecutionNotice fill = n.get(3);
        assertThat(fill.oderNo()).isEqualTo(modify);
        assertThat(fill.ooderNo()).isEqualTo(orig);
        assertThat(fill.cntgYn()).isEqualTo("2");
        assertThat(fill.rfusYn()).isEqualTo("0");
        assertThat(fill.cntgQty()).isEqualTo("0000000006");
        assertThat(fill.cntgUnpr()).isEqualTo("0000071500");
        assertThat(fill.oderQty()).isEqualTo("0000000006");
        assertThat(fill.stckCntgHour()).isEqualTo("090000");
    }

    @Test
    void marketOrderAckComesBeforeOneNoticePerExecution() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.PAPER).seed(2).build(), feed);
        String odno = accepted(m.placeOrder(marketBuy("000660", 30))).odno();
        List<ExecutionNotice> n = feed.all();
        assertThat(n.get(0).cntgYn()).isEqualTo("1");
        assertThat(n.get(0).cntgQty()).isEqualTo("0000000030");
        assertThat(n.get(0).cntgUnpr()).isEqualTo("0000000000");
        assertThat(n.get(0).oderKind()).isEqualTo("01");
        assertThat(n.get(0).brncNo()).isEqualTo("00950");
        List<ExecutionNotice> fills = n.subList(1, n.size());
        assertThat(fills).isNotEmpty().allSatisfy(f -> {
            assertThat(f.cntgYn()).isEqualTo("2");
            assertThat(f.oderNo()).isEqualTo(odno);
        });
        assertThat(fills.stream().mapToLong(f -> Long.parseLong(f.cntgQty())).sum())
                .isEqualTo(30);
        List<OrderRecord.Execution> ex = Markets.order(m, odno).executions();
        assertThat(fills).hasSameSizeAs(ex);
        for (int i = 0; i < ex.size(); i++) {
            assertThat(Long.parseLong(fills.get(i).cntgQty()))
                    .isEqualTo(ex.get(i).qty());
            assertThat(Long.parseLong(fills.get(i).cntgUnpr()))
                    .isEqualTo(ex.get(i).price());
        }
    }

    @Test
    void iocRemainderIsCancelledByTheExchangeWithAcptYn3() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).maxStepVolume(0).build(), feed);
        String odno = accepted(m.placeOrder(buy("005930", "11", 10, 72_000))).odno();
        assertThat(feed.all()).hasSize(2);
        ExecutionNotice x = feed.all().get(1);
        assertThat(x.oderNo()).isEqualTo(odno);
        assertThat(x.cntgYn()).isEqualTo("1");
        assertThat(x.acptYn()).isEqualTo("3");
        assertThat(x.cntgQty()).isEqualTo("0000000010");
    }

    @Test
    void htsOrdersProduceTheSameNoticesAndRejectionsNone() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        accepted(m.placeOrder(new PlaceOrder("035420", Side.BUY, "00", 2, 200_000, Source.HTS)));
        assertThat(feed.all()).singleElement().satisfies(x -> {
            assertThat(x.stckShrnIscd()).isEqualTo("035420");
            assertThat(x.cntgIsnm40()).isEqualTo("NAVER");
            assertThat(x.cntgYn()).isEqualTo("1");
        });
        m.placeOrder(limitBuy("035420", 2, 200_100));
        m.reviseOrCancel(Markets.cancelAll(BR, "0000000077"));
        assertThat(feed.all()).hasSize(1);
    }

    @Test
    void aConditionalOrderTheCashCannotCoverAtTheCloseIsRefusedWithRfusYn1() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        String cond = accepted(m.placeOrder(buy("005930", "02", 1_000, 70_000))).odno(); // holds back 70,010,500
        accepted(m.placeOrder(marketBuy("000660", 120))); // about 21.6 M spent
        m.setPrice("005930", 80_000); // 80 M needed now
        feed.clear();
        m.closeSession();
        assertThat(feed.all()).singleElement().satisfies(x -> {
            assertThat(x.oderNo()).isEqualTo(cond);
            assertThat(x.rfusYn()).isEqualTo("1");
            assertThat(x.cntgYn()).isEqualTo("1");
            assertThat(x.cntgQty()).isEqualTo("0000001000");
            assertThat(x.cntgUnpr()).isEqualTo("0000070000");
        });
        OrderRecord o = Markets.order(m, cond);
        assertThat(o.status()).isEqualTo("EXPIRED");
        assertThat(o.filledQty()).isZero();
    }

    @Test
    void bothLayoutsCarryTheSameLeadingFieldsAndTheOrderPriceLast() {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), feed);
        accepted(m.placeOrder(limitBuy("005930", 3, 71_000)));
        ExecutionNotice x = feed.all().get(0);
        assertThat(x.fields26()).hasSize(26);
        assertThat(x.fields23()).hasSize(23);
        assertThat(x.fields23().subList(0, 18)).isEqualTo(x.fields26().subList(0, 18));
        assertThat(x.fields23().get(22)).isEqualTo("0000071000");
    }

    @Test
    void aFailingFeedIsCountedAndTheMarketCarriesOn() {
        SimMarket m = new SimMarket(Markets.config(KisEnv.REAL).build(), notice -> {
            throw new IllegalStateException("socket gone");
        });
        String odno = accepted(m.placeOrder(marketBuy("005930", 5))).odno();
        assertThat(Markets.order(m, odno).status()).isEqualTo("FILLED");
        assertThat(m.feedFailures()).isGreaterThanOrEqualTo(2);
    }
}
