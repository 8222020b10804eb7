package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderSyncState;
import io.execctl.store.OrderTx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies a page of broker rows to their stored orders in one transaction instead of one per order:
 * a bootstrap after a restart changes hundreds of orders, and a commit per order was most of its
 * time. The page's rows go through {@link RowApplier#applyAll}: per row the same test, fill model,
 * deficit timer and announcements as {@link RowApplier#apply}, with the page's reads and writes sent as
 * a few statements ({@link io.execctl.store.FillApplier#applySnapshots}) instead of ~9 per order.
 *
 * <p>Locking: the order locks of the rows that need work are taken up front, all at once, in
 * ascending lock-key order ({@link OrderTx#inOrdersTransaction}, the order every multi-order
 * transaction uses); the batch's own transaction then joins the page's (Jdbi reuses the thread's
 * handle) and re-enters the locks it already holds. Rows that
 * cannot change anything ({@link RowApplier#needsTransaction}: among them a deficit already timed
 * under the same proof and not due yet, unless held notices wait on the order) lock nothing. A failure
 * rolls the page back; the writes are idempotent, so the next pass redoes them.
 */
final class PageWriter {
    /** Orders per transaction: one daily-ccld page; bounds the locks held and the rollback. */
    static final int PAGE = 100;

    /** One row for one stored order. */
    record Item(OrderSyncState state, BrokerTotals totals, boolean lapsed, FillDeficitStore.Timer timer) {
        Item {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(totals, "totals");
        }
    }

    private final RowApplier rows;
    private final OrderTx orderTx;
    private final Supplier<Set<OrderKey>> heldPending;

    PageWriter(RowApplier rows, OrderTx orderTx, Supplier<Set<OrderKey>> heldPending) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.orderTx = Objects.requireNonNull(orderTx, "orderTx");
        this.heldPending = Objects.requireNonNull(heldPending, "heldPending");
    }

    /** The outcomes, index for index with {@code items}. */
    List<RowApplier.Outcome> apply(List<Item> items, String pass) {
        RowApplier.Outcome[] out = new RowApplier.Outcome[items.size()];
        List<Integer> work = new ArrayList<>();
        // orders with held notices not decided yet: one statement for the page, read before the rows
        Set<OrderKey> held = items.isEmpty() ? Set.of() : heldPending.get();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            boolean h = held.contains(it.state().order().key());
            if (rows.needsTransaction(it.state(), it.totals(), it.lapsed(), it.timer(), h)) {
                work.add(i);
            } else {
                out[i] = rows.apply(it.state(), it.totals(), it.lapsed(), it.timer(), h, pass); // no transaction
            }
        }
        for (int from = 0; from < work.size(); from += PAGE) {
            List<Integer> page = work.subList(from, Math.min(work.size(), from + PAGE));
            if (page.size() == 1) {
                int i = page.get(0);
                Item it = items.get(i);
                out[i] = rows.apply(it.state(), it.totals(), it.lapsed(), it.timer(), pass);
                continue;
            }
            Set<OrderKey> keys = new LinkedHashSet<>();
            for (int i : page) {
                keys.add(items.get(i).state().order().key());
            }
            List<Item> pageItems = new ArrayList<>(page.size());
            for (int i : page) {
                pageItems.add(items.get(i));
            }
            List<RowApplier.Outcome> done = orderTx.inOrdersTransaction(keys, tx -> rows.applyAll(pageItems, pass));
            for (int j = 0; j < page.size(); j++) {
                out[page.get(j)] = done.get(j);
            }
        }
        return Arrays.asList(out);
    }
}
