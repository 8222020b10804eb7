package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    private final Jdbi jdbi;
    private final OrderTx orderTx;
    private final FillApplier applier;
    private final Clock clock;

    public CancelledQuantity(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.orderTx = new OrderTx(jdbi);
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

    /**
     * One confirmation a REST row proves: cancel {@code cancelOdno} took {@code qty} shares from
     * {@code target} ({@link #confirmCancel}), or, with {@code cancelOdno} null, at least {@code qty}
     * shares of {@code target} are cancelled in all ({@link #confirmCumulative}).
     */
    public record Confirmation(OrderKey target, String cancelOdno, long qty) {
        public Confirmation {
            Objects.requireNonNull(target, "target");
            cancelOdno = cancelOdno == null ? null : OrderKey.normalizeOdno(cancelOdno);
        }
    }

    /**
     * The confirmations of a page that would write nothing now, judged on ONE lock-free read of their
     * orders: the target is unknown, or its cancel row is already stored, its {@code cancelled_qty}
     * already at least the proof, its {@code open_qty} already net of it, and it is not an open order
     * that fills and cancels cover (which the locked path would end). {@code cancelled_qty} and the
     * cancel rows only grow, so such a confirmation is the same no-op as if its locked transaction had
     * run at the read; every other one goes through the locked path as before. A sync re-reads the
     * same cancel rows every pass: before, each cost a transaction each time.
     */
    public Set<Confirmation> noOps(List<Confirmation> page) {
        Map<String, OrderKey> byId = new HashMap<>();
        page.forEach(c -> byId.put(c.target().orderId(), c.target()));
        if (byId.isEmpty()) {
            return Set.of();
        }
        Map<OrderKey, Stored> stored = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT o.order_id, o.account_id, o.order_date, o.kis_order_no, o.qty, o.filled_qty,
                               o.open_qty, o.cancelled_qty, o.status, COALESCE(sum(c.qty), 0) AS confirmed,
                               COALESCE(array_agg(CAST(c.cancel_odno AS text)) FILTER (WHERE c.cancel_odno IS NOT NULL),
                                        CAST('{}' AS text[])) AS odnos
                          FROM trade.orders o LEFT JOIN trade.order_cancel_confirms c ON c.order_id = o.order_id
                         WHERE o.order_id = ANY(:ids)
                         GROUP BY o.order_id""")
                .bindArray("ids", String.class, List.copyOf(byId.keySet()))
                .map((rs, ctx) -> new Stored(
                        OrderKey.of(
                                rs.getString("account_id"),
                                rs.getObject("order_date", LocalDate.class),
                                rs.getString("kis_order_no")),
                        rs.getString("order_id"),
                        rs.getLong("qty"),
                        rs.getLong("filled_qty"),
                        rs.getLong("open_qty"),
                        rs.getLong("cancelled_qty"),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getLong("confirmed"),
                        new HashSet<>(
                                Arrays.asList((String[]) rs.getArray("odnos").getArray()))))
                .forEach(x -> {
                    if (x.key().equals(byId.get(x.orderId()))) {
                        stored.put(x.key(), x);
                    }
                }));
        Set<Confirmation> out = new HashSet<>();
        for (Confirmation c : page) {
            Stored x = stored.get(c.target());
            if (x == null || c.qty() <= 0 || x.noOp(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** An order's cancel figures as read by {@link #noOps}. */
    private record Stored(
            OrderKey key,
            String orderId,
            long qty,
            long filled,
            long open,
            long cancelled,
            OrderStatus status,
            long confirmed,
            Set<String> odnos) {
        /** Whether {@link #raise} (after the cancel row's insert) would change nothing. */
        boolean noOp(Confirmation c) {
            if (c.cancelOdno() != null && !odnos.contains(c.cancelOdno())) {
                return false; // the cancel row is new
            }
            long cum = c.cancelOdno() == null ? c.qty() : 0;
            boolean openStatus = !status.isTerminal();
            return cancelled >= Math.max(cum, confirmed)
                    && (!openStatus || open <= Math.max(0, qty - filled - cancelled))
                    && !(openStatus && filled < qty && filled + cancelled >= qty);
        }
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
