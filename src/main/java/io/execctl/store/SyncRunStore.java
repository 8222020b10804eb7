package io.execctl.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.sync_runs}: the watermark of the REST syncs — per kind, account and trading date, the
 * last complete pass (when its inquiry started and when it finished, pages, rows, the broker's totals
 * it saw). The lag metrics read it; no sync resumes from it (every pass reads the whole day again),
 * so it is a watermark, not a row cursor. A pass whose inquiry started before the stored one's never
 * moves it back (a slow cron run beside the daemon).
 */
public final class SyncRunStore {
    /** The sync that wrote the row. */
    public enum Kind {
        FILLS,
        UNFILLED,
        RECONCILE
    }

    /** One complete pass. */
    public record Run(
            Kind kind,
            String accountId,
            LocalDate tradingDate,
            Instant startedTs,
            Instant completedTs,
            int pages,
            int rows,
            long totCcldQty,
            BigDecimal totCcldAmt,
            int changed) {
        public Run {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(tradingDate, "tradingDate");
            Objects.requireNonNull(startedTs, "startedTs");
            Objects.requireNonNull(completedTs, "completedTs");
            Objects.requireNonNull(totCcldAmt, "totCcldAmt");
            if (completedTs.isBefore(startedTs)) {
                throw new IllegalArgumentException("a pass completes after it starts");
            }
        }
    }

    private final Handles handles;

    private SyncRunStore(Handles handles) {
        this.handles = handles;
    }

    public static SyncRunStore of(Jdbi jdbi) {
        return new SyncRunStore(Handles.of(jdbi));
    }

    public static SyncRunStore on(Handle handle) {
        return new SyncRunStore(Handles.of(handle));
    }

    /**
     * Records a complete pass unless a pass whose inquiry started later is already stored.
     *
     * @return true if stored
     */
    public boolean record(Run r) {
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.sync_runs (kind, account_id, trading_date, started_ts, completed_ts, pages, rows,
                                             tot_ccld_qty, tot_ccld_amt, changed)
                VALUES (:kind, :acc, :date, :started, :completed, :pages, :rows, :qty, :amt, :changed)
                ON CONFLICT (kind, account_id, trading_date) DO UPDATE SET
                    started_ts = EXCLUDED.started_ts, completed_ts = EXCLUDED.completed_ts, pages = EXCLUDED.pages,
                    rows = EXCLUDED.rows, tot_ccld_qty = EXCLUDED.tot_ccld_qty, tot_ccld_amt = EXCLUDED.tot_ccld_amt,
                    changed = EXCLUDED.changed
                 WHERE sync_runs.started_ts <= EXCLUDED.started_ts
                """)
                        .bind("kind", r.kind().name())
                        .bind("acc", r.accountId())
                        .bind("date", r.tradingDate())
                        .bind("started", r.startedTs())
                        .bind("completed", r.completedTs())
                        .bind("pages", r.pages())
                        .bind("rows", r.rows())
                        .bind("qty", r.totCcldQty())
                        .bind("amt", r.totCcldAmt())
                        .bind("changed", r.changed())
                        .execute())
                == 1;
    }

    public Optional<Run> find(Kind kind, String accountId, LocalDate tradingDate) {
        return handles.with(h -> h.createQuery("""
                SELECT * FROM trade.sync_runs WHERE kind = :kind AND account_id = :acc AND trading_date = :date""")
                .bind("kind", kind.name())
                .bind("acc", accountId)
                .bind("date", tradingDate)
                .map(SyncRunStore::map)
                .findOne());
    }

    /** The latest complete pass of {@code kind} for the account, any date: the lag metric's source. */
    public Optional<Run> latest(Kind kind, String accountId) {
        return handles.with(h -> h.createQuery("""
                SELECT * FROM trade.sync_runs WHERE kind = :kind AND account_id = :acc
                 ORDER BY completed_ts DESC LIMIT 1""")
                .bind("kind", kind.name())
                .bind("acc", accountId)
                .map(SyncRunStore::map)
                .findOne());
    }

    private static Run map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Run(
                Kind.valueOf(rs.getString("kind")),
                rs.getString("account_id"),
                rs.getObject("trading_date", LocalDate.class),
                Db.instant(rs, "started_ts"),
                Db.instant(rs, "completed_ts"),
                rs.getInt("pages"),
                rs.getInt("rows"),
                rs.getLong("tot_ccld_qty"),
                rs.getBigDecimal("tot_ccld_amt"),
                rs.getInt("changed"));
    }
}
