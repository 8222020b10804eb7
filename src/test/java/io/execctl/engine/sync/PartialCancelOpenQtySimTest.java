package io.execctl.engine.sync;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.cancel.CancelCounters;
import io.execctl.engine.cancel.PartialCanceller;
import io.execctl.engine.cancel.PartialResult;
import io.execctl.engine.notice.NoticeAction;
import io.execctl.engine.notice.NoticeCommand;
import io.execctl.engine.notice.NoticeWriter;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.CancelledQuantity;
import io.execctl.store.FillApplier;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confirmed partial cancel lowers the original's {@code open_qty} (issue 14's gap: it stayed at
 * {@code qty - filled_qty}) — by the cancel notice ({@code OODER_NO} = the original), by daily-ccld
 * ({@code cncl_cfrm_qty}, the cancel row's {@code orgn_odno}) and by the open-orders list — once, however
 * many of them confirm it; fills that then take the rest end the order CANCELLED_PARTIAL. Strict
 * simulator (real mode) and PostgreSQL.
 */
class PartialCancelOpenQtySimTest {
    static final Duration LAG = Duration.ofSeconds(30);
    static SyncFixture f;
    static final AtomicLong frame = new AtomicLong();

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.REAL, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.reset();
    }

    private SyncParts parts() {
        return new SyncParts(
                f.jdbi,
                BrokerInquiries.of(f.client),
                SyncFixture.ACCOUNT,
                PgOrderOwnership.create(f.jdbi, new LoggingAlerter()),
                LAG,
                f.clock,
                f.counters);
    }

    private PartialResult cancel(OrderKey o, long qty) {
        return new PartialCanceller(
                        f.client, f.jdbi, Incarnation.start(), JournalPolicy.defaults(), CancelCounters.NONE)
                .cancel(o, qty, UUID.randomUUID());
    }

    private NoticeWriter writer() {
        return new NoticeWriter(f.jdbi, new FillApplier(new OrderTx(f.jdbi), f.clock), f.clock);
    }

    /** The broker's cancel row (RVSE_CNCL_DVSN 02) of {@code o}: its ODNO. */
    private String cancelOdnoOf(OrderKey o) {
        return f.sim.broker().ledger().orders().stream()
                .filter(x -> x.rvseCnclDvsn().equals("02"))
                .filter(x -> !x.origOdno().isEmpty()
                        && OrderKey.normalizeOdno(x.origOdno()).equals(o.odno()))
                .map(OrderRecord::odno)
                .findFirst()
                .orElseThrow();
    }

    private static NoticeCommand notice(OrderKey key, NoticeAction action, long qty, String odno, String orig) {
        return new NoticeCommand(
                key,
                action,
                new NoticeReceipt("cancel-open-qty", frame.incrementAndGet(), 0),
                f.clock.instant(),
                qty,
                new BigDecimal("71000"),
                odno,
                orig,
                "005930",
                Side.BUY,
                "00",
                10,
                new BigDecimal("71000"),
                f.clock.instant(),
                0);
    }

    @Test
    void aConfirmedPartialCancelLowersOpenQtyOnceByNoticeAndRestAndTheFillsOfTheRestEndItCancelledPartial() {
        OrderKey o = f.buy("005930", 10, "LMT", "71000");
        assertThat(cancel(o, 3).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        String cancelOdno = cancelOdnoOf(o);
        NoticeWriter w = writer();

        // the cancel's notice, twice (a replay after a reconnect)
        w.writeOne(notice(o, NoticeAction.CANCEL_CONFIRMED, 3, cancelOdno, o.odno()));
        w.writeOne(notice(o, NoticeAction.CANCEL_CONFIRMED, 3, cancelOdno, o.odno()));
        assertThat(f.order(o).openQty()).isEqualTo(7);
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.SUBMITTED);

        // REST confirms the same cancel: daily-ccld (cncl_cfrm_qty 3 and the cancel row), open-orders
        new FillsSync(parts()).run();
        new UnfilledSync(parts()).run();
        new FillsSync(parts()).run();
        assertThat(f.order(o).openQty())
                .as("confirmed by notice and REST: counted once")
                .isEqualTo(7);
        assertThat(new CancelledQuantity(f.jdbi, f.clock).of(o)).isEqualTo(3);
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.SUBMITTED);
        OrderKey cancelRow = OrderKey.of(o.accountId(), o.orderDate(), cancelOdno);
        assertThat(OrderStore.of(f.jdbi).findByKey(cancelRow).orElseThrow().source())
                .isEqualTo(OrderSource.REVISION);

        // the rest (7) fills; its notices alone close the order: fills 7 + cancelled 3 = 10
        f.sim.broker().setPrice("005930", 71000);
        assertThat(f.broker(o).filledQty()).isEqualTo(7);
        for (OrderRecord.Execution e : f.broker(o).executions()) {
            w.writeOne(notice(o, NoticeAction.FILL, e.qty(), o.odno(), ""));
        }
        assertThat(f.order(o).filledQty()).isEqualTo(7);
        assertThat(f.order(o).openQty()).isZero();
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(intentStatus(o)).isEqualTo("CANCELLED");

        // the REST totals agree (final: 7 executed, 3 cancelled); nothing moves
        new FillsSync(parts()).run();
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(f.order(o).filledQty()).isEqualTo(7);
    }

    @Test
    void restAloneLowersOpenQtyAndAFillAfterwardsKeepsItNetOfTheCancel() {
        OrderKey o = f.buy("005930", 10, "LMT", "71000");
        assertThat(cancel(o, 4).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);

        new UnfilledSync(parts()).run(); // open-orders: ord 10, ccld 0, psbl 6
        assertThat(f.order(o).openQty()).isEqualTo(6);
        new FillsSync(parts()).run(); // daily-ccld: cncl_cfrm_qty 4 and the cancel row
        assertThat(f.order(o).openQty()).isEqualTo(6);

        // a fill notice of 2 (FillApplier's own open quantity write stays net of the cancel)
        writer().writeOne(notice(o, NoticeAction.FILL, 2, o.odno(), ""));
        assertThat(f.order(o).filledQty()).isEqualTo(2);
        assertThat(f.order(o).openQty()).isEqualTo(4);
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.PARTIAL);
    }

    @Test
    void aCancelOfEverythingLeftConfirmedByNoticeEndsTheOrderCancelled() {
        OrderKey o = f.buy("005930", 10, "LMT", "71000");
        assertThat(cancel(o, 4).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        String first = cancelOdnoOf(o);
        NoticeWriter w = writer();
        w.writeOne(notice(o, NoticeAction.CANCEL_CONFIRMED, 4, first, o.odno()));
        assertThat(f.order(o).openQty()).isEqualTo(6);

        // the second partial cancel takes the remaining 6: open 0 with nothing filled → CANCELLED
        assertThat(cancel(o, 6).outcome()).isEqualTo(PartialResult.Outcome.CANCELLED);
        String second = f.sim.broker().ledger().orders().stream()
                .filter(x -> x.rvseCnclDvsn().equals("02")
                        && !OrderKey.normalizeOdno(x.odno()).equals(first))
                .map(OrderRecord::odno)
                .findFirst()
                .orElseThrow();
        assertThat(w.writeOne(notice(o, NoticeAction.CANCEL_CONFIRMED, 6, second, o.odno())))
                .isEqualTo(NoticeWriter.Result.APPLIED);

        assertThat(f.order(o).openQty()).isZero();
        assertThat(f.order(o).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(intentStatus(o)).isEqualTo("CANCELLED");
    }

    private static String intentStatus(OrderKey key) {
        return f.jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT i.status FROM trade.order_intents i JOIN trade.orders o ON o.intent_id = i.intent_id
                         WHERE o.order_id = :id""").bind("id", key.orderId()).mapTo(String.class).one());
    }
}
