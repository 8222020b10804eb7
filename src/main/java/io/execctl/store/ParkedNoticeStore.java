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
 * {@code trade.parked_notices}: notices waiting for their order. Parking the same notice twice
 * (same key and payload, e.g. a WS replay) keeps one row.
 */
public final class ParkedNoticeStore {
    private static final String COLUMNS =
            "id, notice_key, payload, received_ts, attempts, last_attempt_ts, last_error, " + "resolved_ts, resolution";

    private final Handles handles;

    private ParkedNoticeStore(Handles handles) {
        this.handles = handles;
    }

    public static ParkedNoticeStore of(Jdbi jdbi) {
        return new ParkedNoticeStore(Handles.of(jdbi));
    }

    public static ParkedNoticeStore on(Handle handle) {
        return new ParkedNoticeStore(Handles.of(handle));
    }

    /** Parks the notice; returns the id of its row (the existing one if it was parked before). */
    public long park(String noticeKey, String payload, Instant receivedTs) {
        Objects.requireNonNull(noticeKey, "noticeKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedTs, "receivedTs");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.parked_notices (notice_key, payload, received_ts)
                VALUES (:key, :payload, :ts)
                ON CONFLICT (notice_key, payload_md5) DO NOTHING
                RETURNING id
                """)
                .bind("key", noticeKey)
                .bind("payload", payload)
                .bind("ts", receivedTs)
                .mapTo(Long.class)
                .findOne()
                .orElseGet(() -> h.createQuery("""
                        SELECT id FROM trade.parked_notices WHERE notice_key = :key AND payload_md5 = md5(:payload)""")
                        .bind("key", noticeKey)
                        .bind("payload", payload)
                        .mapTo(Long.class)
                        .one()));
    }

    /** Up to {@code limit} unresolved notices, oldest first. */
    public List<ParkedNotice> pending(int limit) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.parked_notices WHERE resolved_ts IS NULL ORDER BY received_ts, id LIMIT :n")
                .bind("n", limit)
                .map(ParkedNoticeStore::map)
                .list());
    }

    /** The unresolved notices parked under {@code noticeKey}, oldest first. */
    public List<ParkedNotice> pendingFor(String noticeKey) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                 FROM trade.parked_notices WHERE notice_key = :key AND resolved_ts IS NULL ORDER BY received_ts, id""")
                .bind("key", noticeKey)
                .map(ParkedNoticeStore::map)
                .list());
    }

    /** Counts a failed attempt to apply the notice (its order is still unknown, or applying failed). */
    public boolean recordAttempt(long id, Instant at, String error) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.parked_notices
                   SET attempts = attempts + 1, last_attempt_ts = :at, last_error = :err
                 WHERE id = :id AND resolved_ts IS NULL""")
                        .bind("id", id)
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .bind("err", error)
                        .execute())
                == 1;
    }

    /**
     * Marks the notice dealt with (applied to its order, or given up with a reason).
     *
     * @return false if it does not exist or was resolved already
     */
    public boolean resolve(long id, Instant at, String resolution) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.parked_notices SET resolved_ts = :at, resolution = :res
                 WHERE id = :id AND resolved_ts IS NULL""")
                        .bind("id", id)
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .bind("res", Objects.requireNonNull(resolution, "resolution"))
                        .execute())
                == 1;
    }

    /** Number of unresolved notices (a metric: it should drain to zero). */
    public long countPending() {
        return handles.with(h -> h.createQuery("SELECT count(*) FROM trade.parked_notices WHERE resolved_ts IS NULL")
                .mapTo(Long.class)
                .one());
    }

    static ParkedNotice map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ParkedNotice(
                rs.getLong("id"),
                rs.getString("notice_key"),
                rs.getString("payload"),
                Db.instant(rs, "received_ts"),
                rs.getInt("attempts"),
                Db.instant(rs, "last_attempt_ts"),
                rs.getString("last_error"),
                Db.instant(rs, "resolved_ts"),
                rs.getString("resolution"));
    }
}
