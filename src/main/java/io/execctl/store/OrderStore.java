package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.FillBook;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.orders}: the broker orders strategies read, keyed by their identity (account, trading
 * date, ODNO; {@link OrderKey}). {@link #upsert} records that an order exists and its descriptive
 * facts; it never moves the status, the broker status or the fill-derived quantities: those change
 * only in the per-order transaction of {@link FillApplier} through the {@code OrderStatusMachine}, so
 * a stale or external sync cannot reopen a terminal order.
 */
public final class OrderStore {
    /** The branch of a row written before any source named it (a notice carries none). */
    public static final String UNKNOWN_BRANCH = "00000";

    static final String COLUMNS = "order_id, intent_id, position_id, account_id, order_date, branch_no, kis_order_no, "
            + "orig_order_no, symbol, side, order_type, qty, limit_price, filled_qty, open_qty, avg_fill_price, "
            + "broker_status, status, source, reject_reason, submitted_ts, updated_ts";

    /** Statuses that are not terminal: the orders the sync loops still look after. */
    static final List<String> NOT_TERMINAL = Arrays.stream(OrderStatus.values())
            .filter(s -> !s.isTerminal())
            .map(Enum::name)
            .toList();

    private static final String BY_KEY = " WHERE account_id = :acc AND order_date = :date AND kis_order_no = :odno";

    private final Handles handles;

    private OrderStore(Handles handles) {
        this.handles = handles;
    }

    public static OrderStore of(Jdbi jdbi) {
        return new OrderStore(Handles.of(jdbi));
    }

    /** A store working inside the caller's handle (and its transaction, if one is open). */
    public static OrderStore on(Handle handle) {
        return new OrderStore(Handles.of(handle));
    }

    /**
     * Inserts the order, or adds what a later source knows to the stored one. On an existing order
     * only links and descriptions change: a known intent/position/source stays when the new version
     * has none (an order first seen by a sync as EXTERNAL), {@code orig_order_no}, the reject reason
     * and {@code raw} are filled in when missing, {@code updated_ts} only grows. The status, broker
     * status, branch, quantities and prices stay as stored — except a branch stored as
     * {@link #UNKNOWN_BRANCH} (a row first written from a notice, which names no branch), which the
     * first version that knows it replaces: a cancel must name the branch that took the order. A new order is stored with nothing
     * filled: fills and everything derived from them enter through {@link FillApplier}.
     *
     * @return true if the row was inserted, false if it existed
     * @throws IllegalArgumentException if the order claims fills ({@code filledQty > 0})
     * @throws IllegalStateException if the order names an intent and the stored row is linked to another
     */
    public boolean upsert(Order order, String rawJson) {
        Objects.requireNonNull(order, "order");
        if (order.filledQty() != 0) {
            throw new IllegalArgumentException("an order is stored unfilled; fills enter through FillApplier");
        }
        return handles.with(h -> h.inTransaction(tx -> upsertLocked(tx, order, rawJson)));
    }

    /**
     * Under the order's lock (the one {@link OrderTx} takes; re-entrant in a transaction that holds it):
     * with two unique indexes (primary key and natural key), two transactions inserting the same order
     * at once can meet on the index that is not the {@code ON CONFLICT} arbiter and fail with a unique
     * violation instead of updating — found with two syncs at once. The lock makes the second wait and
     * then take the update branch.
     */
    private static boolean upsertLocked(Handle h, Order order, String rawJson) {
        h.createQuery("SELECT pg_advisory_xact_lock(:k)")
                .bind("k", OrderTx.lockKey(order.key()))
                .mapTo(String.class)
                .one();
        return h.createQuery("""
                INSERT INTO trade.orders (%s, raw)
                VALUES (:orderId, :intentId, :positionId, :accountId, :orderDate, :branchNo, :kisOrderNo,
                        :origOrderNo, :symbol, :side, :orderType, :qty, :limitPrice, 0, :openQty, NULL,
                        :brokerStatus, :status, :source, :rejectReason, :submittedTs, :updatedTs, CAST(:raw AS jsonb))
                ON CONFLICT (order_id) DO UPDATE SET
                    intent_id      = COALESCE(orders.intent_id, EXCLUDED.intent_id),
                    position_id    = COALESCE(orders.position_id, EXCLUDED.position_id),
                    source         = CASE WHEN orders.intent_id IS NULL AND EXCLUDED.intent_id IS NOT NULL
                                          THEN EXCLUDED.source ELSE orders.source END,
                    branch_no      = CASE WHEN orders.branch_no = :unknownBranch THEN EXCLUDED.branch_no
                                          ELSE orders.branch_no END,
                    orig_order_no  = COALESCE(orders.orig_order_no, EXCLUDED.orig_order_no),
                    reject_reason  = COALESCE(orders.reject_reason, EXCLUDED.reject_reason),
                    updated_ts     = GREATEST(orders.updated_ts, EXCLUDED.updated_ts),
                    raw            = COALESCE(EXCLUDED.raw, orders.raw)
                RETURNING (xmax = 0) AS inserted, intent_id
                """.formatted(COLUMNS))
                .bind("orderId", order.orderId())
                .bind("intentId", order.intentId())
                .bind("positionId", order.positionId())
                .bind("accountId", order.accountId())
                .bind("orderDate", order.key().orderDate())
                .bind("branchNo", order.branch())
                .bind("unknownBranch", UNKNOWN_BRANCH)
                .bind("kisOrderNo", order.key().odno())
                .bind("origOrderNo", order.origOrderNo())
                .bind("symbol", order.symbol())
                .bind("side", order.side().name())
                .bind("orderType", order.orderType().name())
                .bind("qty", order.qty())
                .bind("limitPrice", order.limitPrice())
                .bind("openQty", order.openQty())
                .bind("brokerStatus", order.brokerStatus().name())
                .bind("status", order.status().name())
                .bind("source", order.source().name())
                .bind("rejectReason", order.rejectReason())
                .bind("submittedTs", order.submittedTs())
                .bind("updatedTs", order.updatedTs())
                .bind("raw", rawJson)
                .map((rs, ctx) -> {
                    UUID owner = rs.getObject("intent_id", UUID.class);
                    if (order.intentId() != null && !order.intentId().equals(owner)) {
                        // one order, one intent: an existing link is never replaced (the caller's
                        // transaction rolls back)
                        throw new IllegalStateException(
                                "order " + order.orderId() + " already belongs to intent " + owner);
                    }
                    return rs.getBoolean("inserted");
                })
                .one();
    }

    /**
     * Writes the fill-derived fields, statuses and broker proof of an existing order: only
     * {@link FillApplier} calls this, inside the order's transaction, after the status machine. The
     * open quantity is net of the confirmed cancels ({@link CancelledQuantity}: a partial cancel).
     *
     * @return false if there is no such order
     */
    boolean writeProgress(OrderKey key, Progress p) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.orders
                   SET filled_qty = :filledQty, open_qty = GREATEST(0, :openQty - cancelled_qty), avg_fill_price = :avg,
                       broker_status = :brokerStatus, status = :status, updated_ts = GREATEST(updated_ts, :ts),
                       broker_ccld_qty = :bq, broker_ccld_amt = :ba, broker_final = :bf
                """ + BY_KEY)
                        .bind("acc", key.accountId())
                        .bind("date", key.orderDate())
                        .bind("odno", key.odno())
                        .bind("filledQty", p.filledQty())
                        .bind("openQty", p.openQty())
                        .bind("avg", p.avgFillPrice())
                        .bind("brokerStatus", p.brokerStatus().name())
                        .bind("status", p.status().name())
                        .bind("ts", p.at())
                        .bind("bq", p.broker().qty())
                        .bind("ba", p.broker().amount())
                        .bind("bf", p.broker().isFinal())
                        .execute())
                == 1;
    }

    /** {@link #writeProgress} for several orders as one batched statement. */
    void writeProgressAll(Map<OrderKey, Progress> progress) {
        if (progress.isEmpty()) {
            return;
        }
        handles.use(h -> {
            PreparedBatch b = h.prepareBatch("""
                    UPDATE trade.orders
                       SET filled_qty = :filledQty, open_qty = GREATEST(0, :openQty - cancelled_qty), avg_fill_price = :avg,
                           broker_status = :brokerStatus, status = :status, updated_ts = GREATEST(updated_ts, :ts),
                           broker_ccld_qty = :bq, broker_ccld_amt = :ba, broker_final = :bf
                    """ + BY_KEY);
            progress.forEach((key, p) -> b.bind("acc", key.accountId())
                    .bind("date", key.orderDate())
                    .bind("odno", key.odno())
                    .bind("filledQty", p.filledQty())
                    .bind("openQty", p.openQty())
                    .bind("avg", p.avgFillPrice())
                    .bind("brokerStatus", p.brokerStatus().name())
                    .bind("status", p.status().name())
                    .bind("ts", p.at())
                    .bind("bq", p.broker().qty())
                    .bind("ba", p.broker().amount())
                    .bind("bf", p.broker().isFinal())
                    .add());
            b.execute();
        });
    }

    /** An order read under its row lock, with what snapshots proved about its totals. */
    record Locked(Order order, FillBook.Broker proof) {}

    /**
     * The orders of {@code keys} that exist, row-locked until the end of the transaction, each with
     * its broker proof ({@link #findForUpdate} and {@link #brokerProof} of several orders at once).
     */
    Map<OrderKey, Locked> findAllForUpdate(Collection<OrderKey> keys) {
        Map<String, OrderKey> byId = new HashMap<>();
        for (OrderKey k : keys) {
            byId.put(k.orderId(), k);
        }
        Map<OrderKey, Locked> out = new HashMap<>();
        handles.use(h -> h.createQuery("SELECT " + COLUMNS
                        + ", broker_ccld_qty, broker_ccld_amt, broker_final FROM trade.orders"
                        + " WHERE order_id = ANY(:ids) ORDER BY order_id FOR UPDATE")
                .bindArray("ids", String.class, List.copyOf(byId.keySet()))
                .map((rs, ctx) -> new Locked(
                        map(rs, ctx),
                        new FillBook.Broker(
                                rs.getLong("broker_ccld_qty"),
                                rs.getBigDecimal("broker_ccld_amt"),
                                rs.getBoolean("broker_final"))))
                .forEach(l -> {
                    if (l.order().key().equals(byId.get(l.order().orderId()))) {
                        out.put(l.order().key(), l);
                    }
                }));
        return out;
    }

    /** The fill-derived state of an order as {@link FillApplier} writes it. */
    record Progress(
            long filledQty,
            long openQty,
            BigDecimal avgFillPrice,
            BrokerStatus brokerStatus,
            OrderStatus status,
            FillBook.Broker broker,
            Instant at) {
        Progress {
            Objects.requireNonNull(brokerStatus, "brokerStatus");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What snapshots proved about the order's totals (see {@code FillBook.Broker}). */
    public Optional<FillBook.Broker> brokerProof(OrderKey key) {
        return handles.with(
                h -> h.createQuery("SELECT broker_ccld_qty, broker_ccld_amt, broker_final FROM trade.orders" + BY_KEY)
                        .bind("acc", key.accountId())
                        .bind("date", key.orderDate())
                        .bind("odno", key.odno())
                        .map((rs, ctx) -> new FillBook.Broker(
                                rs.getLong("broker_ccld_qty"),
                                rs.getBigDecimal("broker_ccld_amt"),
                                rs.getBoolean("broker_final")))
                        .findOne());
    }

    public Optional<Order> find(String orderId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders WHERE order_id = :id")
                .bind("id", orderId)
                .map(OrderStore::map)
                .findOne());
    }

    /** Reads and row-locks the order until the end of the caller's transaction. */
    public Optional<Order> findForUpdate(OrderKey key) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders" + BY_KEY + " FOR UPDATE")
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map(OrderStore::map)
                .findOne());
    }

    public Optional<Order> findByIntent(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders WHERE intent_id = :id")
                .bind("id", intentId)
                .map(OrderStore::map)
                .findOne());
    }

    /** By the order's identity: account, Korean trading date and ODNO, never ODNO alone. */
    public Optional<Order> findByKey(OrderKey key) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders" + BY_KEY)
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map(OrderStore::map)
                .findOne());
    }

    /**
     * The account's orders that are not terminal ({@code SUBMITTED}, {@code PARTIAL}, {@code UNKNOWN},
     * {@code ERROR}): what the open-order and fill syncs must still confirm with the broker.
     */
    public List<Order> findOpen(String accountId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                 FROM trade.orders WHERE account_id = :acc AND status IN (<statuses>)
                 ORDER BY order_date, kis_order_no""")
                .bind("acc", accountId)
                .bindList("statuses", NOT_TERMINAL)
                .map(OrderStore::map)
                .list());
    }

    public List<Order> findByPosition(UUID positionId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.orders WHERE position_id = :p ORDER BY submitted_ts, order_id")
                .bind("p", positionId)
                .map(OrderStore::map)
                .list());
    }

    /** The account's orders of one Korean trading date, in ODNO order. */
    public List<Order> findByDate(String accountId, LocalDate orderDate) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.orders WHERE account_id = :acc AND order_date = :d ORDER BY kis_order_no")
                .bind("acc", accountId)
                .bind("d", orderDate)
                .map(OrderStore::map)
                .list());
    }

    /** The stored broker payload as JSON text. */
    public Optional<String> raw(String orderId) {
        return handles.with(h -> h.createQuery("SELECT raw::text FROM trade.orders WHERE order_id = :id")
                .bind("id", orderId)
                .mapTo(String.class)
                .findOne());
    }

    static Order map(ResultSet rs, StatementContext ctx) throws SQLException {
        OrderKey key = OrderKey.of(
                rs.getString("account_id"), rs.getObject("order_date", LocalDate.class), rs.getString("kis_order_no"));
        return new Order(
                key,
                Db.uuid(rs, "intent_id"),
                Db.uuid(rs, "position_id"),
                rs.getString("branch_no"),
                rs.getString("orig_order_no"),
                rs.getString("symbol"),
                Side.valueOf(rs.getString("side")),
                OrderType.valueOf(rs.getString("order_type")),
                rs.getLong("qty"),
                rs.getBigDecimal("limit_price"),
                rs.getLong("filled_qty"),
                rs.getLong("open_qty"),
                rs.getBigDecimal("avg_fill_price"),
                BrokerStatus.valueOf(rs.getString("broker_status")),
                OrderStatus.valueOf(rs.getString("status")),
                OrderSource.valueOf(rs.getString("source")),
                rs.getString("reject_reason"),
                Db.instant(rs, "submitted_ts"),
                Db.instant(rs, "updated_ts"));
    }
}
