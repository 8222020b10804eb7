package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.fills}, the rows of the fill model ({@code domain.FillModel}): a WS fill keyed by its
 * notice receipt, an inferred fill by its ordinal, both through a deterministic {@code fill_id}, so
 * replaying the same receipt stores nothing new. Rows are never deleted; a voided row stays for
 * audit with its reason and never blocks a later row. The engine writes fills only through
 * {@link FillApplier}, which keeps the order's quantities and status in step.
 */
public final class FillStore {
    static final String COLUMNS =
            "fill_id, order_id, ts, qty, price, amount, fee, tax, source, receipt, voided, void_reason";

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

    /** Quantity and exact amount of an order's non-void fills. */
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
     * Inserts the fill unless its id is already stored.
     *
     * @return true if this call stored it, false if it was already there (voided or not)
     * @throws IllegalArgumentException if it arrives voided (rows are stored live, voided later)
     */
    boolean insert(Fill fill, String rawJson) {
        Objects.requireNonNull(fill, "fill");
        if (fill.voided()) {
            throw new IllegalArgumentException("a fill is stored live and voided afterwards");
        }
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, fee, tax, source, receipt, raw)
                VALUES (:fillId, :orderId, :ts, :qty, :price, :amount, :fee, :tax, :source, :receipt, CAST(:raw AS jsonb))
                ON CONFLICT (fill_id) DO NOTHING
                """)
                        .bind("fillId", fill.fillId())
                        .bind("orderId", fill.orderId())
                        .bind("ts", fill.ts())
                        .bind("qty", fill.qty())
                        .bind("price", fill.price())
                        .bind("amount", fill.amount())
                        .bind("fee", fill.fee())
                        .bind("tax", fill.tax())
                        .bind("source", fill.source().name())
                        .bind("receipt", fill.receipt())
                        .bind("raw", rawJson)
                        .execute())
                == 1;
    }

    /**
     * Voids a live fill (the fill model superseded it or broker-final totals proved it in excess).
     *
     * @return false if the fill does not exist or is already void
     */
    boolean voidFill(UUID fillId, String reason, Instant at) {
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

    /** The order's non-void fills in the order they were recorded. */
    public List<Fill> listLive(String orderId) {
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = :o AND NOT voided ORDER BY row_no")
                .bind("o", orderId)
                .map(FillStore::map)
                .list());
    }

    /** All the order's fills, voided ones included, in the order they were recorded. */
    public List<Fill> listAll(String orderId) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = :o ORDER BY row_no")
                        .bind("o", orderId)
                        .map(FillStore::map)
                        .list());
    }

    /** {@link #listAll} of several orders in one query; an order without fills is absent. */
    Map<String, List<Fill>> listAllOf(Collection<String> orderIds) {
        Map<String, List<Fill>> out = new HashMap<>();
        handles.use(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.fills WHERE order_id = ANY(:ids) ORDER BY order_id, row_no")
                .bindArray("ids", String.class, List.copyOf(orderIds))
                .map(FillStore::map)
                .forEach(f ->
                        out.computeIfAbsent(f.orderId(), k -> new ArrayList<>()).add(f)));
        return out;
    }

    public Optional<Fill> find(UUID fillId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.fills WHERE fill_id = :id")
                .bind("id", fillId)
                .map(FillStore::map)
                .findOne());
    }

    /** Sums of the order's non-void fills (fee and tax count missing values as zero). */
    public Totals totals(String orderId) {
        return handles.with(h -> h.createQuery("""
                SELECT COALESCE(SUM(qty), 0) AS qty, COALESCE(SUM(amount), 0) AS amount,
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

    static Fill map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Fill(
                Db.uuid(rs, "fill_id"),
                rs.getString("order_id"),
                Db.instant(rs, "ts"),
                rs.getLong("qty"),
                rs.getBigDecimal("price"),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("fee"),
                rs.getBigDecimal("tax"),
                FillSource.valueOf(rs.getString("source")),
                rs.getString("receipt"),
                rs.getBoolean("voided"),
                rs.getString("void_reason"));
    }
}
