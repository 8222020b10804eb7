package io.execctl.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.broker_messages}: append and read, never update or delete (the service role cannot).
 * Appending is not idempotent on purpose: receiving the same frame twice is itself worth seeing.
 */
public final class BrokerMessageStore {
    private static final String COLUMNS =
            "id, received_ts, channel, tr_id, endpoint, payload, parse_outcome, error, correlation";

    private final Handles handles;

    private BrokerMessageStore(Handles handles) {
        this.handles = handles;
    }

    public static BrokerMessageStore of(Jdbi jdbi) {
        return new BrokerMessageStore(Handles.of(jdbi));
    }

    public static BrokerMessageStore on(Handle handle) {
        return new BrokerMessageStore(Handles.of(handle));
    }

    /** Appends the message and returns its id. */
    public long append(BrokerMessage m) {
        Objects.requireNonNull(m, "message");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.broker_messages (received_ts, channel, tr_id, endpoint, payload, parse_outcome, error, correlation)
                VALUES (:ts, :channel, :trId, :endpoint, :payload, :outcome, :error, :corr)
                RETURNING id
                """)
                .bind("ts", m.receivedTs())
                .bind("channel", m.channel().name())
                .bind("trId", m.trId())
                .bind("endpoint", m.endpoint())
                .bind("payload", m.payload())
                .bind("outcome", m.outcome().name())
                .bind("error", m.error())
                .bind("corr", m.correlation())
                .mapTo(Long.class)
                .one());
    }

    /**
     * Appends {@code messages} with one batched statement, in the handle's transaction (or one of its
     * own): all or none. For the audit writer, which batches on its own connection.
     */
    public void appendAll(List<BrokerMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return;
        }
        handles.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO trade.broker_messages (received_ts, channel, tr_id, endpoint, payload, parse_outcome, error, correlation)
                    VALUES (:ts, :channel, :trId, :endpoint, :payload, :outcome, :error, :corr)
                    """);
            for (BrokerMessage m : messages) {
                batch.bind("ts", m.receivedTs())
                        .bind("channel", m.channel().name())
                        .bind("trId", m.trId())
                        .bind("endpoint", m.endpoint())
                        .bind("payload", m.payload())
                        .bind("outcome", m.outcome().name())
                        .bind("error", m.error())
                        .bind("corr", m.correlation())
                        .add();
            }
            return batch.execute();
        });
    }

    /** The messages about one order (or other correlation key), oldest first. */
    public List<BrokerMessage> findByCorrelation(String correlation) {
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.broker_messages WHERE correlation = :c ORDER BY id")
                .bind("c", correlation)
                .map(BrokerMessageStore::map)
                .list());
    }

    /** Up to {@code limit} messages with id greater than {@code afterId}, in id order. */
    public List<BrokerMessage> findAfter(long afterId, int limit) {
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.broker_messages WHERE id > :after ORDER BY id LIMIT :n")
                .bind("after", afterId)
                .bind("n", limit)
                .map(BrokerMessageStore::map)
                .list());
    }

    /** Up to {@code limit} most recent messages that failed to parse, newest first. */
    public List<BrokerMessage> recentErrors(int limit) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.broker_messages WHERE parse_outcome = 'ERROR' ORDER BY id DESC LIMIT :n")
                .bind("n", limit)
                .map(BrokerMessageStore::map)
                .list());
    }

    static BrokerMessage map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new BrokerMessage(
                rs.getLong("id"),
                Db.instant(rs, "received_ts"),
                BrokerMessage.Channel.valueOf(rs.getString("channel")),
                rs.getString("tr_id"),
                rs.getString("endpoint"),
                rs.getString("payload"),
                BrokerMessage.Outcome.valueOf(rs.getString("parse_outcome")),
                rs.getString("error"),
                rs.getString("correlation"));
    }
}
