package io.execctl.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.outbox}: events for other modules. Append it {@link #on(Handle) on} the handle of
 * the transaction that makes the change, so the event exists exactly when the change does; the
 * table's trigger NOTIFYs the id on {@link OutboxEvent#CHANNEL} at commit. Consumers that missed
 * notifications read {@link #findAfter} from their last id.
 */
public final class OutboxStore {
    private static final String COLUMNS =
            "id, event_type, aggregate_id, event_key, payload::text AS payload, created_ts, published_ts";

    private final Handles handles;

    private OutboxStore(Handles handles) {
        this.handles = handles;
    }

    public static OutboxStore of(Jdbi jdbi) {
        return new OutboxStore(Handles.of(jdbi));
    }

    public static OutboxStore on(Handle handle) {
        return new OutboxStore(Handles.of(handle));
    }

    /** The row an append landed on, and whether this append created it. */
    public record Appended(long id, boolean created) {}

    /**
     * Appends the event. With an {@code eventKey} already stored, nothing is added and the existing
     * row's id is returned ({@code created = false}).
     */
    public Appended append(OutboxEvent e) {
        Objects.requireNonNull(e, "event");
        return handles.with(h -> {
            var inserted = h.createQuery("""
                    INSERT INTO trade.outbox (event_type, aggregate_id, event_key, payload, created_ts)
                    VALUES (:type, :agg, :key, CAST(:payload AS jsonb), :ts)
                    ON CONFLICT (event_key) DO NOTHING
                    RETURNING id
                    """)
                    .bind("type", e.eventType())
                    .bind("agg", e.aggregateId())
                    .bind("key", e.eventKey())
                    .bind("payload", e.payloadJson())
                    .bind("ts", e.createdTs())
                    .mapTo(Long.class)
                    .findOne();
            if (inserted.isPresent()) {
                return new Appended(inserted.get(), true);
            }
            long existing = h.createQuery("SELECT id FROM trade.outbox WHERE event_key = :key")
                    .bind("key", e.eventKey())
                    .mapTo(Long.class)
                    .one();
            return new Appended(existing, false);
        });
    }

    /**
     * Marks an event published (delivered to its consumers).
     *
     * @return false if it does not exist or was already marked
     */
    public boolean markPublished(long id, Instant at) {
        return handles.with(h -> h.createUpdate(
                                "UPDATE trade.outbox SET published_ts = :at WHERE id = :id AND published_ts IS NULL")
                        .bind("id", id)
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    /** Up to {@code limit} unpublished events with id greater than {@code afterId}, in id order. */
    public List<OutboxEvent> findUnpublishedAfter(long afterId, int limit) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.outbox WHERE published_ts IS NULL AND id > :after ORDER BY id LIMIT :n")
                .bind("after", afterId)
                .bind("n", limit)
                .map(OutboxStore::map)
                .list());
    }

    /** Up to {@code limit} events (published or not) with id greater than {@code afterId}, in id order. */
    public List<OutboxEvent> findAfter(long afterId, int limit) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.outbox WHERE id > :after ORDER BY id LIMIT :n")
                        .bind("after", afterId)
                        .bind("n", limit)
                        .map(OutboxStore::map)
                        .list());
    }

    static OutboxEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OutboxEvent(
                rs.getLong("id"),
                rs.getString("event_type"),
                rs.getString("aggregate_id"),
                rs.getString("event_key"),
                rs.getString("payload"),
                Db.instant(rs, "created_ts"),
                Db.instant(rs, "published_ts"));
    }
}
