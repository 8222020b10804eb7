package io.execctl.engine.ownership;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.store.DbClock;
import io.execctl.store.IntentTransitions;
import io.execctl.store.OrderChains;
import io.execctl.store.OrderStore;
import io.execctl.store.OutboxEvent;
import io.execctl.store.OutboxStore;
import io.execctl.store.SubmissionRecovery;
import io.execctl.store.UnresolvedSubmission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rows a decision writes, on the decision's transaction: an adopted order (row, journal, intent,
 * events, parked notices together), a cancel/modify linked to its original, an EXTERNAL order.
 */
final class OwnershipWrites {
    /** Branch stored when no channel named one (the order answer, daily-ccld and notices do). */
    static final String UNKNOWN_BRANCH = OrderStore.UNKNOWN_BRANCH;

    private final ParkedNoticeReplay replay;

    OwnershipWrites(ParkedNoticeReplay replay) {
        this.replay = replay;
    }

    /**
     * Makes the order {@code u}'s: inserts its row (or re-attributes an EXTERNAL one), moves the
     * journal to ACCEPTED/RESOLVED with it, the intent to SUBMITTED (or what the order's status
     * mirrors), announces both and replays the notices parked for it.
     *
     * @return false (caller rolls back) if the journal would not take this order
     */
    boolean adopt(Handle h, BrokerOrderSighting s, UnresolvedSubmission u, Optional<Order> existing, Instant now) {
        OrderKey key = s.key();
        if (!SubmissionRecovery.on(h, DbClock.database())
                .adopt(u.intentId(), key.orderId(), "adopted: seen in " + s.channel())) {
            return false;
        }
        OrderType type = u.orderType() != null ? u.orderType() : s.orderType() != null ? s.orderType() : OrderType.MKT;
        Order order = new Order(
                key,
                u.intentId(),
                u.positionId(),
                s.branch() != null ? s.branch() : UNKNOWN_BRANCH,
                null,
                u.symbol(),
                u.side(),
                type,
                u.qty(),
                type == OrderType.LMT ? u.price() : null,
                0,
                u.qty(),
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.INTENT,
                null,
                s.orderedAt() != null ? s.orderedAt() : u.firstSentTs(),
                now);
        OrderStore.on(h).upsert(order, null);
        IntentStatus target =
                existing.map(o -> IntentStatus.ofOrder(o.status())).orElse(IntentStatus.SUBMITTED);
        IntentTransitions.on(h)
                .move(
                        u.intentId(),
                        EnumSet.of(IntentStatus.SENDING, IntentStatus.UNKNOWN),
                        target,
                        new IntentTransitions.Why(
                                existing.isPresent() ? "REATTRIBUTED" : "ADOPTED", null, null, key.orderId()),
                        now);
        String json = "{\"order_id\":\"%s\",\"intent_id\":\"%s\",\"status\":\"%s\",\"adopted_from\":\"%s\"}"
                .formatted(
                        key.orderId(),
                        u.intentId(),
                        existing.map(Order::status).orElse(OrderStatus.SUBMITTED),
                        s.channel());
        if (existing.isPresent()) {
            event(h, OutboxEvent.ORDER_CORRECTED, key, "order-reattributed:" + key.orderId(), json, now);
        } else {
            event(h, OutboxEvent.ORDER_STATUS, key, "order-status:" + key.orderId() + ":SUBMITTED", json, now);
        }
        replay.replay(h, key);
        // This write links the intent; the order may have ended before (an EXTERNAL row with its fills,
        // or a chain): the later of the two writes re-decides the intent from the chain, under the
        // order's lock (held by the decision) and then the intent's.
        OrderChains.on(h).settleIntent(key, "ORDER_LINKED", now);
        return true;
    }

    /**
     * A cancel or modify of {@code original}: its own row (REVISION), with the original's position; open
     * for a modify, never for a cancel request ({@code OrderChains.statusOf} counts open REVISION rows as live).
     */
    void link(Handle h, BrokerOrderSighting s, Order original, Instant now) {
        OrderKey key = s.key();
        OrderType type = s.orderType() != null ? s.orderType() : original.orderType();
        Order row = new Order(
                key,
                null,
                original.positionId(),
                s.branch() != null ? s.branch() : original.branch(),
                original.key().odno(),
                s.symbol(),
                s.side(),
                type,
                s.qty(),
                type == OrderType.LMT ? s.price() : null,
                0,
                // a modify carries the moved quantity and may execute (it keeps the intent open while the
                // original reads CANCELLED); a cancel request never executes
                s.cancelRequest() ? 0 : s.qty(),
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.REVISION,
                null,
                s.orderedAt() != null ? s.orderedAt() : now,
                now);
        OrderStore.on(h).upsert(row, null);
        String json = "{\"order_id\":\"%s\",\"original\":\"%s\",\"status\":\"LINKED\"}"
                .formatted(key.orderId(), original.orderId());
        event(h, OutboxEvent.ORDER_STATUS, key, "order-status:" + key.orderId() + ":LINKED", json, now);
        // The chain changed: a modify linked after the original read CANCELLED makes the intent live
        // again (a strategy must not act on a CANCELLED that a live modify contradicts).
        OrderChains.on(h).settleIntent(original.key(), "ORDER_LINKED", now);
        replay.replay(h, key);
    }

    /** An order placed outside execctl: a row with no intent, {@code source = EXTERNAL}. */
    void external(Handle h, BrokerOrderSighting s, Instant now) {
        OrderKey key = s.key();
        OrderType type = s.orderType() != null ? s.orderType() : OrderType.MKT;
        Order row = new Order(
                key,
                null,
                null,
                s.branch() != null ? s.branch() : UNKNOWN_BRANCH,
                s.origOrderNo(),
                s.symbol(),
                s.side(),
                type,
                s.qty(),
                type == OrderType.LMT ? s.price() : null,
                0,
                s.qty(),
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.EXTERNAL,
                null,
                s.orderedAt() != null ? s.orderedAt() : now,
                now);
        OrderStore.on(h).upsert(row, null);
        String json = "{\"order_id\":\"%s\",\"status\":\"SUBMITTED\",\"source\":\"EXTERNAL\"}".formatted(key.orderId());
        event(h, OutboxEvent.ORDER_STATUS, key, "order-status:" + key.orderId() + ":EXTERNAL", json, now);
        replay.replay(h, key);
    }

    private static void event(Handle h, String type, OrderKey key, String eventKey, String json, Instant now) {
        OutboxStore.on(h).append(OutboxEvent.of(type, key.orderId(), eventKey, json, now));
    }
}
