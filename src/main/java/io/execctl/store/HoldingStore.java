package io.execctl.store;

import io.execctl.domain.Holding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.holdings}: the broker's balance, replaced per account from a <em>complete</em>
 * snapshot in one transaction, so readers see either the old or the new balance, never a mix.
 * Callers must never pass an incomplete (partly paged) balance: a missing line is deleted.
 */
public final class HoldingStore {
    private static final String COLUMNS = "account_id, symbol, qty, avg_price, current_price, pnl, pnl_pct, updated_ts";

    private final Handles handles;

    private HoldingStore(Handles handles) {
        this.handles = handles;
    }

    public static HoldingStore of(Jdbi jdbi) {
        return new HoldingStore(Handles.of(jdbi));
    }

    public static HoldingStore on(Handle handle) {
        return new HoldingStore(Handles.of(handle));
    }

    /** One balance line with the broker's payload for it (JSON text, may be null). */
    public record Line(Holding holding, String rawJson) {
        public Line {
            Objects.requireNonNull(holding, "holding");
        }

        public static Line of(Holding holding) {
            return new Line(holding, null);
        }
    }

    /** What a replacement did. */
    public record Replaced(int written, int deleted) {}

    /**
     * Makes the account's holdings exactly {@code snapshot}: upserts every line, deletes the
     * account's lines whose symbol is not in it. Concurrent replacements of one account serialize.
     *
     * @throws IllegalArgumentException if a line belongs to another account or a symbol repeats
     */
    public Replaced replaceAccount(String accountId, List<Line> snapshot) {
        Objects.requireNonNull(accountId, "accountId");
        Set<String> symbols = new HashSet<>();
        for (Line l : snapshot) {
            if (!l.holding().accountId().equals(accountId)) {
                throw new IllegalArgumentException(
                        "holding of " + l.holding().symbol() + " belongs to another account than the snapshot's");
            }
            if (!symbols.add(l.holding().symbol())) {
                throw new IllegalArgumentException("symbol " + l.holding().symbol() + " appears twice in the snapshot");
            }
        }
        return handles.inTransaction(h -> {
            AdvisoryLocks.lockForTransaction(h, "holdings", accountId);
            int written = 0;
            if (!snapshot.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("""
                        INSERT INTO trade.holdings (%s, raw)
                        VALUES (:acc, :symbol, :qty, :avg, :cur, :pnl, :pnlPct, :ts, CAST(:raw AS jsonb))
                        ON CONFLICT (account_id, symbol) DO UPDATE SET
                            qty = EXCLUDED.qty, avg_price = EXCLUDED.avg_price, current_price = EXCLUDED.current_price,
                            pnl = EXCLUDED.pnl, pnl_pct = EXCLUDED.pnl_pct, updated_ts = EXCLUDED.updated_ts,
                            raw = EXCLUDED.raw
                        """.formatted(COLUMNS));
                for (Line l : snapshot) {
                    Holding x = l.holding();
                    batch.bind("acc", x.accountId())
                            .bind("symbol", x.symbol())
                            .bind("qty", x.qty())
                            .bind("avg", x.avgPrice())
                            .bind("cur", x.currentPrice())
                            .bind("pnl", x.pnl())
                            .bind("pnlPct", x.pnlPct())
                            .bind("ts", x.updatedTs())
                            .bind("raw", l.rawJson())
                            .add();
                }
                for (int n : batch.execute()) {
                    written += n;
                }
            }
            int deleted = h.createUpdate(
                            "DELETE FROM trade.holdings WHERE account_id = :acc AND symbol <> ALL(:symbols)")
                    .bind("acc", accountId)
                    .bindArray("symbols", String.class, List.copyOf(symbols))
                    .execute();
            return new Replaced(written, deleted);
        });
    }

    public List<Holding> findByAccount(String accountId) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.holdings WHERE account_id = :acc ORDER BY symbol")
                        .bind("acc", accountId)
                        .map(HoldingStore::map)
                        .list());
    }

    public Optional<Holding> find(String accountId, String symbol) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.holdings WHERE account_id = :acc AND symbol = :s")
                        .bind("acc", accountId)
                        .bind("s", symbol)
                        .map(HoldingStore::map)
                        .findOne());
    }

    static Holding map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Holding(
                rs.getString("account_id"),
                rs.getString("symbol"),
                rs.getLong("qty"),
                rs.getBigDecimal("avg_price"),
                rs.getBigDecimal("current_price"),
                rs.getBigDecimal("pnl"),
                Db.nullableDouble(rs, "pnl_pct"),
                Db.instant(rs, "updated_ts"));
    }
}
