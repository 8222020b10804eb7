package io.execctl.store;

import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Side;
import io.execctl.store.Submission.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * across crashes, pauses and concurrent daemons: the owner's path (claim, fence, outcome). The
 * recovery path of other processes (deadline expiry, take-over, resolution, licensed resend) is
 * {@link SubmissionRecovery}.
 *
 * <p>Every move is one conditional UPDATE: it returns false (and changes nothing) when the row has
 * moved on, so repeating a step is harmless and two processes can never both win. Times come from
 * one {@link DbClock} (the database's by default) and are evaluated inside the statement.
 *
 * <p>The engine's order for one send: claim (with the intent → SENDING) → validate → take the
 * token and the rate slot → {@link #beginSend fencing write} → POST → outcome write. Anything slow
 * happens <em>before</em> the fencing write, so a pause there makes the write fail instead of
 * letting a stale owner send after another process took over.
 */
public final class SubmissionStore {
    static final String COLUMNS = "intent_id, state, attempts, claimed_by, claimed_ts, send_deadline, first_sent_ts, "
            + "sent_ts, trading_date, request::text AS request, response::text AS response, order_id, error, "
            + "evidence, created_ts, updated_ts";
    /** A statement's single "now", as CTE {@code t}. */
    static final String WITH_NOW = "WITH t AS (SELECT " + DbClock.NOW + " AS now) ";
    /** The Korean trading date of {@code t.now}. */
    static final String KOREAN_DATE = "(t.now AT TIME ZONE 'Asia/Seoul')::date";
    /** {@code t.now} plus the bound {@code :leaseMs}. */
    static final String PLUS_LEASE = "t.now + CAST(:leaseMs AS bigint) * interval '1 millisecond'";

    private final Handles handles;
    private final DbClock clock;

    private SubmissionStore(Handles handles, DbClock clock) {
        this.handles = handles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On the database's clock. */
    public static SubmissionStore of(Jdbi jdbi) {
        return of(jdbi, DbClock.database());
    }

    public static SubmissionStore of(Jdbi jdbi, DbClock clock) {
        return new SubmissionStore(Handles.of(jdbi), clock);
    }

    /** In the caller's transaction, on the database's clock. */
    public static SubmissionStore on(Handle handle) {
        return on(handle, DbClock.database());
    }

    public static SubmissionStore on(Handle handle, DbClock clock) {
        return new SubmissionStore(Handles.of(handle), clock);
    }

    /** The journal clock's now: take an inquiry's {@code takenAt} from here, so it compares with deadlines. */
    public Instant now() {
        return handles.with(h -> h.createQuery("SELECT " + DbClock.NOW)
                .bindByType("now", clock.bindValue(), Instant.class)
                .mapTo(Instant.class)
                .one());
    }

    /**
     * Claims a NEW intent for {@code owner}, in one transaction: the journal row (state CLAIMED,
     * deadline now + {@link JournalPolicy#claimLease()}) and the intent NEW → SENDING. One row per
     * intent, ever.
     *
     * @return the new row, or empty if the intent was claimed before (by anyone) or is not NEW
     */
    public Optional<Submission> claim(UUID intentId, Incarnation owner, String requestJson, JournalPolicy policy) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(owner, "owner");
        return handles.inTransaction(h -> {
            Optional<Submission> row = h.createQuery(sql("""
                    INSERT INTO trade.submissions (intent_id, state, claimed_by, claimed_ts, send_deadline, request,
                                                   created_ts, updated_ts)
                    SELECT :id, 'CLAIMED', :owner, t.now, {lease}, CAST(:req AS jsonb), t.now, t.now FROM t
                    ON CONFLICT (intent_id) DO NOTHING
                    RETURNING {columns}"""))
                    .bind("id", intentId)
                    .bind("owner", owner.id())
                    .bind("req", requestJson)
                    .bind("leaseMs", millis(policy.claimLease()))
                    .bindByType("now", clock.bindValue(), Instant.class)
                    .map(SubmissionStore::map)
                    .findOne();
            if (row.isEmpty()) {
                return row;
            }
            int moved = h.createUpdate("""
                    UPDATE trade.order_intents SET status = 'SENDING', updated_ts = :at
                     WHERE intent_id = :id AND status = 'NEW'""")
                    .bind("id", intentId)
                    .bind("at", row.get().claimedTs())
                    .execute();
            if (moved != 1) {
                h.createUpdate("DELETE FROM trade.submissions WHERE intent_id = :id")
                        .bind("id", intentId)
                        .execute();
                return Optional.<Submission>empty();
            }
            IntentTransitions.on(h)
                    .announce(
                            intentId,
                            IntentStatus.SENDING,
                            IntentTransitions.Why.code("CLAIMED"),
                            row.get().claimedTs());
            return row;
        });
    }

    /**
     * The fencing write before the first POST of an attempt: CLAIMED by {@code owner} and its
     * deadline not passed → SENT, attempt + 1, deadline now + {@link JournalPolicy#sendLease()}.
     * Commit it, then send at once. If it returns empty, send nothing: the claim has expired or
     * belongs to another process.
     */
    public Optional<SendPermit> beginSend(UUID intentId, Incarnation owner, JournalPolicy policy) {
        return fence("""
                UPDATE trade.submissions s
                   SET state = 'SENT', attempts = s.attempts + 1, send_deadline = {lease}, sent_ts = t.now,
                       first_sent_ts = COALESCE(s.first_sent_ts, t.now),
                       trading_date = COALESCE(s.trading_date, {korean_date}), updated_ts = t.now
                  FROM t
                 WHERE s.intent_id = :id AND s.state = 'CLAIMED' AND s.claimed_by = :owner AND s.send_deadline > t.now
                """, intentId, owner, 0, policy);
    }

    /**
     * The fencing write before retrying a POST of the same attempt, allowed only after an outcome
     * that proves the previous POST was not processed (rate limit, connection refused before any
     * byte was written): SENT by the permit's owner, same attempt, deadline not passed → deadline
     * renewed. Never after an unknown outcome.
     */
    public Optional<SendPermit> renewForRetry(SendPermit permit, JournalPolicy policy) {
        return fence("""
                UPDATE trade.submissions s SET send_deadline = {lease}, sent_ts = t.now, updated_ts = t.now
                  FROM t
                 WHERE s.intent_id = :id AND s.state = 'SENT' AND s.claimed_by = :owner AND s.attempts = :attempt
                   AND s.send_deadline > t.now
                """, permit.intentId(), permit.owner(), permit.attempt(), policy);
    }

    private Optional<SendPermit> fence(
            String update, UUID intentId, Incarnation owner, int attempt, JournalPolicy policy) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(owner, "owner");
        return handles.with(h -> {
            if (h.isInTransaction()) {
                throw new IllegalStateException(
                        "a fencing write must commit on its own before the POST; call it outside a transaction");
            }
            return h.createQuery(sql(update + " RETURNING s.attempts, s.sent_ts, s.send_deadline, s.trading_date"))
                    .bind("id", intentId)
                    .bind("owner", owner.id())
                    .bind("attempt", attempt)
                    .bind("leaseMs", millis(policy.sendLease()))
                    .bindByType("now", clock.bindValue(), Instant.class)
                    .map((rs, ctx) -> new SendPermit(
                            intentId,
                            owner,
                            rs.getInt("attempts"),
                            Db.instant(rs, "sent_ts"),
                            Db.instant(rs, "send_deadline"),
                            rs.getObject("trading_date", LocalDate.class)))
                    .findOne();
        });
    }

    /** The broker accepted the permit's attempt: SENT or UNKNOWN (a late answer) → ACCEPTED. */
    public boolean markAccepted(SendPermit permit, String orderId, String responseJson) {
        return outcome(permit, "'ACCEPTED'", Objects.requireNonNull(orderId, "orderId"), responseJson, null);
    }

    /** The broker refused the permit's attempt: SENT or UNKNOWN → REJECTED. */
    public boolean markRejected(SendPermit permit, String responseJson, String reason) {
        return outcome(permit, "'REJECTED'", null, responseJson, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The permit's POST certainly did not reach the broker and will not be retried: SENT → FAILED.
     * Only on proof that nothing was processed (e.g. connection refused before any byte was written).
     */
    public boolean markFailed(SendPermit permit, String error) {
        return outcome(permit, "'FAILED'", null, null, Objects.requireNonNull(error, "error"));
    }

    /** The permit's POST has an unknown outcome: SENT → UNKNOWN, and the intent SENDING → UNKNOWN. */
    public boolean markUnknown(SendPermit permit, String error) {
        Objects.requireNonNull(error, "error");
        return handles.with(h -> h.createQuery(sql("""
                        , moved AS (
                            UPDATE trade.submissions s SET state = 'UNKNOWN', error = :error, updated_ts = t.now
                              FROM t
                             WHERE s.intent_id = :id AND s.state = 'SENT' AND s.attempts = :attempt
                            RETURNING s.intent_id, t.now AS at),
                          i AS (
                            UPDATE trade.order_intents oi SET status = 'UNKNOWN', updated_ts = moved.at
                              FROM moved WHERE oi.intent_id = moved.intent_id AND oi.status = 'SENDING')
                        SELECT count(*) FROM moved"""))
                        .bind("id", permit.intentId())
                        .bind("attempt", permit.attempt())
                        .bind("error", error)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .mapTo(Long.class)
                        .one())
                == 1;
    }

    private boolean outcome(SendPermit permit, String to, String orderId, String responseJson, String error) {
        String from = to.equals("'FAILED'") ? "('SENT')" : "('SENT', 'UNKNOWN')";
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s
                           SET state = {to}, order_id = COALESCE(:orderId, s.order_id),
                               response = COALESCE(CAST(:resp AS jsonb), s.response),
                               error = COALESCE(:error, s.error), updated_ts = t.now
                          FROM t
                         WHERE s.intent_id = :id AND s.attempts = :attempt AND s.state IN {from}""".replace("{to}", to).replace("{from}", from)))
                        .bind("id", permit.intentId())
                        .bind("attempt", permit.attempt())
                        .bind("orderId", orderId)
                        .bind("resp", responseJson)
                        .bind("error", error)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /**
     * The owner's release of an attempt the gateway refused before processing it (credentials,
     * authorisation): SENT by {@code permit}'s owner and attempt → CLAIMED, attempt not counted, deadline
     * now, so the next pass (of any process) takes it over and sends it through a new fencing write. A
     * first attempt forgets its send time and trading date (it never reached the broker).
     */
    public boolean releaseUnprocessed(SendPermit permit, String reason) {
        Objects.requireNonNull(reason, "reason");
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s
                           SET state = 'CLAIMED', attempts = s.attempts - 1, send_deadline = t.now, error = :reason,
                               first_sent_ts = CASE WHEN s.attempts = 1 THEN NULL ELSE s.first_sent_ts END,
                               sent_ts = CASE WHEN s.attempts = 1 THEN NULL ELSE s.sent_ts END,
                               trading_date = CASE WHEN s.attempts = 1 THEN NULL ELSE s.trading_date END,
                               updated_ts = t.now
                          FROM t
                         WHERE s.intent_id = :id AND s.state = 'SENT' AND s.claimed_by = :owner
                           AND s.attempts = :attempt"""))
                        .bind("id", permit.intentId())
                        .bind("owner", permit.owner().id())
                        .bind("attempt", permit.attempt())
                        .bind("reason", reason)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /** Nothing was sent for a claim (CLAIMED by {@code owner}): its deadline → now, for the takeover. */
    public boolean releaseClaim(UUID intentId, Incarnation owner, String reason) {
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s SET send_deadline = t.now, error = :error, updated_ts = t.now
                          FROM t WHERE s.intent_id = :id AND s.state = 'CLAIMED' AND s.claimed_by = :owner"""))
                        .bind("id", intentId)
                        .bind("owner", owner.id())
                        .bind("error", Objects.requireNonNull(reason, "reason"))
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /** Validation refused the claimed intent before anything was sent: CLAIMED by {@code owner} → REJECTED. */
    public boolean rejectUnsent(UUID intentId, Incarnation owner, String reason) {
        return unsent(intentId, owner, "REJECTED", Objects.requireNonNull(reason, "reason"));
    }

    /** The claimed intent will not be sent (nothing was): CLAIMED by {@code owner} → FAILED. */
    public boolean failUnsent(UUID intentId, Incarnation owner, String error) {
        return unsent(intentId, owner, "FAILED", Objects.requireNonNull(error, "error"));
    }

    private boolean unsent(UUID intentId, Incarnation owner, String to, String error) {
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s SET state = :to, error = :error, updated_ts = t.now
                          FROM t WHERE s.intent_id = :id AND s.state = 'CLAIMED' AND s.claimed_by = :owner"""))
                        .bind("id", intentId)
                        .bind("owner", owner.id())
                        .bind("to", to)
                        .bind("error", error)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /**
     * How many submissions other than {@code except} of this symbol, side and quantity are
     * unresolved (CLAIMED, SENT or UNKNOWN): the in-flight rule of the claim.
     */
    public long unresolvedOfShape(String symbol, Side side, long qty, UUID except) {
        return handles.with(h -> h.createQuery("""
                        SELECT count(*) FROM trade.submissions
                         WHERE state IN ('CLAIMED', 'SENT', 'UNKNOWN') AND request ->> 'symbol' = :sym
                           AND request ->> 'side' = :side AND request ->> 'qty' = :qty AND intent_id <> :except""")
                .bind("sym", symbol)
                .bind("side", side.name())
                .bind("qty", Long.toString(qty))
                .bind("except", except)
                .mapTo(Long.class)
                .one());
    }

    public Optional<Submission> find(UUID intentId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM trade.submissions WHERE intent_id = :id")
                .bind("id", intentId)
                .map(SubmissionStore::map)
                .findOne());
    }

    /**
     * The order rows (kind {@code ORDER}) in any of {@code states}, least recently updated first.
     * Cancel rows share the table and its fencing writes but are read through {@link CancelJournal}.
     */
    public List<Submission> findByState(Collection<State> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS
                                + " FROM trade.submissions WHERE kind = 'ORDER' AND state IN (<states>) ORDER BY updated_ts, intent_id")
                .bindList("states", states.stream().map(Enum::name).toList())
                .map(SubmissionStore::map)
                .list());
    }

    /** CLAIMED, SENT and UNKNOWN rows: what recovery after a restart must look at. */
    public List<Submission> findUnsettled() {
        return findByState(EnumSet.of(State.CLAIMED, State.SENT, State.UNKNOWN));
    }

    /**
     * A statement on the journal clock: {@link #WITH_NOW} first, then {@code {lease}} (now plus the
     * bound {@code :leaseMs}), {@code {korean_date}} (the Korean date of now) and {@code {columns}}
     * filled in.
     */
    static String sql(String text) {
        return WITH_NOW
                + text.replace("{lease}", PLUS_LEASE)
                        .replace("{korean_date}", KOREAN_DATE)
                        .replace("{columns}", COLUMNS);
    }

    static long millis(Duration d) {
        return d.toMillis();
    }

    static Submission map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Submission(
                Db.uuid(rs, "intent_id"),
                State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getString("claimed_by"),
                Db.instant(rs, "claimed_ts"),
                Db.instant(rs, "send_deadline"),
                Db.instant(rs, "first_sent_ts"),
                Db.instant(rs, "sent_ts"),
                rs.getObject("trading_date", LocalDate.class),
                rs.getString("request"),
                rs.getString("response"),
                rs.getString("order_id"),
                rs.getString("error"),
                rs.getString("evidence"),
                Db.instant(rs, "created_ts"),
                Db.instant(rs, "updated_ts"));
    }
}
