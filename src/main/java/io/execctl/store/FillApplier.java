package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillModel;
import io.execctl.domain.FillSource;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderProgress;
import io.execctl.domain.OrderStatusMachine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one event of an order — a fill notice, a REST totals snapshot, a broker status — in ONE
 * transaction under the order's advisory lock ({@link OrderTx}): the {@link FillModel} step's fill
 * rows, the order's {@code filled_qty}/{@code open_qty}/{@code avg_fill_price}/statuses through the
 * {@link OrderStatusMachine}, the broker proof, the intent's status when the order's status becomes
 * (or, by a correction, stops being) terminal, and the outbox events. This is what the engine calls;
 * nothing else moves an order's status or fill quantities.
 */
public final class FillApplier {
    private final OrderTx orderTx;
    private final Clock clock;
    private final HeldNotices held;

    public FillApplier(OrderTx orderTx, Clock clock) {
        this(orderTx, clock, HeldNotices.HoldListener.NONE);
    }

    /** @param onHold told after commit of each fill notice held as a suspected duplicate ({@link HeldNotices}) */
    public FillApplier(OrderTx orderTx, Clock clock, HeldNotices.HoldListener onHold) {
        this.orderTx = Objects.requireNonNull(orderTx, "orderTx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.held = new HeldNotices(onHold);
    }

    /**
     * What one event did. {@code order} is empty when the order is not known (park the notice and
     * retry when it appears); then nothing was written.
     *
     * @param transition the status move considered (its {@code result()} is what was stored)
     * @param deficit    quantity the broker proved that no live fill holds: the engine times it and
     *                   passes {@code inferDeficit} once it outlived the history lag
     */
    public record Applied(
            Optional<Order> order,
            OrderStatusMachine.Transition transition,
            boolean correction,
            List<Fill> inserted,
            List<Fill> voided,
            long deficit) {
        static Applied unknownOrder() {
            return new Applied(Optional.empty(), null, false, List.of(), List.of(), 0);
        }

        public boolean orderKnown() {
            return order.isPresent();
        }
    }

    /** A fill notice: this execution's quantity and price, received as {@code receipt}. */
    public Applied applyNotice(
            OrderKey key, NoticeReceipt receipt, Instant executedAt, long qty, BigDecimal price, String rawJson) {
        Objects.requireNonNull(receipt, "receipt");
        return apply(
                key,
                rawJson,
                (tx, order, book, now, raws) -> held.onNotice(
                        tx, order, book, Fill.ws(book.orderId(), receipt, executedAt, qty, price), rawJson, now),
                null);
    }

    /** One fill notice of a run given to {@link #applyNotices}. */
    public record Notice(NoticeReceipt receipt, Instant executedAt, long qty, BigDecimal price, String rawJson) {
        public Notice {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(executedAt, "executedAt");
            Objects.requireNonNull(price, "price");
        }
    }

    /**
     * Several fill notices of ONE order, in arrival order, in one transaction under its lock:
     * exactly the rows, quantities, statuses, intent moves and outbox events that calling
     * {@link #applyNotice} for each in turn would store, for one order read, one fill-book read, one
     * order update and batched inserts ({@link NoticeRun}); then, like {@link #applyNoticeBatch}, an
     * order whose fills and confirmed cancels cover its quantity ends.
     *
     * @param last the caller's transaction (if any) does nothing after this call but commit, so the
     *             COMMIT may be sent with the writes (see {@link #applyNoticeBatch})
     * @return false if the order is not known (nothing was written: park the notices)
     */
    public boolean applyNotices(OrderKey key, List<Notice> notices, boolean last) {
        Objects.requireNonNull(key, "key");
        return applyNoticeBatch(Map.of(key, notices), last).contains(key);
    }

    /** {@link #applyNotices} when the caller's transaction goes on afterwards. */
    public boolean applyNotices(OrderKey key, List<Notice> notices) {
        return applyNotices(key, notices, false);
    }

    /** {@link #applyNoticeBatch(Map, boolean)} when the caller's transaction goes on afterwards. */
    public Set<OrderKey> applyNoticeBatch(Map<OrderKey, List<Notice>> runs) {
        return applyNoticeBatch(runs, false);
    }

    /**
     * {@link #applyNotices} for several orders in one transaction holding all their locks (taken in
     * ascending lock-key order): the orders, their proofs and their fill rows are read with one query
     * each, and the inserts and order updates of all of them go out as batched statements. An order
     * whose fills and confirmed cancels ({@link CancelledQuantity}) now cover its quantity has
     * nothing left: its remainder is gone ({@link #applyBrokerStatus} CANCELLED, same transaction) —
     * decided from the locked read, no statement of its own.
     *
     * @param runs each order's notices in arrival order
     * @param last the caller's transaction (if any) does nothing after this call but commit (and
     *             parks nothing: an unknown order keeps the ordinary commit): the COMMIT is then sent
     *             with the writes when nothing else is to be written — one round trip less; a caller
     *             that sends anything on the handle afterwards must pass false
     * @return the orders that are known (nothing was written for the others: park their notices)
     */
    public Set<OrderKey> applyNoticeBatch(Map<OrderKey, List<Notice>> runs, boolean last) {
        Map<OrderKey, List<Notice>> copy = new LinkedHashMap<>();
        runs.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("no notices for " + k);
            }
            copy.put(Objects.requireNonNull(k, "key"), List.copyOf(v));
        });
        if (copy.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        List<Long> locks = OrderTx.sortedLockKeys(copy.keySet());
        return orderTx.inOrdersTransactionLockedByWork(copy.keySet(), tx -> {
            NoticeRun.Outcome out = NoticeRun.apply(tx, locks, held, copy, now, last);
            for (OrderKey k : out.covered()) { // never with an in-band commit (NoticeRun checks)
                applyBrokerStatus(k, BrokerStatus.CANCELLED);
            }
            return out.known();
        });
    }

    /**
     * A REST snapshot of the order's cumulative totals.
     *
     * @param inferDeficit whether a deficit may become an inferred fill now (see {@link Applied#deficit})
     */
    public Applied applySnapshot(OrderKey key, BrokerTotals totals, boolean inferDeficit) {
        Objects.requireNonNull(totals, "totals");
        return apply(
                key,
                null,
                (tx, order, book, now, raws) -> held.onSnapshot(tx, order, book, totals, inferDeficit, now, raws),
                totals);
    }

    /** One order's REST snapshot for {@link #applySnapshots}. */
    public record Snapshot(BrokerTotals totals, boolean inferDeficit) {
        public Snapshot {
            Objects.requireNonNull(totals, "totals");
        }
    }

    /**
     * {@link #applySnapshot} for several orders in one transaction holding all their locks (taken in
     * ascending lock-key order; a lock the caller holds is re-entered): each order's step, rows,
     * events, intent move and stored result are those of {@link #applySnapshot}; the reads and writes
     * of the whole batch go out as a few statements instead of ~8 per order ({@link SnapshotRun}). A
     * sync's page of changed orders cost one round trip per statement per order before.
     *
     * @return what each order's snapshot did, by key (an unknown order: {@link Applied#orderKnown} false, nothing written)
     */
    public Map<OrderKey, Applied> applySnapshots(Map<OrderKey, Snapshot> snapshots) {
        Map<OrderKey, Snapshot> copy = new LinkedHashMap<>();
        snapshots.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "snapshot")));
        if (copy.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        List<Long> locks = OrderTx.sortedLockKeys(copy.keySet());
        return orderTx.inOrdersTransactionLockedByWork(
                copy.keySet(), tx -> SnapshotRun.apply(tx, locks, held, copy, now));
    }

    /** A broker status without fills (a cancel confirmation or rejection notice, an expiry). */
    public Applied applyBrokerStatus(OrderKey key, BrokerStatus status) {
        Objects.requireNonNull(status, "status");
        return apply(
                key,
                null,
                (tx, order, book, now, raws) -> new FillModel.Step(book, book, List.of(), List.of()),
                status);
    }

    private interface Event {
        /** @param raws raw payloads of WS rows the step records that are not {@code rawJson}'s, by fill id */
        FillModel.Step step(StoreTx tx, Order order, FillBook book, Instant now, Map<UUID, String> raws);
    }

    private Applied apply(OrderKey key, String rawJson, Event event, Object brokerSaid) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        return orderTx.inOrderTransaction(key, tx -> {
            Optional<Order> found = tx.orders().findForUpdate(key);
            if (found.isEmpty()) {
                return Applied.unknownOrder();
            }
            Order order = found.get();
            FillBook.Broker proof = tx.orders().brokerProof(key).orElseThrow();
            FillBook book = new FillBook(order.orderId(), tx.fills().listAll(order.orderId()), proof);
            Map<UUID, String> raws = new HashMap<>();
            FillModel.Step step = event.step(tx, order, book, now, raws);
            for (Fill f : step.inserted()) {
                tx.fills().insert(live(f), f.source() == FillSource.WS ? raws.getOrDefault(f.fillId(), rawJson) : null);
                if (f.voided()) {
                    tx.fills().voidFill(f.fillId(), f.voidReason(), now);
                }
                announce(tx, OutboxEvent.FILL, "FILL:" + f.fillId(), order, fillJson(f), now);
            }
            for (Fill f : step.voided()) {
                tx.fills().voidFill(f.fillId(), f.voidReason(), now);
                announce(tx, OutboxEvent.FILL_VOIDED, "FILL_VOIDED:" + f.fillId(), order, fillJson(f), now);
            }
            return progress(tx, order, step, brokerSaid, now);
        });
    }

    /** Whether the order's filled quantity, status or broker status moves: then it is announced. */
    static boolean moved(Order order, OrderProgress p) {
        return p.filledQty() != order.filledQty()
                || p.status() != order.status()
                || p.brokerStatus() != order.brokerStatus();
    }

    /** The order row a step leaves (every fill path writes the same columns). */
    static OrderStore.Progress row(OrderProgress p, FillModel.Step step, Instant now) {
        return new OrderStore.Progress(
                p.filledQty(),
                p.openQty(),
                p.avgFillPrice(),
                p.brokerStatus(),
                p.status(),
                step.after().broker(),
                now);
    }

    private static Applied progress(StoreTx tx, Order order, FillModel.Step step, Object brokerSaid, Instant now) {
        BrokerStatus said = brokerSaid instanceof BrokerStatus s
                ? s
                : brokerSaid instanceof BrokerTotals t
                        ? OrderProgress.said(t, step.after().broker())
                        : null;
        OrderProgress p = OrderProgress.after(order.status(), order.brokerStatus(), order.qty(), step, said);
        boolean moved = moved(order, p);
        if (moved || step.changed()) {
            tx.orders().writeProgress(order.key(), row(p, step, now));
        }
        if (moved) {
            tx.outbox().append(statusEvent(order, p, now));
        }
        if (intentMoves(order, p)) {
            moveIntent(tx, order, p, now);
        }
        Order stored = tx.orders().findByKey(order.key()).orElseThrow();
        return new Applied(
                Optional.of(stored),
                p.transition(),
                p.correction(),
                step.inserted(),
                step.voided(),
                step.after().deficit());
    }

    /** The ORDER_STATUS (or ORDER_CORRECTED) event of {@code order} moving to {@code p}. */
    static OutboxEvent statusEvent(Order order, OrderProgress p, Instant now) {
        String type = p.announcedAsCorrection() ? OutboxEvent.ORDER_CORRECTED : OutboxEvent.ORDER_STATUS;
        // concatenation, not String.formatted: the same text at a fraction of the CPU (once per fill)
        String json = "{\"order_id\":\"" + order.orderId() + "\",\"from\":\"" + order.status() + "\",\"to\":\""
                + p.status() + "\",\"filled_qty\":" + p.filledQty() + ",\"was_filled_qty\":" + order.filledQty()
                + (p.transition().anomaly() ? ",\"anomaly\":true}" : "}");
        return OutboxEvent.of(type, order.orderId(), null, json, now);
    }

    /**
     * The intent follows its order's chain (a modify moves the rest to a new ODNO; the original then
     * reads CANCELLED while the modify may still fill), so any member's status move re-decides it —
     * a REVISION row has no intent of its own, its chain's root has.
     */
    static boolean intentMoves(Order order, OrderProgress p) {
        return p.status() != order.status();
    }

    /** Re-decides the intent from its whole chain, through the one intent-status writer. */
    static void moveIntent(StoreTx tx, Order order, OrderProgress p, Instant now) {
        tx.chains().settleIntent(order.key(), p.correction() ? "ORDER_CORRECTED" : "ORDER_" + p.status(), now);
    }

    static Fill live(Fill f) {
        return f.voided()
                ? new Fill(
                        f.fillId(),
                        f.orderId(),
                        f.ts(),
                        f.qty(),
                        f.price(),
                        f.amount(),
                        f.fee(),
                        f.tax(),
                        f.source(),
                        f.receipt(),
                        false,
                        null)
                : f;
    }

    private static void announce(StoreTx tx, String type, String eventKey, Order order, String json, Instant now) {
        tx.outbox().append(OutboxEvent.of(type, order.orderId(), eventKey, json, now));
    }

    static String fillJson(Fill f) {
        return "{\"fill_id\":\"" + f.fillId() + "\",\"order_id\":\"" + f.orderId() + "\",\"qty\":" + f.qty()
                + ",\"amount\":" + f.amount().toPlainString() + ",\"source\":\"" + f.source() + "\",\"voided\":"
                + f.voided() + "}";
    }
}
