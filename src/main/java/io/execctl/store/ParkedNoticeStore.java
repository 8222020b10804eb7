package io.execctl.store;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.parked_notices}: notices waiting for their order, routed by the order's identity
 * (account, trading date, ODNO) and keyed by their receipt (connection, frame, record): parking the
 * same receipt twice (a retry after a crash) keeps one row, while two receipts with identical
 * payloads are two rows.
 */
public final class ParkedNoticeStore {
    private static final String COLUMNS =
            "id, account_id, order_date, kis_order_no, connection_id, frame_index, record_index, payload, received_ts, "
                    + "attempts, last_attempt_ts, last_error, resolved_ts, resolution";

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

    /** Parks the notice; returns the id of its row (the existing one if this receipt was parked before). */
    public long park(OrderKey key, NoticeReceipt receipt, String payload, Instant receivedTs) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedTs, "receivedTs");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.parked_notices (account_id, order_date, kis_order_no, connection_id, frame_index,
                                                  record_index, payload, received_ts)
                VALUES (:acc, :date, :odno, :conn, :frame, :record, :payload, :ts)
                ON CONFLICT (connection_id, frame_index, record_index) DO NOTHING
                RETURNING id
                """)
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .bind("conn", receipt.connectionId())
                .bind("frame", receipt.frameIndex())
                .bind("record", receipt.recordIndex())
                .bind("payload", payload)
                .bind("ts", receivedTs)
                .mapTo(Long.class)
                .findOne()
                .orElseGet(() -> h.createQuery("""
                        SELECT id FROM trade.parked_notices
                         WHERE connection_id = :conn AND frame_index = :frame AND record_index = :record""")
                        .bind("conn", receipt.connectionId())
                        .bind("frame", receipt.frameIndex())
                        .bind("record", receipt.recordIndex())
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

    /** The unresolved notices of one order, oldest first. */
    public List<ParkedNotice> pendingFor(OrderKey key) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                 FROM trade.parked_notices
                WHERE account_id = :acc AND order_date = :date AND kis_order_no = :odno AND resolved_ts IS NULL
                ORDER BY received_ts, id""")
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
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
        String account = rs.getString("account_id");
        Optional<OrderKey> key = account == null
                ? Optional.empty()
                : Optional.of(OrderKey.of(
                        account, rs.getObject("order_date", LocalDate.class), rs.getString("kis_order_no")));
        return new ParkedNotice(
                rs.getLong("id"),
                key,
                new NoticeReceipt(rs.getString("connection_id"), rs.getLong("frame_index"), rs.getInt("record_index")),
                rs.getString("payload"),
                Db.instant(rs, "received_ts"),
                rs.getInt("attempts"),
                Db.instant(rs, "last_attempt_ts"),
                rs.getString("last_error"),
                Db.instant(rs, "resolved_ts"),
                rs.getString("resolution"));
    }
}
