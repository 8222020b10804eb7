package io.execctl.store;

import io.execctl.domain.BrokerStatus;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.orders}: the broker orders strategies read. Writes are upserts by {@code order_id},
 * so writing the same order twice (WS, REST, a retry after a crash) leaves one row.
 */
public final class OrderStore {
    static final String COLUMNS = "order_id, intent_id, position_id, account_id, order_date, branch_no, kis_order_no, "
            + "orig_order_no, symbol, side, order_type, qty, limit_price, filled_qty, open_qty, avg_fill_price, "
            + "broker_status, status, source, reject_reason, submitted_ts, updated_ts";

    /** Statuses that are not terminal: the orders the sync loops still look after. */
    static final List<String> NOT_TERMINAL = Arrays.stream(OrderStatus.values())
            .filter(s -> !s.isTerminal())
            .map(Enum::name)
            .toList();

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
     * Inserts the order or updates its broker-side fields. An update never drops a known link: when
     * the new version has no intent (an order first seen by a sync as EXTERNAL), the stored intent,
     * position and source stay; {@code submitted_ts} keeps its first value; a null {@code rawJson} or
     * reject reason keeps the stored one.
     *
     * @return true if the row was inserted, false if an existing row was updated
     */
    public boolean upsert(Order order, String rawJson) {
        Objects.requireNonNull(order, "order");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.orders (%s, raw)
                VALUES (:orderId, :intentId, :positionId, :accountId, :orderDate, :branchNo, :kisOrderNo,
                        :origOrderNo, :symbol, :side, :orderType, :qty, :limitPrice, :filledQty, :openQty, :avgFillPrice,
                        :brokerStatus, :status, :source, :rejectReason, :submittedTs, :updatedTs, CAST(:raw AS jsonb))
                ON CONFLICT (order_id) DO UPDATE SET
                    intent_id      = COALESCE(EXCLUDED.intent_id, orders.intent_id),
                    position_id    = COALESCE(EXCLUDED.position_id, orders.position_id),
                    source         = CASE WHEN EXCLUDED.intent_id IS NULL THEN orders.source ELSE EXCLUDED.source END,
                    orig_order_no  = COALESCE(EXCLUDED.orig_order_no, orders.orig_order_no),
                    symbol         = EXCLUDED.symbol,
                    side           = EXCLUDED.side,
                    order_type     = EXCLUDED.order_type,
                    qty            = EXCLUDED.qty,
                    limit_price    = EXCLUDED.limit_price,
                    filled_qty     = EXCLUDED.filled_qty,
                    open_qty       = EXCLUDED.open_qty,
                    avg_fill_price = EXCLUDED.avg_fill_price,
                    broker_status  = EXCLUDED.broker_status,
                    status         = EXCLUDED.status,
                    reject_reason  = COALESCE(EXCLUDED.reject_reason, orders.reject_reason),
                    updated_ts     = EXCLUDED.updated_ts,
                    raw            = COALESCE(EXCLUDED.raw, orders.raw)
                RETURNING (xmax = 0) AS inserted
                """.formatted(COLUMNS))
                .bind("orderId", order.orderId())
                .bind("intentId", order.intentId())
                .bind("positionId", order.positionId())
                .bind("accountId", order.accountId())
                .bind("orderDate", order.key().orderDate())
                .bind("branchNo", order.key().branch())
                .bind("kisOrderNo", order.key().odno())
                .bind("origOrderNo", order.origOrderNo())
                .bind("symbol", order.symbol())
                .bind("side", order.side().name())
                .bind("orderType", order.orderType().name())
                .bind("qty", order.qty())
                .bind("limitPrice", order.limitPrice())
                .bind("filledQty", order.filledQty())
                .bind("openQty", order.openQty())
                .bind("avgFillPrice", order.avgFillPrice())
                .bind("brokerStatus", order.brokerStatus().name())
                .bind("status", order.status().name())
                .bind("source", order.source().name())
                .bind("rejectReason", order.rejectReason())
                .bind("submittedTs", order.submittedTs())
                .bind("updatedTs", order.updatedTs())
                .bind("raw", rawJson)
                .mapTo(Boolean.class)
                .one());
    }

    /**
     * Updates the fill-derived fields and statuses of an existing order (the engine's per-fill write).
     *
     * @return false if there is no such order
     */
    public boolean updateProgress(
            String orderId,
            long filledQty,
            long openQty,
            BigDecimal avgFillPrice,
            BrokerStatus brokerStatus,
            OrderStatus status,
            Instant updatedTs) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.orders
                   SET filled_qty = :filledQty, open_qty = :openQty, avg_fill_price = :avg,
                       broker_status = :brokerStatus, status = :status, updated_ts = :ts
                 WHERE order_id = :orderId
                """)
                        .bind("orderId", orderId)
                        .bind("filledQty", filledQty)
                        .bind("openQty", openQty)
                        .bind("avg", avgFillPrice)
                        .bind("brokerStatus", brokerStatus.name())
                        .bind("status", status.name())
                        .bind("ts", Objects.requireNonNull(updatedTs, "updatedTs"))
                        .execute())
                == 1;
    }

    public Optional<Order> find(String orderId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders WHERE order_id = :id")
                .bind("id", orderId)
                .map(OrderStore::map)
                .findOne());
    }

    /** Reads and row-locks the order until the end of the caller's transaction. */
    public Optional<Order> findForUpdate(String orderId) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders WHERE order_id = :id FOR UPDATE")
                        .bind("id", orderId)
                        .map(OrderStore::map)
                        .findOne());
    }

    public Optional<Order> findByIntent(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.orders WHERE intent_id = :id")
                .bind("id", intentId)
                .map(OrderStore::map)
                .findOne());
    }

    /** By the broker's identity: account, Korean order date and ODNO (padded or not). */
    public Optional<Order> findByBrokerKey(String accountId, LocalDate orderDate, String odno) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                 FROM trade.orders WHERE account_id = :acc AND order_date = :date AND kis_order_no = :odno""")
                .bind("acc", accountId)
                .bind("date", orderDate)
                .bind("odno", OrderKey.normalizeOdno(odno))
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
                rs.getObject("order_date", LocalDate.class), rs.getString("branch_no"), rs.getString("kis_order_no"));
        return new Order(
                key,
                Db.uuid(rs, "intent_id"),
                Db.uuid(rs, "position_id"),
                rs.getString("account_id"),
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
