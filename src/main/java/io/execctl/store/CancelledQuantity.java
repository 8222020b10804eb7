package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The quantity the broker confirmed cancelled from an order ({@code trade.orders.cancelled_qty}),
 * which lowers its {@code open_qty}: a partial cancel leaves the order open with fewer shares, and
 * the fill model alone would keep {@code open_qty = qty - filled_qty}.
 *
 * <p>Each source proves a lower bound and the stored value is the largest of them, so a
 * confirmation seen twice (the notice and then REST) counts once: the sum of the per-cancel
 * confirmations (one row per cancel ODNO, {@code trade.order_cancel_confirms}), and a cumulative
 * figure (daily-ccld's {@code cncl_cfrm_qty}, or {@code ord_qty - tot_ccld_qty - psbl_qty} of the
 * open-orders list). When fills and cancels cover the whole order, the order's remainder is gone:
 * its broker status becomes CANCELLED through {@link FillApplier#applyBrokerStatus}, so the reducer
 * decides CANCELLED or CANCELLED_PARTIAL and the intent follows its chain. Everything runs under the
 * order's lock ({@link OrderTx}; it joins a transaction the caller holds).
 */
public final class CancelledQuantity {
    /** Where a per-cancel confirmation came from. */
    public enum Source {
        NOTICE,
        DAILY_CCLD
    }

    private final OrderTx orderTx;
    private final FillApplier applier;
    private final Clock clock;

    public CancelledQuantity(Jdbi jdbi, Clock clock) {
        this.orderTx = new OrderTx(Objects.requireNonNull(jdbi, "jdbi"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applier = new FillApplier(orderTx, clock);
    }

    /**
     * Cancel {@code cancelOdno} took {@code qty} shares from {@code target}.
     *
     * @return the order as stored afterwards; empty if {@code target} is not known (nothing written)
     */
    public Optional<Order> confirmCancel(OrderKey target, String cancelOdno, long qty, Source source) {
        Objects.requireNonNull(cancelOdno, "cancelOdno");
        Objects.requireNonNull(source, "source");
        if (qty <= 0) {
            return orderTx.inOrderTransaction(target, tx -> tx.orders().findByKey(target));
        }
        return orderTx.inOrderTransaction(target, tx -> {
            Optional<Order> o = tx.orders().findForUpdate(target);
            if (o.isEmpty()) {
                return o;
            }
            tx.handle()
                    .createUpdate("""
                            INSERT INTO trade.order_cancel_confirms (order_id, cancel_odno, qty, source, confirmed_ts)
                            VALUES (:id, :odno, :qty, :src, :ts) ON CONFLICT DO NOTHING""")
                    .bind("id", o.get().orderId())
                    .bind("odno", OrderKey.normalizeOdno(cancelOdno))
                    .bind("qty", qty)
                    .bind("src", source.name())
                    .bind("ts", clock.instant())
                    .execute();
            return raise(tx, o.get(), 0);
        });
    }

    /**
     * The broker says at least {@code cancelledAtLeast} shares of {@code target} are cancelled in all
     * (daily-ccld {@code cncl_cfrm_qty}, or what the open-orders list no longer holds unfilled).
     *
     * @return the order as stored afterwards; empty if {@code target} is not known
     */
    public Optional<Order> confirmCumulative(OrderKey target, long cancelledAtLeast) {
        return orderTx.inOrderTransaction(target, tx -> {
            Optional<Order> o = tx.orders().findForUpdate(target);
            return o.isEmpty() || cancelledAtLeast <= 0 ? o : raise(tx, o.get(), cancelledAtLeast);
        });
    }

    /** Stores the largest proven cancelled quantity, lowers open_qty, ends a covered order. */
    private Optional<Order> raise(StoreTx tx, Order order, long cumulative) {
        long cancelled = tx.handle()
                .createQuery("""
                        UPDATE trade.orders o
                           SET cancelled_qty = GREATEST(o.cancelled_qty, :cum,
                                   (SELECT COALESCE(sum(c.qty), 0) FROM trade.order_cancel_confirms c
                                     WHERE c.order_id = o.order_id)),
                               open_qty = CASE WHEN o.status = ANY(:open)
                                   THEN LEAST(o.open_qty, GREATEST(0, o.qty - o.filled_qty - GREATEST(o.cancelled_qty,
                                       :cum, (SELECT COALESCE(sum(c.qty), 0) FROM trade.order_cancel_confirms c
                                               WHERE c.order_id = o.order_id))))
                                   ELSE o.open_qty END
                         WHERE o.order_id = :id
                        RETURNING o.cancelled_qty""")
                .bind("id", order.orderId())
                .bind("cum", cumulative)
                .bindArray("open", String.class, OrderStore.NOT_TERMINAL)
                .mapTo(Long.class)
                .one();
        if (!order.status().isTerminal()
                && order.filledQty() < order.qty()
                && order.filledQty() + cancelled >= order.qty()) {
            return applier.applyBrokerStatus(order.key(), BrokerStatus.CANCELLED)
                    .order();
        }
        return tx.orders().findByKey(order.key());
    }

    /** The stored cancelled quantity of {@code key} (0 if unknown); for reports and tests. */
    public long of(OrderKey key) {
        return orderTx.inOrderTransaction(key, tx -> tx.handle()
                .createQuery("SELECT cancelled_qty FROM trade.orders WHERE order_id = :id")
                .bind("id", key.orderId())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }
}
