package io.execctl.engine.notice;

import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.domain.TradingDate;
import io.execctl.sim.SimOptions;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.WsFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notice fast path end to end: the strict simulator sends real AES-encrypted notices over its
 * WebSocket, the real client decodes and stamps them, the pipeline routes, parks and applies them on
 * PostgreSQL; after each scenario {@code trade.orders}/{@code trade.fills} are compared with the
 * simulator's ledger ({@code /sim/ledger}).
 */
class NoticePipelineSimTest {
    private static final String SYMBOL = "005930";

    private static NoticeFixture f;

    @BeforeAll
    static void setUp(@TempDir Path rateDir) {
        f = new NoticeFixture(rateDir, NoticePipeline.Options.defaults());
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @AfterEach
    void noFaults() {
        f.noFaults();
    }

    @Test
    void partialFillsOfAKnownOrderThenTheRestAgreeWithTheLedgerAndFinishTheIntent() throws Exception {
        long p = f.price(SYMBOL);
        long accepted = f.metrics.notices(NoticeAction.ACCEPTED);
        OrderKey key = f.placeLimit(SYMBOL, 30, p - 1000); // rests below the market
        UUID intent = f.record(key, SYMBOL, OrderType.LMT, 30, p - 1000);
        await().atMost(NoticeFixture.WAIT).until(() -> f.metrics.notices(NoticeAction.ACCEPTED) > accepted);
        assertThat(f.order(key).status()).isEqualTo(OrderStatus.SUBMITTED);

        // a second order fills in part first: a marketable limit takes what the step offers
        OrderKey big = f.placeLimit("068270", 5_000, f.price("068270") + 1000);
        f.record(big, "068270", OrderType.LMT, 5_000, f.price("068270") + 1000);
        f.sim.broker().advance(Duration.ofSeconds(3));
        f.awaitFilled(big);
        f.drain();
        OrderRecord partial = f.ledger(big);
        assertThat(partial.filledQty()).as("partly filled").isBetween(1L, 4_999L);
        assertThat(f.order(big).status()).isEqualTo(OrderStatus.PARTIAL);
        f.assertAgreesWithLedger(big);

        f.sim.broker().setPrice(SYMBOL, p - 1000); // crosses the resting order: it fills in full
        f.awaitFilled(key);
        f.drain();
        f.assertAgreesWithLedger(key);
        assertThat(f.order(key).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.intentStatus(intent)).isEqualTo("FILLED");
        assertThat(f.count("SELECT count(*) FROM trade.outbox WHERE event_type = 'FILL'"))
                .isEqualTo(f.count("SELECT count(*) FROM trade.fills"));
        assertThat(f.metrics.fillSamples()).isPositive();
        assertThat(f.count("SELECT count(*) FROM trade.broker_messages WHERE channel = 'WS'"))
                .as("every frame audited")
                .isPositive();
    }

    @Test
    void noticesBeforeTheOrderAnswerAreParkedThenAppliedWithTheOrderRow() throws Exception {
        // the market order executes at once: its notices race the answer; ownership says Pending (ours)
        long p = f.price(SYMBOL);
        OrderKey key = nextKey();
        OrderKey placed = f.placeMarket(SYMBOL, 40);
        assertThat(placed).isEqualTo(key);
        long unparked = f.metrics.unparkedCount();
        String parkedOfKey = "SELECT count(*) FROM trade.parked_notices WHERE resolved_ts IS NULL AND kis_order_no = '"
                + key.odno() + "'";
        await().atMost(NoticeFixture.WAIT)
                .until(() ->
                        f.count(parkedOfKey) == 1 + f.ledger(key).executions().size());
        assertThat(f.ownership.asked).anySatisfy(s -> assertThat(s.key()).isEqualTo(key));
        assertThat(f.live(key).qty()).isZero();

        UUID intent = f.record(key, SYMBOL, OrderType.MKT, 40, null);
        f.assertAgreesWithLedger(key);
        assertThat(f.order(key).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.intentStatus(intent)).isEqualTo("FILLED");
        assertThat(f.count(parkedOfKey)).isZero();
        assertThat(f.metrics.unparkedCount() - unparked)
                .isEqualTo(1 + f.ledger(key).executions().size());
        assertThat(p).isPositive();
    }

    @Test
    void duplicatedAndReorderedNoticesConvergeOnTheBrokerTotals() throws Exception {
        f.sim.wsServer().setFaults(new WsFaults(0, 1.0, 0, 0, 0, 0)); // every notice sent twice
        long fills = f.metrics.notices(NoticeAction.FILL);
        long surplus = f.count("SELECT count(*) FROM trade.fills WHERE voided AND void_reason LIKE 'SURPLUS%'");
        long heldBefore = f.metrics.heldCount();
        OrderKey dup = f.placeMarket(SYMBOL, 50);
        f.record(dup, SYMBOL, OrderType.MKT, 50, null);
        long executions = f.ledger(dup).executions().size();
        await().atMost(NoticeFixture.WAIT).until(() -> f.metrics.notices(NoticeAction.FILL) - fills == 2 * executions);
        f.drain();
        // two frames, two receipts: within the order quantity a duplicate is indistinguishable from a
        // second fill until final totals; one that would pass the quantity is held, never applied
        String heldOfDup = "SELECT count(*) FROM trade.held_notices WHERE order_id = '" + dup.orderId() + "'";
        long held = f.count(heldOfDup);
        assertThat(held).isPositive();
        assertThat(f.metrics.heldCount() - heldBefore).isEqualTo(held);
        assertThat(f.live(dup).qty()).isLessThanOrEqualTo(50);
        assertThat(f.order(dup).status()).isNotEqualTo(OrderStatus.ERROR);
        // the broker's final totals (the REST sync's job) void the repeats as SURPLUS and decide the held
        f.applier.applySnapshot(dup, f.totals(dup), true);
        f.assertAgreesWithLedger(dup);
        assertThat(f.order(dup).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.count(heldOfDup + " AND resolved_ts IS NULL")).isZero();
        // every execution's extra copy is either a voided surplus row or a held duplicate
        assertThat(f.count("SELECT count(*) FROM trade.fills WHERE voided AND void_reason LIKE 'SURPLUS%'")
                        - surplus
                        + f.count(heldOfDup + " AND resolution = 'DUPLICATE'"))
                .isEqualTo(executions);

        f.sim.wsServer().setFaults(new WsFaults(0, 0, 1.0, 0, 0, 0)); // every notice held back behind the next
        OrderKey reordered = f.placeMarket("000660", 60);
        f.record(reordered, "000660", OrderType.MKT, 60, null);
        f.awaitFilled(reordered);
        f.drain();
        f.assertAgreesWithLedger(reordered);
    }

    @Test
    void droppedNoticesAreNeverCountedTwiceAndTheSyncCompletesThem() throws Exception {
        f.sim.wsServer().setFaults(new WsFaults(0.5, 0, 0, 0, 0, 0));
        OrderKey key = f.placeMarket(SYMBOL, 90);
        f.record(key, SYMBOL, OrderType.MKT, 90, null);
        f.sim.wsServer().setFaults(WsFaults.NONE);
        OrderKey marker = f.placeMarket("035420", 1); // a later notice: everything before it was handled
        f.record(marker, "035420", OrderType.MKT, 1, null);
        f.awaitFilled(marker);
        f.drain();
        assertThat(f.live(key).qty())
                .as("never above the broker")
                .isLessThanOrEqualTo(f.ledger(key).filledQty());
        // the REST gap-fill (sync fills) infers what was dropped
        f.applier.applySnapshot(key, f.totals(key), true);
        f.assertAgreesWithLedger(key);
    }

    @Test
    void otherAccountsNoticesAreRecordedAndIgnored() throws Exception {
        long p = f.price(SYMBOL);
        OrderKey key = f.placeLimit(SYMBOL, 10, p - 1000);
        f.record(key, SYMBOL, OrderType.LMT, 10, p - 1000);
        long framesBefore = f.count("SELECT count(*) FROM trade.broker_messages WHERE channel = 'WS'");
        // same HTS id, same ODNO, another account: a fill that must not touch our order
        long others = f.metrics.otherAccountCount();
        f.sim.wsServer().publish(otherAccountFill(key.odno()));
        await().atMost(NoticeFixture.WAIT).until(() -> f.metrics.otherAccountCount() == others + 1);
        f.drain();
        assertThat(f.live(key).qty()).isZero();
        assertThat(f.order(key).status()).isEqualTo(OrderStatus.SUBMITTED);
        await().atMost(NoticeFixture.WAIT)
                .until(() -> f.count("SELECT count(*) FROM trade.broker_messages WHERE channel = 'WS'") > framesBefore);
    }

    @Test
    void anExchangeRefusalAfterAcceptanceEndsOrderAndIntentRejected() throws Exception {
        f.sim.setFaults(Faults.parse("{\"exchange_refuse_rate\":1}"));
        long p = f.price(SYMBOL);
        OrderKey key = f.placeLimit(SYMBOL, 10, p - 1000);
        UUID intent = f.record(key, SYMBOL, OrderType.LMT, 10, p - 1000);
        await().atMost(NoticeFixture.WAIT).until(() -> f.order(key).status() == OrderStatus.REJECTED);
        assertThat(f.intentStatus(intent)).isEqualTo("REJECTED");
        assertThat(f.metrics.notices(NoticeAction.REFUSED)).isPositive();
        assertThat(f.ledger(key).rejectedQty()).isEqualTo(10);
    }

    @Test
    void aCancelConfirmationIsRoutedByOoderNoToTheOrderItCancels() throws Exception {
        long p = f.price(SYMBOL);
        OrderKey key = f.placeLimit(SYMBOL, 10, p - 1000);
        UUID intent = f.record(key, SYMBOL, OrderType.LMT, 10, p - 1000);
        f.cancel(key);
        await().atMost(NoticeFixture.WAIT).until(() -> f.order(key).status() == OrderStatus.CANCELLED);
        assertThat(f.intentStatus(intent)).isEqualTo("CANCELLED");
        assertThat(f.order(key).openQty()).isZero();
    }

    @Test
    void corruptFramesAreCountedKeptInTheAuditAndTheStreamGoesOn() throws Exception {
        long errors = f.metrics.decodeErrors();
        f.sim.wsServer().setFaults(new WsFaults(0, 0, 0, 1.0, 0, 0));
        OrderKey lost = f.placeMarket(SYMBOL, 20);
        f.record(lost, SYMBOL, OrderType.MKT, 20, null);
        await().atMost(NoticeFixture.WAIT).until(() -> f.metrics.decodeErrors() >= errors + 2);
        f.sim.wsServer().setFaults(WsFaults.NONE);
        OrderKey after = f.placeMarket("000660", 20);
        f.record(after, "000660", OrderType.MKT, 20, null);
        f.awaitFilled(after);
        f.drain();
        f.assertAgreesWithLedger(after);
        assertThat(f.live(lost).qty()).isZero();
        f.audit.flush(NoticeFixture.WAIT);
        assertThat(f.count("SELECT count(*) FROM trade.broker_messages WHERE channel = 'WS' AND payload LIKE '1|%'"))
                .as("corrupt frames kept raw")
                .isGreaterThanOrEqualTo(f.metrics.decodeErrors());
    }

    @Test
    void anExternalOrderIsLookedUpOverRestRecordedAndItsFillsApplied() throws Exception {
        f.ownership.external.add(nextKey().odno());
        OrderResult r = f.sim.broker().placeOrder(new PlaceOrder(SYMBOL, Side.BUY, "01", 15, 0, Source.HTS));
        assertThat(r).isInstanceOf(OrderResult.Accepted.class);
        String odno = ((OrderResult.Accepted) r).odno();
        OrderKey key = OrderKey.of(NoticeFixture.ACCOUNT, TradingDate.today(f.clock), odno);
        await().atMost(NoticeFixture.WAIT)
                .until(() -> f.live(key).qty() == f.ledger(key).filledQty());
        assertThat(f.order(key).source()).isEqualTo(OrderSource.EXTERNAL);
        assertThat(f.ownership.asked)
                .as("the notice sighting first, then the REST one")
                .anySatisfy(s -> assertThat(s.channel().name()).isEqualTo("DAILY_CCLD"));
        f.drain();
        f.assertAgreesWithLedger(key);
    }

    private OrderKey nextKey() {
        long max = f.sim.broker().ledger().orders().stream()
                .mapToLong(o -> Long.parseLong(o.odno()))
                .max()
                .orElse(0);
        return OrderKey.of(NoticeFixture.ACCOUNT, TradingDate.today(f.clock), String.valueOf(max + 1));
    }

    private static ExecutionNotice otherAccountFill(String odno) {
        return new ExecutionNotice(
                SimOptions.DEMO_HTS_ID,
                "5000000202",
                odno,
                "",
                "02",
                "0",
                "00",
                "0",
                SYMBOL,
                "0000000005",
                "0000071000",
                "093000",
                "0",
                "2",
                "2",
                "00950",
                "0000000010",
                "OTHER",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "0000071000");
    }
}
