package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillModel;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderProgress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The REST snapshots of a batch of orders, one step per order ({@link FillApplier#applySnapshots}):
 * each order's {@link FillModel#onSnapshot} step (or, when it has held notices not decided yet, the
 * {@link HeldNotices#onSnapshot} fit) on the book the one-by-one path reads, with its fill rows, outbox
 * events, order row, intent move and stored result. What is saved is the I/O, as in {@link NoticeRun}:
 * the locks, orders with proofs and fill rows are one round trip ({@link NoticeReads}); which orders
 * have held notices pending one statement (under the locks: a notice is held only under its order's
 * lock); the fills, events and order rows one statement ({@link BufferedFillWrites#flushWith}, or the
 * batches of {@link BufferedFillWrites#flush} when a fill is voided); the intent moves after the order
 * rows (once per order whose status moves); the stored orders one read.
 */
final class SnapshotRun {
    private SnapshotRun() {}

    /** In {@code tx}: takes {@code sortedLocks} (every order of {@code snaps}, ascending) with the reads, then each order's step. */
    static Map<OrderKey, FillApplier.Applied> apply(
            StoreTx tx,
            List<Long> sortedLocks,
            HeldNotices held,
            Map<OrderKey, FillApplier.Snapshot> snaps,
            Instant now) {
        NoticeReads.Result read = NoticeReads.read(tx.handle(), sortedLocks, snaps.keySet());
        Map<OrderKey, OrderStore.Locked> found = read.orders();
        Set<OrderKey> withHeld = heldPending(tx, found.keySet());
        BufferedFillWrites w = new BufferedFillWrites(tx.handle());
        Map<OrderKey, OrderStore.Progress> progress = new LinkedHashMap<>();
        Map<OrderKey, String> settles = new LinkedHashMap<>();
        Map<OrderKey, FillModel.Step> steps = new HashMap<>();
        Map<OrderKey, OrderProgress> moves = new HashMap<>();
        for (Map.Entry<OrderKey, FillApplier.Snapshot> e : snaps.entrySet()) {
            OrderStore.Locked locked = found.get(e.getKey());
            if (locked == null) {
                continue;
            }
            Order order = locked.order();
            FillApplier.Snapshot s = e.getValue();
            FillBook book = new FillBook(
                    order.orderId(), read.fills().getOrDefault(order.orderId(), List.of()), locked.proof());
            Map<UUID, String> raws = new HashMap<>();
            FillModel.Step step = withHeld.contains(e.getKey())
                    ? held.onSnapshot(tx, order, book, s.totals(), s.inferDeficit(), now, raws)
                    : FillModel.onSnapshot(book, s.totals(), s.inferDeficit(), now);
            w.step(order.orderId(), step, f -> raws.get(f.fillId()), now);
            BrokerStatus said = OrderProgress.said(s.totals(), step.after().broker());
            OrderProgress p = OrderProgress.after(order.status(), order.brokerStatus(), order.qty(), step, said);
            boolean moved = FillApplier.moved(order, p);
            if (moved || step.changed()) {
                progress.put(e.getKey(), FillApplier.row(p, step, now));
            }
            if (moved) {
                w.announce(FillApplier.statusEvent(order, p, now));
            }
            if (FillApplier.intentMoves(order, p)) {
                settles.put(e.getKey(), p.correction() ? "ORDER_CORRECTED" : "ORDER_" + p.status());
            }
            steps.put(e.getKey(), step);
            moves.put(e.getKey(), p);
        }
        if (!w.flushWith(progress, false)) { // a void in the run: rows first, then the voids, then the orders
            w.flush();
            tx.orders().writeProgressAll(progress);
        }
        // the intent is re-decided from its order chain as stored: after the order rows are written
        settles.forEach((key, reason) -> tx.chains().settleIntent(key, reason, now));
        Map<OrderKey, Order> stored = reread(tx, found.keySet());
        Map<OrderKey, FillApplier.Applied> out = new LinkedHashMap<>();
        for (OrderKey key : snaps.keySet()) {
            FillModel.Step step = steps.get(key);
            if (step == null) {
                out.put(key, FillApplier.Applied.unknownOrder());
                continue;
            }
            OrderProgress p = moves.get(key);
            out.put(
                    key,
                    new FillApplier.Applied(
                            Optional.of(stored.get(key)),
                            p.transition(),
                            p.correction(),
                            step.inserted(),
                            step.voided(),
                            step.after().deficit()));
        }
        return out;
    }

    /** The orders of {@code keys} with held notices not decided yet: one statement per account (one, in a sync). */
    private static Set<OrderKey> heldPending(StoreTx tx, Set<OrderKey> keys) {
        Set<String> accounts = new HashSet<>();
        keys.forEach(k -> accounts.add(k.accountId()));
        Set<OrderKey> out = new HashSet<>();
        for (String acc : accounts) {
            for (OrderKey k : tx.heldNotices().pendingOrders(acc)) {
                if (keys.contains(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** The orders as stored after the writes, in one read (the one-by-one path re-reads each). */
    private static Map<OrderKey, Order> reread(StoreTx tx, Set<OrderKey> keys) {
        Map<String, OrderKey> byId = new HashMap<>();
        keys.forEach(k -> byId.put(k.orderId(), k));
        Map<OrderKey, Order> out = new HashMap<>();
        if (byId.isEmpty()) {
            return out;
        }
        tx.handle()
                .createQuery("SELECT " + OrderStore.COLUMNS + " FROM trade.orders WHERE order_id = ANY(:ids)")
                .bindArray("ids", String.class, List.copyOf(byId.keySet()))
                .map(OrderStore::map)
                .forEach(o -> {
                    if (o.key().equals(byId.get(o.orderId()))) {
                        out.put(o.key(), o);
                    }
                });
        return out;
    }
}
