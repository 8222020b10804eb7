package io.execctl.proof;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What execctl's tables say, read in one repeatable-read transaction so the rows agree with each
 * other: orders with their live (non-voided) fill sums, the fill rows, holdings of the account,
 * intents with their journal state and reason. Read-only.
 */
public record DbFacts(List<DbOrder> orders, List<DbFill> fills, List<DbHolding> holdings, List<DbIntent> intents) {
    public DbFacts {
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        holdings = List.copyOf(holdings);
        intents = List.copyOf(intents);
    }

    /** One {@code trade.orders} row and the sums of its live fills. */
    public record DbOrder(
            String orderId,
            LocalDate orderDate,
            String odno,
            String origOrderNo,
            UUID intentId,
            String source,
            String symbol,
            String side,
            long qty,
            String status,
            long filledQty,
            long liveFillQty,
            BigDecimal liveFillAmount) {
        /** {@code yyyyMMdd/odno}, as {@link BrokerLedger.Order#key()}. */
        public String key() {
            return orderDate.toString().replace("-", "") + "/" + odno;
        }

        @Override
        public String toString() {
            return "trade.orders " + orderId + " " + side + " " + qty + " " + symbol + " status " + status
                    + " filled_qty " + filledQty + " source " + source
                    + (intentId == null ? "" : " intent " + intentId)
                    + (origOrderNo == null ? "" : " orig " + origOrderNo);
        }
    }

    /** One {@code trade.fills} row. */
    public record DbFill(
            UUID fillId,
            String orderId,
            long qty,
            BigDecimal price,
            BigDecimal amount,
            String source,
            String receipt,
            boolean voided) {
        @Override
        public String toString() {
            return "trade.fills " + fillId + " order " + orderId + " qty " + qty + " price " + price.toPlainString()
                    + " amount " + amount.toPlainString() + " " + source
                    + (receipt == null ? "" : " receipt " + receipt)
                    + (voided ? " VOIDED" : "");
        }
    }

    public record DbHolding(String symbol, long qty, BigDecimal avgPrice) {}

    /**
     * One intent: its status, the submission journal's state (null: never claimed) and execctl's
     * reason code (null: none recorded).
     */
    public record DbIntent(
            UUID intentId,
            String symbol,
            String intentType,
            long qty,
            String status,
            String journalState,
            String reason) {
        @Override
        public String toString() {
            return "intent " + intentId + " " + intentType + " " + qty + " " + symbol + " status " + status
                    + " journal " + (journalState == null ? "-" : journalState)
                    + (reason == null ? "" : " reason " + reason);
        }
    }

    /** Reads the facts of {@code accountId} ({@code 12345678-01}) in one repeatable-read snapshot. */
    public static DbFacts read(Jdbi jdbi, String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            return read(h, accountId);
        });
    }

    /** Reads the facts on the caller's handle (and within its transaction, if one is open). */
    public static DbFacts read(Handle h, String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return new DbFacts(orders(h, accountId), fills(h, accountId), holdings(h, accountId), intents(h));
    }

    private static List<DbOrder> orders(Handle h, String accountId) {
        return h.createQuery("""
                        SELECT o.order_id, o.order_date, o.kis_order_no, o.orig_order_no, o.intent_id, o.source,
                               o.symbol, o.side, o.qty, o.status, o.filled_qty,
                               COALESCE(sum(f.qty) FILTER (WHERE NOT f.voided), 0) AS live_qty,
                               COALESCE(sum(f.amount) FILTER (WHERE NOT f.voided), 0) AS live_amount
                          FROM trade.orders o LEFT JOIN trade.fills f ON f.order_id = o.order_id
                         WHERE o.account_id = :acc
                         GROUP BY o.order_id
                         ORDER BY o.order_date, o.kis_order_no""")
                .bind("acc", accountId)
                .map((rs, ctx) -> new DbOrder(
                        rs.getString("order_id"),
                        rs.getObject("order_date", LocalDate.class),
                        rs.getString("kis_order_no"),
                        rs.getString("orig_order_no"),
                        rs.getObject("intent_id", UUID.class),
                        rs.getString("source"),
                        rs.getString("symbol"),
                        rs.getString("side"),
                        rs.getLong("qty"),
                        rs.getString("status"),
                        rs.getLong("filled_qty"),
                        rs.getLong("live_qty"),
                        rs.getBigDecimal("live_amount")))
                .list();
    }

    private static List<DbFill> fills(Handle h, String accountId) {
        return h.createQuery("""
                        SELECT f.fill_id, f.order_id, f.qty, f.price, f.amount, f.source, f.receipt, f.voided
                          FROM trade.fills f JOIN trade.orders o ON o.order_id = f.order_id
                         WHERE o.account_id = :acc
                         ORDER BY f.row_no""")
                .bind("acc", accountId)
                .map((rs, ctx) -> new DbFill(
                        rs.getObject("fill_id", UUID.class),
                        rs.getString("order_id"),
                        rs.getLong("qty"),
                        rs.getBigDecimal("price"),
                        rs.getBigDecimal("amount"),
                        rs.getString("source"),
                        rs.getString("receipt"),
                        rs.getBoolean("voided")))
                .list();
    }

    private static List<DbHolding> holdings(Handle h, String accountId) {
        return h.createQuery(
                        "SELECT symbol, qty, avg_price FROM trade.holdings WHERE account_id = :acc ORDER BY symbol")
                .bind("acc", accountId)
                .map((rs, ctx) ->
                        new DbHolding(rs.getString("symbol"), rs.getLong("qty"), rs.getBigDecimal("avg_price")))
                .list();
    }

    private static List<DbIntent> intents(Handle h) {
        boolean present = h.createQuery("SELECT to_regclass('trade.order_intents') IS NOT NULL")
                .mapTo(Boolean.class)
                .one();
        if (!present) {
            return List.of();
        }
        return h.createQuery("""
                        SELECT i.intent_id, i.symbol, i.intent_type, i.qty, i.status, s.state, io.reason_code
                          FROM trade.order_intents i
                          LEFT JOIN trade.submissions s ON s.intent_id = i.intent_id
                          LEFT JOIN trade.intent_outcomes io ON io.intent_id = i.intent_id
                         ORDER BY i.created_ts, i.intent_id""")
                .map((rs, ctx) -> new DbIntent(
                        rs.getObject("intent_id", UUID.class),
                        rs.getString("symbol"),
                        rs.getString("intent_type"),
                        rs.getLong("qty"),
                        rs.getString("status"),
                        rs.getString("state"),
                        rs.getString("reason_code")))
                .list();
    }
}
