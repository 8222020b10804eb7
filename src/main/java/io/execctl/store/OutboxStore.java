package io.execctl.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.outbox}: events for other modules. Append it {@link #on(Handle) on} the handle of
 * the transaction that makes the change, so the event exists exactly when the change does; the
 * table's trigger NOTIFYs the id on {@link OutboxEvent#CHANNEL} at commit.
 *
 * <p>Consumers read with {@link #readAfter(OutboxCursor, int)} from their stored {@link OutboxCursor}
 * (on every notification, after every reconnect, and on a timer): never by "id greater than the
 * last id seen", because ids are assigned before commit and commit out of order — an event with a
 * lower id can become visible after one with a higher id, and an id cursor would skip it for good
 * (docs/outbox.md).
 */
public final class OutboxStore {
    private static final String COLUMNS =
            "id, event_type, aggregate_id, event_key, payload::text AS payload, created_ts, published_ts";

    private static final String CURSOR_XID = "CAST(CAST(:xid AS text) AS xid8)";

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

    /**
     * The next events a consumer at {@code cursor} may handle, without ever skipping one.
     *
     * <p>Events are ordered by (xid of the writing transaction, id), and only events whose
     * transaction is older than the reading snapshot's {@code xmin} are returned: every transaction
     * below {@code xmin} has ended, and any transaction still to commit has an xid at or above it,
     * so no event can later appear before a returned one. The price is latency: an event waits
     * while any older transaction of the cluster is open (reported as {@link OutboxBatch#heldBack()}).
     */
    public OutboxBatch readAfter(OutboxCursor cursor, int limit) {
        Objects.requireNonNull(cursor, "cursor");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
        return handles.with(h -> {
            List<OutboxBatch.Item> items = h.createQuery("SELECT " + COLUMNS + ", xid::text AS xid_text"
                            + " FROM trade.outbox WHERE (xid, id) > (" + CURSOR_XID + ", :id)"
                            + " AND xid < pg_snapshot_xmin(pg_current_snapshot())"
                            + " ORDER BY xid, id LIMIT :n")
                    .bind("xid", Long.toString(cursor.xid()))
                    .bind("id", cursor.id())
                    .bind("n", limit)
                    .map((rs, ctx) -> new OutboxBatch.Item(
                            new OutboxCursor(Long.parseLong(rs.getString("xid_text")), rs.getLong("id")), map(rs, ctx)))
                    .list();
            OutboxCursor next =
                    items.isEmpty() ? cursor : items.get(items.size() - 1).cursor();
            boolean heldBack = h.createQuery("SELECT EXISTS (SELECT 1 FROM trade.outbox WHERE (xid, id) > ("
                            + CURSOR_XID + ", :id) AND xid >= pg_snapshot_xmin(pg_current_snapshot()))")
                    .bind("xid", Long.toString(next.xid()))
                    .bind("id", next.id())
                    .mapTo(Boolean.class)
                    .one();
            return new OutboxBatch(items, next, heldBack);
        });
    }

    /**
     * Up to {@code limit} unpublished events with id greater than {@code afterId}, in id order. A
     * relay must start from 0 on every pass (an unpublished event can commit below an id already
     * seen); to follow the outbox use {@link #readAfter}.
     */
    public List<OutboxEvent> findUnpublishedAfter(long afterId, int limit) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.outbox WHERE published_ts IS NULL AND id > :after ORDER BY id LIMIT :n")
                .bind("after", afterId)
                .bind("n", limit)
                .map(OutboxStore::map)
                .list());
    }

    /**
     * Up to {@code limit} events (published or not) with id greater than {@code afterId}, in id
     * order: for inspection only. Following the outbox with it skips events that commit out of id
     * order; consumers use {@link #readAfter}.
     */
    public List<OutboxEvent> findAfter(long afterId, int limit) {
        return handles.with(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.outbox WHERE id > :after ORDER BY id LIMIT :n")
                        .bind("after", afterId)
                        .bind("n", limit)
                        .map(OutboxStore::map)
                        .list());
    }

    /**
     * Whether any of the events {@code ids} (ids heard on {@link OutboxEvent#CHANNEL}) is of {@code
     * eventType}: the fill watch's question, one query for a batch of notifications.
     */
    public boolean anyOfType(Collection<Long> ids, String eventType) {
        if (ids.isEmpty()) {
            return false;
        }
        return handles.with(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM trade.outbox WHERE id = ANY(:ids) AND event_type = :type)")
                .bindArray("ids", Long.class, ids)
                .bind("type", eventType)
                .mapTo(Boolean.class)
                .one());
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
