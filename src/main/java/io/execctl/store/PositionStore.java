package io.execctl.store;

import io.execctl.domain.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.positions}, owned by the strategy side: read only. execctl compares positions with
 * the broker's holdings and reports mismatches; it never changes a position (SSOT rule).
 */
public final class PositionStore {
    private static final String COLUMNS = "position_id, account_id, symbol, side, qty, avg_price, entry_ts, status, "
            + "strategy_id, version, updated_ts";

    private final Handles handles;

    private PositionStore(Handles handles) {
        this.handles = handles;
    }

    public static PositionStore of(Jdbi jdbi) {
        return new PositionStore(Handles.of(jdbi));
    }

    public static PositionStore on(Handle handle) {
        return new PositionStore(Handles.of(handle));
    }

    public Optional<Position> find(UUID positionId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.positions WHERE position_id = :id")
                .bind("id", positionId)
                .map(PositionStore::map)
                .findOne());
    }

    /** Every position of the account, whatever its status, by symbol then entry time. */
    public List<Position> findByAccount(String accountId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.positions WHERE account_id = :acc ORDER BY symbol, entry_ts, position_id")
                .bind("acc", accountId)
                .map(PositionStore::map)
                .list());
    }

    /** The account's positions that hold or are closing stock ({@link Position#isOpen()}). */
    public List<Position> findOpen(String accountId) {
        return findByAccount(accountId).stream().filter(Position::isOpen).toList();
    }

    static Position map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Position(
                Db.uuid(rs, "position_id"),
                rs.getString("account_id"),
                rs.getString("symbol"),
                rs.getString("side"),
                rs.getLong("qty"),
                Db.finiteDecimal(rs, "avg_price", "position_id"),
                Db.instant(rs, "entry_ts"),
                rs.getString("status"),
                rs.getString("strategy_id"),
                rs.getInt("version"),
                Db.instant(rs, "updated_ts"));
    }
}
