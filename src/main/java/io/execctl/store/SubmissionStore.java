package io.execctl.store;

import io.execctl.store.Submission.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code trade.submissions}, the journal that makes "one intent, at most one broker order" hold
 * across crashes and concurrent daemons. Every move is a conditional UPDATE from the states
 * {@link State#allowedFrom()} names: it returns false (and changes nothing) when the row has
 * already moved on, so repeating a step is harmless and two processes can never both win.
 */
public final class SubmissionStore {
    private static final String COLUMNS =
            "intent_id, state, attempts, claimed_by, claimed_ts, request::text AS request, "
                    + "response::text AS response, order_id, error, created_ts, updated_ts";

    private final Handles handles;

    private SubmissionStore(Handles handles) {
        this.handles = handles;
    }

    public static SubmissionStore of(Jdbi jdbi) {
        return new SubmissionStore(Handles.of(jdbi));
    }

    public static SubmissionStore on(Handle handle) {
        return new SubmissionStore(Handles.of(handle));
    }

    /**
     * Claims the intent for {@code owner} (e.g. {@code host:pid}) if nobody has: one row per intent,
     * ever. Run it in the transaction that also moves the intent to SENDING.
     *
     * @return the new journal row, or empty if the intent was claimed before (by anyone)
     */
    public Optional<Submission> claim(UUID intentId, String owner, String requestJson, Instant at) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(at, "at");
        return handles.with(h -> h.createQuery("""
                INSERT INTO trade.submissions (intent_id, state, claimed_by, claimed_ts, request, updated_ts)
                VALUES (:id, 'CLAIMED', :owner, :at, CAST(:req AS jsonb), :at)
                ON CONFLICT (intent_id) DO NOTHING
                RETURNING\s""" + COLUMNS)
                .bind("id", intentId)
                .bind("owner", owner)
                .bind("at", at)
                .bind("req", requestJson)
                .map(SubmissionStore::map)
                .findOne());
    }

    /**
     * Takes over a claim whose owner died before sending anything: only from CLAIMED (nothing was
     * sent), only if claimed before {@code staleBefore}.
     */
    public boolean takeOver(UUID intentId, String newOwner, Instant staleBefore, Instant at) {
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.submissions SET claimed_by = :owner, claimed_ts = :at, updated_ts = :at
                 WHERE intent_id = :id AND state = 'CLAIMED' AND claimed_ts < :stale""")
                        .bind("id", intentId)
                        .bind("owner", Objects.requireNonNull(newOwner, "newOwner"))
                        .bind("stale", Objects.requireNonNull(staleBefore, "staleBefore"))
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    /**
     * Records that {@code owner} is about to send (call and commit <em>before</em> the POST): from
     * CLAIMED by the same owner, or from UNKNOWN once an inquiry proved no order exists. Counts an
     * attempt.
     */
    public boolean markSent(UUID intentId, String owner, Instant at) {
        Objects.requireNonNull(owner, "owner");
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.submissions
                   SET state = 'SENT', attempts = attempts + 1, claimed_by = :owner, updated_ts = :at
                 WHERE intent_id = :id AND ((state = 'CLAIMED' AND claimed_by = :owner) OR state = 'UNKNOWN')""")
                        .bind("id", intentId)
                        .bind("owner", owner)
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    /** The broker accepted: SENT or UNKNOWN → ACCEPTED with the order id and response. */
    public boolean markAccepted(UUID intentId, String orderId, String responseJson, Instant at) {
        return move(intentId, State.ACCEPTED, Objects.requireNonNull(orderId, "orderId"), responseJson, null, at);
    }

    /** The broker (or validation) refused: → REJECTED with the response and a reason. */
    public boolean markRejected(UUID intentId, String responseJson, String reason, Instant at) {
        return move(intentId, State.REJECTED, null, responseJson, Objects.requireNonNull(reason, "reason"), at);
    }

    /** The POST's outcome is unknown: SENT → UNKNOWN with what happened. */
    public boolean markUnknown(UUID intentId, String error, Instant at) {
        return move(intentId, State.UNKNOWN, null, null, Objects.requireNonNull(error, "error"), at);
    }

    /** An inquiry settled an UNKNOWN: → RESOLVED, with the order found (or null and a note why none). */
    public boolean markResolved(UUID intentId, String orderId, String note, Instant at) {
        return move(intentId, State.RESOLVED, orderId, null, note, at);
    }

    /** Nothing reached the broker and nothing will: CLAIMED or SENT → FAILED with the reason. */
    public boolean markFailed(UUID intentId, String error, Instant at) {
        return move(intentId, State.FAILED, null, null, Objects.requireNonNull(error, "error"), at);
    }

    private boolean move(UUID intentId, State to, String orderId, String responseJson, String error, Instant at) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(at, "at");
        return handles.with(h -> h.createUpdate("""
                UPDATE trade.submissions
                   SET state = :to,
                       order_id = COALESCE(:orderId, order_id),
                       response = COALESCE(CAST(:resp AS jsonb), response),
                       error = COALESCE(:error, error),
                       updated_ts = :at
                 WHERE intent_id = :id AND state IN (<from>)""")
                        .bind("id", intentId)
                        .bind("to", to.name())
                        .bind("orderId", orderId)
                        .bind("resp", responseJson)
                        .bind("error", error)
                        .bind("at", at)
                        .bindList(
                                "from",
                                to.allowedFrom().stream().map(Enum::name).toList())
                        .execute())
                == 1;
    }

    public Optional<Submission> find(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.submissions WHERE intent_id = :id")
                .bind("id", intentId)
                .map(SubmissionStore::map)
                .findOne());
    }

    /** The rows in any of {@code states}, least recently updated first. */
    public List<Submission> findByState(Collection<State> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM trade.submissions WHERE state IN (<states>) ORDER BY updated_ts, intent_id")
                .bindList("states", states.stream().map(Enum::name).toList())
                .map(SubmissionStore::map)
                .list());
    }

    /** CLAIMED, SENT and UNKNOWN rows: what recovery after a restart must look at. */
    public List<Submission> findUnsettled() {
        return findByState(EnumSet.of(State.CLAIMED, State.SENT, State.UNKNOWN));
    }

    static Submission map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Submission(
                Db.uuid(rs, "intent_id"),
                State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getString("claimed_by"),
                Db.instant(rs, "claimed_ts"),
                rs.getString("request"),
                rs.getString("response"),
                rs.getString("order_id"),
                rs.getString("error"),
                Db.instant(rs, "created_ts"),
                Db.instant(rs, "updated_ts"));
    }
}
