package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.fills}. A fill's key is (order, cumulative filled quantity after it), so the same
 * logical execution seen on the WebSocket and inferred from REST lands on one row: inserting it
 * again changes nothing. Fills are never deleted; an excess fill is voided and stays for audit.
 */
public final class FillStore {
    private static final String COLUMNS = "fill_id, order_id, ts, qty, price, fee, tax, seq, source, voided";

    private final Handles handles;

    private FillStore(Handles handles) {
        this.handles = handles;
    }

    public static FillStore of(Jdbi jdbi) {
        return new FillStore(Handles.of(jdbi));
    }

    public static FillStore on(Handle handle) {
        return new FillStore(Handles.of(handle));
    }

    /** Quantity and amount of an order's non-void fills. */
    public record Totals(long qty, BigDecimal amount, BigDecimal fee, BigDecimal tax) {
        public Totals {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(fee, "fee");
            Objects.requireNonNull(tax, "tax");
        }

        /** The quantity-weighted average price, empty when nothing is filled. */
        public Optional<BigDecimal> averagePrice(MathContext mc) {
            return qty == 0 ? Optional.empty() : Optional.of(amount.divide(BigDecimal.valueOf(qty), mc));
        }
    }

    /**
     * Inserts the fill unless its (order, seq) is already stored.
     *
     * @return true if this call stored it, false if it was already there (voided or not)
     * @throws IllegalArgumentException if the fill's id is not {@link Fill#idFor}(order, seq), or it
     *                                  arrives voided
     */
    public boolean insert(Fill fill, String rawJson) {
        Objects.requireNonNull(fill, "fill");
        if (!fill.fillId().equals(Fill.idFor(fill.orderId(), fill.seq()))) {
            throw new IllegalArgumentException("fill id of " + fill.orderId() + " seq " + fill.seq()
                    + " is not the deterministic Fill.idFor(order, seq)");
        }
        if (fill.voided()) {
            throw new IllegalArgumentException("a fill is stored live and voided afterwards with void()");
        }
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, fee, tax, seq, source, raw)
                VALUES (:fillId, :orderId, :ts, :qty, :price, :fee, :tax, :seq, :source, CAST(:raw AS jsonb))
                ON CONFLICT (order_id, seq) DO NOTHING
                """)
                        .bind("fillId", fill.fillId())
                        .bind("orderId", fill.orderId())
                        .bind("ts", fill.ts())
                        .bind("qty", fill.qty())
                        .bind("price", fill.price())
                        .bind("fee", fill.fee())
                        .bind("tax", fill.tax())
                        .bind("seq", fill.seq())
                        .bind("source", fill.source().name())
                        .bind("raw", rawJson)
                        .execute())
                == 1;
    }

    /** The order's non-void fills in execution order. */
    public List<Fill> listLive(String orderId) {
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = :o AND NOT voided ORDER BY seq")
                .bind("o", orderId)
                .map(FillStore::map)
                .list());
    }

    /** All the order's fills, voided ones included, in seq order (audit). */
    public List<Fill> listAll(String orderId) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = :o ORDER BY seq")
                        .bind("o", orderId)
                        .map(FillStore::map)
                        .list());
    }

    public Optional<Fill> find(UUID fillId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.fills WHERE fill_id = :id")
                .bind("id", fillId)
                .map(FillStore::map)
                .findOne());
    }

    /**
     * The fill stored under (order, seq), voided or not: when {@link #insert} returns false, the
     * caller compares it with what it tried to store (same quantity and price, or a conflict to log).
     */
    public Optional<Fill> findBySeq(String orderId, long seq) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = :o AND seq = :s")
                        .bind("o", orderId)
                        .bind("s", seq)
                        .map(FillStore::map)
                        .findOne());
    }

    /** Sums of the order's non-void fills (fee and tax count missing values as zero). */
    public Totals totals(String orderId) {
        return handles.with(h -> h.createQuery("""
                SELECT COALESCE(SUM(qty), 0) AS qty, COALESCE(SUM(qty * price), 0) AS amount,
                       COALESCE(SUM(fee), 0) AS fee, COALESCE(SUM(tax), 0) AS tax
                  FROM trade.fills WHERE order_id = :o AND NOT voided
                """)
                .bind("o", orderId)
                .map((rs, ctx) -> new Totals(
                        rs.getLong("qty"),
                        rs.getBigDecimal("amount"),
                        rs.getBigDecimal("fee"),
                        rs.getBigDecimal("tax")))
                .one());
    }

    /** The sum of the order's non-void fill quantities. */
    public long filledQty(String orderId) {
        return totals(orderId).qty();
    }

    /**
     * Voids a live fill (REST reconciliation found it in excess). The row stays for audit.
     *
     * @return false if the fill does not exist or is already void
     */
    public boolean voidFill(UUID fillId, String reason, Instant at) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.fills SET voided = true, void_reason = :reason, voided_ts = :at
                 WHERE fill_id = :id AND NOT voided
                """)
                        .bind("id", fillId)
                        .bind("reason", reason)
                        .bind("at", at)
                        .execute())
                == 1;
    }

    /**
     * Makes a voided fill live again (the broker's cumulative quantity came back up to it: the same
     * (order, seq) cannot be inserted twice, so restoring is the only way to count it again).
     *
     * @return false if the fill does not exist or is not void
     */
    public boolean restore(UUID fillId) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.fills SET voided = false, void_reason = NULL, voided_ts = NULL
                 WHERE fill_id = :id AND voided
                """).bind("id", fillId).execute()) == 1;
    }

    static Fill map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Fill(
                Db.uuid(rs, "fill_id"),
                rs.getString("order_id"),
                Db.instant(rs, "ts"),
                rs.getLong("qty"),
                rs.getBigDecimal("price"),
                rs.getBigDecimal("fee"),
                rs.getBigDecimal("tax"),
                rs.getLong("seq"),
                FillSource.valueOf(rs.getString("source")),
                rs.getBoolean("voided"));
    }
}
