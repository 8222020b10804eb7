package io.execctl.store;

import io.execctl.domain.IntentStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The chain of an order: the order an intent led to and every cancel/modify row that changes it,
 * transitively ({@code orig_order_no} = the changed order's ODNO, same account and trading date).
 * KIS gives a modify its own ODNO and later fills arrive under it, while the original counts the
 * moved quantity as cancelled: the intent's progress is the chain's, never one row's. Fills stay on
 * the ODNO they arrived under; {@code trade.intent_chain_v} sums them.
 */
public final class OrderChains {
    /** The advisory-lock namespace that serialises the intent-status decision of one chain. */
    static final String INTENT_LOCK = "intent-chain";

    private final Handles handles;

    private OrderChains(Handles handles) {
        this.handles = handles;
    }

    public static OrderChains of(Jdbi jdbi) {
        return new OrderChains(Handles.of(jdbi));
    }

    public static OrderChains on(Handle handle) {
        return new OrderChains(Handles.of(handle));
    }

    /** The root of {@code key}'s chain (the order itself when it changes nothing), if the order is known. */
    public Optional<Order> root(OrderKey key) {
        Objects.requireNonNull(key, "key");
        return handles.with(h -> h.createQuery("""
                WITH RECURSIVE up AS (
                    SELECT o.*, 0 AS d FROM trade.orders o
                     WHERE o.account_id = :acc AND o.order_date = :date AND o.kis_order_no = :odno
                    UNION ALL
                    SELECT o.*, up.d + 1 FROM up
                      JOIN trade.orders o ON o.account_id = up.account_id AND o.order_date = up.order_date
                                         AND o.kis_order_no = up.orig_order_no
                     WHERE up.d < 64)
                SELECT %s FROM up ORDER BY d DESC LIMIT 1""".formatted(OrderStore.COLUMNS))
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map(OrderStore::map)
                .findOne());
    }

    /** {@code root} and every order that changes it, transitively, root first. */
    public List<Order> members(OrderKey root) {
        Objects.requireNonNull(root, "root");
        return handles.with(h -> h.createQuery("""
                WITH RECURSIVE down AS (
                    SELECT o.*, 0 AS d FROM trade.orders o
                     WHERE o.account_id = :acc AND o.order_date = :date AND o.kis_order_no = :odno
                    UNION ALL
                    SELECT o.*, down.d + 1 FROM down
                      JOIN trade.orders o ON o.account_id = down.account_id AND o.order_date = down.order_date
                                         AND o.orig_order_no = down.kis_order_no
                     WHERE down.d < 64)
                SELECT %s FROM down ORDER BY d, kis_order_no""".formatted(OrderStore.COLUMNS))
                .bind("acc", root.accountId())
                .bind("date", root.orderDate())
                .bind("odno", root.odno())
                .map(OrderStore::map)
                .list());
    }

    /** The chain of the order {@code intentId} led to, root first; empty if it has no order. */
    public List<Order> ofIntent(UUID intentId) {
        Objects.requireNonNull(intentId, "intentId");
        return handles.with(h -> OrderStore.on(h)
                .findByIntent(intentId)
                .map(o -> OrderChains.on(h).members(o.key()))
                .orElse(List.of()));
    }

    /**
     * The intent status a chain means: UNKNOWN while a member's state is unknown or in error,
     * SUBMITTED while a member may still execute, else REJECTED (every member refused), FILLED (the
     * chain executed the root's quantity) or CANCELLED (the rest was cancelled or lapsed).
     */
    public static IntentStatus statusOf(List<Order> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least its root");
        }
        Order root = chain.get(0);
        long filled = 0;
        boolean live = false;
        boolean allRejected = true;
        for (Order o : chain) {
            filled += o.filledQty();
            if (o.status() == OrderStatus.UNKNOWN || o.status() == OrderStatus.ERROR) {
                return IntentStatus.UNKNOWN;
            }
            // a cancel row recorded before its confirmation never executes (open_qty 0): not live
            boolean mayExecute = o.source() != OrderSource.REVISION || o.openQty() > 0;
            if (!o.status().isTerminal() && mayExecute) {
                live = true;
            }
            allRejected &= o.status() == OrderStatus.REJECTED;
        }
        if (live) {
            return IntentStatus.SUBMITTED;
        }
        if (allRejected) {
            return IntentStatus.REJECTED;
        }
        return filled >= root.qty() ? IntentStatus.FILLED : IntentStatus.CANCELLED;
    }

    /**
     * Sets the intent of {@code key}'s chain to what the chain means ({@link #statusOf}), inside the
     * caller's transaction. An advisory lock on the intent serialises two members of one chain
     * finishing at once (each under its own order lock), so the later one sees the earlier one's
     * commit. Taken last, after any order lock, so it cannot deadlock with them.
     *
     * @return the status written, empty if the chain has no intent or the intent already had it
     */
    public Optional<IntentStatus> settleIntent(OrderKey key, String reasonCode, Instant at) {
        Objects.requireNonNull(at, "at");
        return handles.inTransaction(h -> {
            OrderChains chains = OrderChains.on(h);
            Optional<Order> root = chains.root(key);
            if (root.isEmpty() || root.get().intentId() == null) {
                return Optional.<IntentStatus>empty();
            }
            UUID intentId = root.get().intentId();
            AdvisoryLocks.lockForTransaction(h, INTENT_LOCK, intentId.toString());
            IntentStatus s = statusOf(chains.members(root.get().key()));
            boolean moved = IntentTransitions.on(h)
                    .move(
                            intentId,
                            EnumSet.complementOf(EnumSet.of(s, IntentStatus.NEW)),
                            s,
                            new IntentTransitions.Why(
                                    reasonCode, null, null, root.get().orderId()),
                            at);
            return moved ? Optional.of(s) : Optional.<IntentStatus>empty();
        });
    }
}
