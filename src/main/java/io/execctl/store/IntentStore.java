package io.execctl.store;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
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
 * {@code trade.order_intents}, the strategy side's table. execctl reads intents and writes exactly
 * two columns, {@code status} and {@code updated_ts}; it never inserts or deletes one (SSOT rule,
 * enforced by the service role's grants in {@code examples/roles.sql}). Rows are read as stored
 * text so that a malformed intent is still readable and can be rejected with a reason; a
 * {@code limit_price} of NaN or ±Infinity reads as missing (see {@link Db#finiteDecimal}).
 */
public final class IntentStore {
    private static final String COLUMNS = "intent_id, position_id, candidate_id, symbol, intent_type, qty, order_type, "
            + "limit_price, reason_code, action_key, status, created_ts, updated_ts";

    private final Handles handles;

    private IntentStore(Handles handles) {
        this.handles = handles;
    }

    public static IntentStore of(Jdbi jdbi) {
        return new IntentStore(Handles.of(jdbi));
    }

    public static IntentStore on(Handle handle) {
        return new IntentStore(Handles.of(handle));
    }

    /** Up to {@code limit} NEW intents, oldest first (ties by id, so the order is total). */
    public List<Intent> findNew(int limit) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                 FROM trade.order_intents WHERE status = 'NEW' ORDER BY created_ts, intent_id LIMIT :n""")
                .bind("n", positive(limit))
                .map(IntentStore::map)
                .list());
    }

    /**
     * Locks up to {@code limit} NEW intents, oldest first, skipping rows another transaction holds:
     * two daemons claiming at once get disjoint sets. The locks last until the caller's transaction
     * ends, so this store must be {@link #on(Handle) on} a handle with an open transaction.
     *
     * @throws IllegalStateException if no transaction is open
     */
    public List<Intent> lockNew(int limit) {
        return handles.with(h -> {
            if (!h.isInTransaction()) {
                throw new IllegalStateException("lockNew needs an open transaction (IntentStore.on(handle))");
            }
            return h.createQuery("SELECT " + COLUMNS + " " + """
                     FROM trade.order_intents WHERE status = 'NEW' ORDER BY created_ts, intent_id
                     LIMIT :n FOR UPDATE SKIP LOCKED""")
                    .bind("n", positive(limit))
                    .map(IntentStore::map)
                    .list();
        });
    }

    /**
     * Re-reads the intent and row-locks it until the end of the caller's transaction, if it is still
     * NEW: what a claim validates is then what the row holds, and nobody moves it meanwhile.
     */
    public Optional<Intent> lockIfNew(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.order_intents WHERE intent_id = :id AND status = 'NEW' FOR UPDATE")
                .bind("id", intentId)
                .map(IntentStore::map)
                .findOne());
    }

    public Optional<Intent> find(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", intentId)
                .map(IntentStore::map)
                .findOne());
    }

    /**
     * Sets the status (and {@code updated_ts}) whatever it was.
     *
     * @return false if there is no such intent
     */
    public boolean updateStatus(UUID intentId, IntentStatus status, Instant at) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.order_intents SET status = :s, updated_ts = :at WHERE intent_id = :id""")
                        .bind("id", intentId)
                        .bind("s", status.name())
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    /**
     * Sets the status only if it still is {@code expected} (another process may have moved it).
     *
     * @return true if this call moved it
     */
    public boolean compareAndSetStatus(UUID intentId, IntentStatus expected, IntentStatus next, Instant at) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.order_intents SET status = :s, updated_ts = :at
                 WHERE intent_id = :id AND status = :expected""")
                        .bind("id", intentId)
                        .bind("s", next.name())
                        .bind("expected", expected.name())
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    private static int positive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
        return limit;
    }

    static Intent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Intent(
                Db.uuid(rs, "intent_id"),
                Db.uuid(rs, "position_id"),
                Db.uuid(rs, "candidate_id"),
                rs.getString("symbol"),
                rs.getString("intent_type"),
                rs.getLong("qty"),
                rs.getString("order_type"),
                Db.finiteDecimal(rs, "limit_price", "intent_id"),
                rs.getString("reason_code"),
                rs.getString("action_key"),
                rs.getString("status"),
                Db.instant(rs, "created_ts"),
                Db.instant(rs, "updated_ts"));
    }
}
