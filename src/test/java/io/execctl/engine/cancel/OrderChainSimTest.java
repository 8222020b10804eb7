package io.execctl.engine.cancel;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderChains;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator modifies our order in HTS ({@code POST /sim/external-revise}): the modify row is linked
 * to our order (source REVISION, never EXTERNAL), its fills stay on its own ODNO, and the intent
 * reaches FILLED over the chain; the kill switch follows the chain to the live ODNO.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderChainSimTest {
    CancelFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = new CancelFixture(dir, false);
    }

    @BeforeEach
    void clear() {
        f.clear();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void anHtsModifyIsLinkedToOurOrderAndTheIntentReachesFilledOverTheChain() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        String modifyOdno = htsRevise("modify", o.key().odno(), 70500);
        OrderKey m = OrderKey.of(o.accountId(), o.key().orderDate(), modifyOdno);

        // what OrderOwnership's Linked verdict writes for a modify row of an order we hold
        OrderStore.of(f.jdbi)
                .upsert(
                        new Order(
                                m,
                                null,
                                null,
                                o.branch(),
                                o.key().odno(),
                                o.symbol(),
                                o.side(),
                                OrderType.LMT,
                                10,
                                new BigDecimal("70500"),
                                0,
                                10,
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.SUBMITTED,
                                OrderSource.REVISION,
                                null,
                                Instant.now(),
                                Instant.now()),
                        null);
        FillApplier fills = new FillApplier(new OrderTx(f.jdbi), Clock.systemUTC());
        // the original's quantity moved to the modify: the original reads CANCELLED, the intent does not
        fills.applySnapshot(o.key(), totals(o.key().odno()), true);
        assertThat(OrderStore.of(f.jdbi).findByKey(o.key()).orElseThrow().status())
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(f.intentStatus(o.intentId())).isEqualTo("SUBMITTED");

        f.sim.broker().setPrice("005930", 70500);
        assertThat(f.broker(modifyOdno).filledQty()).isEqualTo(10);
        fills.applySnapshot(m, totals(modifyOdno), true);

        assertThat(OrderStore.of(f.jdbi).findByKey(m).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(OrderStore.of(f.jdbi).findByKey(o.key()).orElseThrow().filledQty())
                .isZero();
        assertThat(f.intentStatus(o.intentId())).isEqualTo("FILLED");
        Map<String, Object> chain = f.jdbi.withHandle(h -> h.createQuery(
                        "SELECT orders, filled_qty, live_orders FROM trade.intent_chain_v WHERE intent_id = :id")
                .bind("id", o.intentId())
                .mapToMap()
                .one());
        assertThat(chain).containsEntry("orders", 2L).containsEntry("live_orders", 0L);
        assertThat(((Number) chain.get("filled_qty")).longValue()).isEqualTo(10);
        assertThat(OrderChains.of(f.jdbi).ofIntent(o.intentId()))
                .extracting(x -> x.key().odno())
                .containsExactly(o.key().odno(), modifyOdno);
    }

    @Test
    void theKillSwitchFollowsAModifyChainToTheLiveOdno() throws Exception {
        Order o = f.buy("005930", 10, "LMT", "71000");
        String first = htsRevise("modify", o.key().odno(), 70500);
        String live = htsRevise("modify", first, 70000); // a chain of two; nothing linked in our tables

        KillReport r = f.killSwitch(CancelFixture.OPTIONS).run(KillSwitch.Selection.of(o.key()));

        assertThat(r.allClosed()).as(r.toString()).isTrue();
        assertThat(r.lines()).anySatisfy(l -> {
            assertThat(l.odno()).isEqualTo(live);
            assertThat(l.via()).startsWith("modify of");
        });
        assertThat(f.broker(live).status()).isEqualTo("CANCELLED");
        assertThat(f.broker(live).cancelledQty()).isEqualTo(10);
        assertThat(f.cancelsOf(live)).hasSize(1);
    }

    private BrokerTotals totals(String odno) {
        DailyOrderRow r = f
                .client
                .dailyOrders(DailyOrderQuery.narrow(KoreaTime.tradingDate(Instant.now()), "005930", Side.BUY))
                .orders()
                .rows()
                .stream()
                .filter(x -> OrderKey.normalizeOdno(x.odno()).equals(odno))
                .findFirst()
                .orElseThrow();
        return new BrokerTotals(r.ordQty(), r.totCcldQty(), r.totCcldAmt(), r.rmnQty(), r.cnclCfrmQty(), r.rjctQty());
    }

    private String htsRevise(String action, String origOdno, long price) throws Exception {
        return f.htsRevise(action, origOdno, price);
    }
}
