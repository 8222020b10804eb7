package io.execctl.store;

import io.execctl.domain.IntentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.intent_outcomes}: the reason behind each intent's status (rejections, the broker's
 * message). Record it on the handle of the transaction that writes the intent's status
 * ({@link IntentStore#updateStatus}), so the two always agree.
 */
public final class IntentOutcomeStore {
    private final Handles handles;

    private IntentOutcomeStore(Handles handles) {
        this.handles = handles;
    }

    public static IntentOutcomeStore of(Jdbi jdbi) {
        return new IntentOutcomeStore(Handles.of(jdbi));
    }

    public static IntentOutcomeStore on(Handle handle) {
        return new IntentOutcomeStore(Handles.of(handle));
    }

    /**
     * Stores {@code outcome} as the intent's latest, unless a newer one is stored already (a late
     * writer never overwrites a later outcome).
     *
     * @return true if the row now holds {@code outcome}
     */
    public boolean record(IntentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.intent_outcomes (intent_id, status, reason_code, msg_cd, msg1, updated_ts)
                VALUES (:id, :status, :reason, :msgCd, :msg1, :ts)
                ON CONFLICT (intent_id) DO UPDATE
                   SET status = EXCLUDED.status, reason_code = EXCLUDED.reason_code,
                       msg_cd = EXCLUDED.msg_cd, msg1 = EXCLUDED.msg1, updated_ts = EXCLUDED.updated_ts
                 WHERE trade.intent_outcomes.updated_ts <= EXCLUDED.updated_ts""")
                        .bind("id", outcome.intentId())
                        .bind("status", outcome.status().name())
                        .bind("reason", outcome.reasonCode())
                        .bind("msgCd", outcome.msgCd())
                        .bind("msg1", outcome.msg1())
                        .bind("ts", outcome.updatedTs())
                        .execute())
                == 1;
    }

    /**
     * Stores {@code outcome} as the intent's latest, whatever was stored, and counts it: the caller
     * holds the intent's row lock (it just moved the status), so moves are serialised and the last
     * one wins. {@link IntentTransitions} uses the count to give each announcement its own key.
     *
     * @return the intent's outcome sequence number after this one (1 for the first)
     */
    public long recordNext(IntentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.intent_outcomes (intent_id, status, reason_code, msg_cd, msg1, updated_ts, seq)
                VALUES (:id, :status, :reason, :msgCd, :msg1, :ts, 1)
                ON CONFLICT (intent_id) DO UPDATE
                   SET status = EXCLUDED.status, reason_code = EXCLUDED.reason_code,
                       msg_cd = EXCLUDED.msg_cd, msg1 = EXCLUDED.msg1,
                       updated_ts = GREATEST(trade.intent_outcomes.updated_ts, EXCLUDED.updated_ts),
                       seq = trade.intent_outcomes.seq + 1
                RETURNING seq""")
                .bind("id", outcome.intentId())
                .bind("status", outcome.status().name())
                .bind("reason", outcome.reasonCode())
                .bind("msgCd", outcome.msgCd())
                .bind("msg1", outcome.msg1())
                .bind("ts", outcome.updatedTs())
                .mapTo(Long.class)
                .one());
    }

    public Optional<IntentOutcome> find(UUID intentId) {
        return handles.with(h -> h.createQuery("""
                SELECT intent_id, status, reason_code, msg_cd, msg1, updated_ts
                  FROM trade.intent_outcomes WHERE intent_id = :id""")
                .bind("id", intentId)
                .map(IntentOutcomeStore::map)
                .findOne());
    }

    static IntentOutcome map(ResultSet rs, StatementContext ctx) throws SQLException {
        String status = rs.getString("status");
        return new IntentOutcome(
                Db.uuid(rs, "intent_id"),
                IntentStatus.parse(status)
                        .orElseThrow(() -> new IllegalStateException("unknown intent status '" + status + "'")),
                rs.getString("reason_code"),
                rs.getString("msg_cd"),
                rs.getString("msg1"),
                Db.instant(rs, "updated_ts"));
    }
}
