package io.execctl.engine.ownership;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderTx;
import io.execctl.store.SendPermit;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam between the ownership decision (which writes a cancel/modify row as REVISION when it links
 * it) and the intent's chain status (which counts a REVISION row as live only when it has an open
 * quantity): a modify row written by the real {@code Linked} verdict must keep its intent open while
 * the original reads CANCELLED, and a cancel row must not.
 */
class LinkedModifyChainTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    Jdbi jdbi;
    PgOrderOwnership ownership;
    PgOrderOwnershipTest t;
    FillApplier fills;

    @BeforeEach
    void setUp() {
        t = new PgOrderOwnershipTest();
        t.jdbi = DB.jdbi();
        jdbi = t.jdbi;
        jdbi.useHandle(
                h -> h.execute(
                        "TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.submissions, trade.outbox, "
                                + "trade.intent_outcomes, trade.order_intents, trade.held_notices, trade.order_cancel_confirms"));
        ownership = new PgOrderOwnership(
                jdbi, Clock.systemUTC(), Duration.ofSeconds(2), new LoggingAlerter(), ParkedNoticeReplay.NONE);
        fills = new FillApplier(new OrderTx(jdbi), Clock.systemUTC());
    }

    /** Our order of 10 (adopted), and a revision of it seen on {@code channel}. */
    private BrokerOrderSighting[] ourOrderAndRevision(boolean cancel) {
        SendPermit p = t.unknownBuy("005930", 10);
        BrokerOrderSighting ours = t.buy(p.tradingDate(), "0000000201", "005930", 10, Instant.now());
        assertThat(ownership.decideWithInquiry(ours, List.of(ours))).isInstanceOf(OwnershipVerdict.Adopted.class);
        BrokerOrderSighting revision = new BrokerOrderSighting(
                OrderKey.of(PgOrderOwnershipTest.ACC, p.tradingDate(), "0000000202"),
                "201",
                "005930",
                Side.BUY,
                10,
                null,
                null,
                Instant.now(),
                BrokerOrderSighting.Channel.DAILY_CCLD,
                null,
                cancel);
        assertThat(ownership.decide(revision)).isInstanceOf(OwnershipVerdict.Linked.class);
        return new BrokerOrderSighting[] {ours, revision};
    }

    private String intentStatus(OrderKey key) {
        return jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT i.status FROM trade.order_intents i JOIN trade.orders o ON o.intent_id = i.intent_id
                         WHERE o.order_id = :id""").bind("id", key.orderId()).mapTo(String.class).one());
    }

    @Test
    void aLinkedModifyKeepsTheIntentOpenWhileTheOriginalReadsCancelledThenItsFillsFinishIt() {
        BrokerOrderSighting[] o = ourOrderAndRevision(false);
        // the modify moved all 10: the original's totals say 10 cancelled, nothing left
        fills.applySnapshot(o[0].key(), new BrokerTotals(10, 0, BigDecimal.ZERO, 0, 10, 0), true);

        assertThat(intentStatus(o[0].key()))
                .as("the modify row may still execute: the intent is not CANCELLED")
                .isEqualTo("SUBMITTED");

        fills.applySnapshot(o[1].key(), new BrokerTotals(10, 10, new BigDecimal("705000"), 0, 0, 0), true);
        assertThat(intentStatus(o[0].key())).isEqualTo("FILLED");
    }

    @Test
    void aLinkedCancelNeverExecutesSoTheCancelledOriginalEndsTheIntent() {
        BrokerOrderSighting[] o = ourOrderAndRevision(true);
        fills.applySnapshot(o[0].key(), new BrokerTotals(10, 0, BigDecimal.ZERO, 0, 10, 0), true);

        assertThat(intentStatus(o[0].key())).isEqualTo("CANCELLED");
    }

    @Test
    void aModifyLinkedAfterTheOriginalReadCancelledReopensTheIntent() {
        SendPermit p = t.unknownBuy("005930", 10);
        BrokerOrderSighting ours = t.buy(p.tradingDate(), "0000000301", "005930", 10, Instant.now());
        assertThat(ownership.decideWithInquiry(ours, List.of(ours))).isInstanceOf(OwnershipVerdict.Adopted.class);
        // the original's totals arrive first (daily-ccld lists it before the modify is linked)
        fills.applySnapshot(ours.key(), new BrokerTotals(10, 0, BigDecimal.ZERO, 0, 10, 0), true);
        assertThat(intentStatus(ours.key())).isEqualTo("CANCELLED");

        BrokerOrderSighting modify = new BrokerOrderSighting(
                OrderKey.of(PgOrderOwnershipTest.ACC, p.tradingDate(), "0000000302"),
                "301",
                "005930",
                Side.BUY,
                10,
                null,
                null,
                Instant.now(),
                BrokerOrderSighting.Channel.DAILY_CCLD,
                null,
                false);
        assertThat(ownership.decide(modify)).isInstanceOf(OwnershipVerdict.Linked.class);
        assertThat(intentStatus(ours.key()))
                .as("a live modify contradicts the CANCELLED: the link re-decides the intent")
                .isEqualTo("SUBMITTED");
    }
}
