package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillModel;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fill notices of a batch, one fold per order ({@link FillApplier#applyNoticeBatch}). Each
 * notice is still its own {@link FillModel#onNotice} step on the book exactly as the one-by-one path
 * would re-read it (rows in {@code row_no} order: the earlier rows with their voids, then each step's
 * inserted rows in insertion order; the broker proof as last written), and each step's outbox events
 * and intent move are the one-by-one path's. What is saved is the I/O: the orders with their proofs
 * and their fill rows are read with one query each for the whole batch, each order row is written once
 * with its last step's state (every step overwrites the same columns, so only the last survives
 * anyway), and the rows go out together: the reads are one round trip ({@link NoticeReads}), the fills, outbox
 * events and order rows one statement ({@link BufferedFillWrites#flushWith}). Intent moves are
 * decided after the order rows are written (from the stored chain), once per order.
 */
final class NoticeRun {
    private NoticeRun() {}

    /**
     * What a run did: the orders that exist (an unknown order's notices wrote nothing), the orders
     * whose fills and confirmed cancels now cover their quantity (still open: the caller ends them,
     * the rule of {@code covered} below), and whether the transaction was committed with
     * the writes (then nothing may follow it on the handle).
     */
    record Outcome(Set<OrderKey> known, List<OrderKey> covered, boolean committed) {}

    /**
     * In {@code tx}: takes the locks {@code sortedLocks} (every order of {@code runs}, ascending; a
     * lock already held is re-entered) with the batch's reads, then each order's notices in arrival
     * order.
     *
     * @param last the caller's transaction ends with this run (its commit follows, nothing else): when
     *             every order is known, no intent moves and no order is covered, the COMMIT is sent
     *             with the writes ({@link BufferedFillWrites#flushWith}) — one round trip less
     */
    static Outcome apply(
            StoreTx tx,
            List<Long> sortedLocks,
            HeldNotices held,
            Map<OrderKey, List<FillApplier.Notice>> runs,
            Instant now,
            boolean last) {
        NoticeReads.Result read = NoticeReads.read(tx.handle(), sortedLocks, runs.keySet());
        Map<OrderKey, OrderStore.Locked> found = read.orders();
        if (found.isEmpty()) {
            return new Outcome(Set.of(), List.of(), false);
        }
        Map<String, List<Fill>> rows = read.fills();
        BufferedFillWrites w = new BufferedFillWrites(tx.handle());
        Map<OrderKey, OrderStore.Progress> progress = new LinkedHashMap<>();
        Map<OrderKey, String> settles = new LinkedHashMap<>();
        List<OrderKey> covered = new ArrayList<>();
        for (Map.Entry<OrderKey, List<FillApplier.Notice>> e : runs.entrySet()) {
            OrderStore.Locked locked = found.get(e.getKey());
            if (locked != null) {
                Order order = locked.order();
                FillBook book =
                        new FillBook(order.orderId(), rows.getOrDefault(order.orderId(), List.of()), locked.proof());
                OrderStore.Progress p = fold(tx, held, w, order, book, e.getValue(), settles, now);
                if (p != null) {
                    progress.put(e.getKey(), p);
                }
                if (covered(order, p, read.cancelled().getOrDefault(e.getKey(), 0L))) {
                    covered.add(e.getKey());
                }
            }
        }
        boolean commit = last && settles.isEmpty() && covered.isEmpty() && found.size() == runs.size();
        boolean committed = false;
        if (w.flushWith(progress, commit)) {
            committed = commit;
        } else { // a void in the run: rows first, then the voids, then the orders
            w.flush();
            tx.orders().writeProgressAll(progress);
        }
        // The intent is re-decided from its order chain as stored, so only after the order rows are
        // written; within a batch notices only move an order forward, so the last move decides.
        settles.forEach((key, reason) -> tx.chains().settleIntent(key, reason, now));
        return new Outcome(found.keySet(), List.copyOf(covered), committed);
    }

    /**
     * Whether the order, after the run ({@code p}; null: unchanged), is still open with its fills and
     * confirmed cancels covering its quantity — on the locked read ({@code cancelled_qty} only grows under the order's lock, which is held).
     */
    private static boolean covered(Order order, OrderStore.Progress p, long cancelled) {
        long filled = p != null ? p.filledQty() : order.filledQty();
        boolean terminal = (p != null ? p.status() : order.status()).isTerminal();
        return cancelled > 0 && !terminal && filled < order.qty() && filled + cancelled >= order.qty();
    }

    /** One order's notices; returns the state to write to the order row, null if nothing moved. */
    private static OrderStore.Progress fold(
            StoreTx tx,
            HeldNotices held,
            BufferedFillWrites w,
            Order order,
            FillBook book,
            List<FillApplier.Notice> notices,
            Map<OrderKey, String> settles,
            Instant now) {
        OrderStore.Progress last = null;
        for (FillApplier.Notice n : notices) {
            Fill notice = Fill.ws(order.orderId(), n.receipt(), n.executedAt(), n.qty(), n.price());
            FillModel.Step step = held.onNotice(tx, order, book, notice, n.rawJson(), now);
            w.step(order.orderId(), step, f -> n.rawJson(), now);
            OrderProgress p = OrderProgress.after(order.status(), order.brokerStatus(), order.qty(), step, null);
            boolean moved = FillApplier.moved(order, p);
            FillBook.Broker proof = book.broker();
            if (moved || step.changed()) {
                last = FillApplier.row(p, step, now);
                proof = step.after().broker();
            }
            if (moved) {
                w.announce(FillApplier.statusEvent(order, p, now));
            }
            if (FillApplier.intentMoves(order, p)) {
                settles.put(order.key(), p.correction() ? "ORDER_CORRECTED" : "ORDER_" + p.status());
            }
            if (moved || step.changed()) {
                order = stored(order, p, now);
            }
            book = reread(book, step, proof);
        }
        return last;
    }

    /** The order as the one-by-one path would read it back after writing {@code p}. */
    private static Order stored(Order o, OrderProgress p, Instant now) {
        return new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                o.branch(),
                o.origOrderNo(),
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                p.filledQty(),
                p.openQty(),
                p.avgFillPrice(),
                p.brokerStatus(),
                p.status(),
                o.source(),
                o.rejectReason(),
                o.submittedTs(),
                o.updatedTs() == null || o.updatedTs().isBefore(now) ? now : o.updatedTs());
    }

    /** The book as {@code FillStore.listAll} would return it after the step's writes. */
    private static FillBook reread(FillBook before, FillModel.Step step, FillBook.Broker proof) {
        Map<UUID, Fill> voided = new HashMap<>();
        for (Fill f : step.voided()) {
            voided.put(f.fillId(), f);
        }
        List<Fill> rows = new ArrayList<>(before.rows().size() + step.inserted().size());
        for (Fill f : before.rows()) {
            rows.add(voided.getOrDefault(f.fillId(), f));
        }
        rows.addAll(step.inserted());
        return new FillBook(before.orderId(), rows, proof);
    }
}
