package io.execctl.store;

import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The reads and locks of the ownership decision ({@code engine.ownership}), on the caller's
 * transaction. Decisions about orders of one account, date, symbol and side are serialised by one
 * advisory lock, and the candidate submissions are row-locked, so two processes deciding at once
 * can neither adopt the same ODNO twice nor two ODNOs into one submission.
 */
public final class OwnershipStore {
    private final Handle handle;

    private OwnershipStore(Handle handle) {
        this.handle = handle;
    }

    /** On the caller's handle, which must have an open transaction. */
    public static OwnershipStore on(Handle handle) {
        Objects.requireNonNull(handle, "handle");
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("the ownership decision runs in one transaction");
        }
        return new OwnershipStore(handle);
    }

    /** The decision lock of one account, date, symbol and side, then the order's own lock ({@link OrderTx}). */
    public void lock(OrderKey key, String symbol, Side side) {
        AdvisoryLocks.lockForTransaction(
                handle, "ownership", key.accountId() + "/" + key.orderDate() + "/" + symbol + "/" + side);
        handle.createQuery("SELECT pg_advisory_xact_lock(:k)")
                .bind("k", OrderTx.lockKey(key))
                .mapTo(String.class)
                .one();
    }

    /**
     * The SENT and UNKNOWN submissions of this date, symbol and side with no order row yet,
     * row-locked until the end of the transaction.
     */
    public List<UnresolvedSubmission> unresolved(LocalDate tradingDate, String symbol, Side side) {
        return handle.createQuery("""
                        SELECT s.intent_id, s.state, s.attempts, s.request ->> 'symbol' AS symbol,
                               s.request ->> 'side' AS side, s.request ->> 'qty' AS qty,
                               s.request ->> 'ord_dvsn' AS ord_dvsn, s.request ->> 'price' AS price,
                               s.request ->> 'position_id' AS position_id, s.trading_date, s.first_sent_ts,
                               s.send_deadline, s.sent_ts
                          FROM trade.submissions s
                         WHERE s.state IN ('SENT', 'UNKNOWN') AND s.trading_date = :date
                           AND s.request ->> 'symbol' = :sym AND s.request ->> 'side' = :side
                           AND NOT EXISTS (SELECT 1 FROM trade.orders o WHERE o.intent_id = s.intent_id)
                         ORDER BY s.intent_id
                           FOR UPDATE OF s""")
                .bind("date", tradingDate)
                .bind("sym", symbol)
                .bind("side", side.name())
                .map(OwnershipStore::map)
                .list();
    }

    /** What a journal row asked the broker for (any state after the first send). */
    public Optional<UnresolvedSubmission> shapeOf(UUID intentId) {
        return handle.createQuery("""
                        SELECT s.intent_id, s.state, s.attempts, s.request ->> 'symbol' AS symbol,
                               s.request ->> 'side' AS side, s.request ->> 'qty' AS qty,
                               s.request ->> 'ord_dvsn' AS ord_dvsn, s.request ->> 'price' AS price,
                               s.request ->> 'position_id' AS position_id, s.trading_date, s.first_sent_ts,
                               s.send_deadline, s.sent_ts
                          FROM trade.submissions s
                         WHERE s.intent_id = :id AND s.first_sent_ts IS NOT NULL
                           AND s.request ->> 'side' IS NOT NULL""")
                .bind("id", intentId)
                .map(OwnershipStore::map)
                .findOne();
    }

    /** The intent whose journal row names {@code orderId} (the owner recorded the broker's answer). */
    public Optional<UUID> journalOwner(String orderId) {
        return handle.createQuery("SELECT intent_id FROM trade.submissions WHERE order_id = :o FOR UPDATE")
                .bind("o", orderId)
                .mapTo(UUID.class)
                .findOne();
    }

    /** A journal row that holds an accepted order whose {@code orders} row is missing. */
    public record JournalOrder(UUID intentId, String orderId, LocalDate tradingDate, String branch) {}

    /**
     * Journal rows that hold an accepted order whose {@code orders} row was never written (a failure
     * after the journal committed the ODNO), or was written without its intent (recorded EXTERNAL
     * before the owner linked it, then the owner died): the repair work of the resolver. Not locked.
     */
    public static List<JournalOrder> acceptedWithoutRow(Handle h) {
        return h.createQuery("""
                        SELECT s.intent_id, s.order_id, s.trading_date,
                               s.response #>> '{output,KRX_FWDG_ORD_ORGNO}' AS branch
                          FROM trade.submissions s
                         WHERE s.state IN ('ACCEPTED', 'RESOLVED') AND s.order_id IS NOT NULL
                           AND s.trading_date IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM trade.orders o
                                            WHERE o.order_id = s.order_id AND o.intent_id IS NOT NULL)
                         ORDER BY s.intent_id""")
                .map((rs, ctx) -> new JournalOrder(
                        Db.uuid(rs, "intent_id"),
                        rs.getString("order_id"),
                        rs.getObject("trading_date", LocalDate.class),
                        rs.getString("branch")))
                .list();
    }

    static UnresolvedSubmission map(ResultSet rs, StatementContext ctx) throws SQLException {
        String price = rs.getString("price");
        String position = rs.getString("position_id");
        String dvsn = rs.getString("ord_dvsn");
        return new UnresolvedSubmission(
                Db.uuid(rs, "intent_id"),
                Submission.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getString("symbol"),
                Side.valueOf(rs.getString("side")),
                Long.parseLong(rs.getString("qty")),
                dvsn == null ? null : OrderType.fromOrdDvsn(dvsn).orElse(null),
                price == null ? null : new BigDecimal(price.trim()),
                position == null ? null : UUID.fromString(position),
                rs.getObject("trading_date", LocalDate.class),
                Db.instant(rs, "first_sent_ts"),
                Db.instant(rs, "send_deadline"),
                Db.instant(rs, "sent_ts"));
    }
}
