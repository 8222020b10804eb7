package io.execctl.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.IntentStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of an intent's status: every move execctl makes ({@code order_intents.status})
 * comes with its reason ({@code trade.intent_outcomes}) and an {@code INTENT_STATUS} outbox event, on
 * the caller's transaction, so the three always agree. The event key carries the outcome's sequence
 * number ({@code intent-status:<id>:<seq>}): a correction back to an earlier status is announced
 * again instead of being swallowed by a key seen before.
 */
public final class IntentTransitions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Handle handle;

    private IntentTransitions(Handle handle) {
        this.handle = handle;
    }

    /** On the caller's handle (the transaction that makes the move). */
    public static IntentTransitions on(Handle handle) {
        return new IntentTransitions(Objects.requireNonNull(handle, "handle"));
    }

    /** Why an intent has its status. All parts may be null. */
    public record Why(String reasonCode, String msgCd, String msg1, String orderId) {
        public static Why code(String reasonCode) {
            return new Why(reasonCode, null, null, null);
        }
    }

    /**
     * Moves the intent to {@code to} if its status is one of {@code from}, and records why.
     *
     * @return false (nothing written) if the intent was in none of {@code from}
     */
    public boolean move(UUID intentId, Set<IntentStatus> from, IntentStatus to, Why why, Instant at) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(to, "to");
        if (from.isEmpty()) {
            return false;
        }
        int moved = handle.createUpdate("""
                        UPDATE trade.order_intents SET status = :to, updated_ts = :at
                         WHERE intent_id = :id AND status IN (<from>)""")
                .bind("id", intentId)
                .bind("to", to.name())
                .bind("at", Objects.requireNonNull(at, "at"))
                .bindList("from", from.stream().map(Enum::name).toList())
                .execute();
        if (moved != 1) {
            return false;
        }
        announce(intentId, to, why, at);
        return true;
    }

    /**
     * Records the reason and the event for a move a journal statement already made in this
     * transaction (it moved the intent's row, so the row is locked).
     */
    public void announce(UUID intentId, IntentStatus status, Why why, Instant at) {
        Why w = why == null ? new Why(null, null, null, null) : why;
        long seq = IntentOutcomeStore.on(handle)
                .recordNext(new IntentOutcome(intentId, status, w.reasonCode(), w.msgCd(), w.msg1(), at));
        ObjectNode payload = JSON.createObjectNode();
        payload.put("intent_id", intentId.toString());
        payload.put("status", status.name());
        payload.put("reason_code", w.reasonCode());
        payload.put("order_id", w.orderId());
        payload.put("seq", seq);
        OutboxStore.on(handle)
                .append(OutboxEvent.of(
                        OutboxEvent.INTENT_STATUS,
                        intentId.toString(),
                        "intent-status:" + intentId + ":" + seq,
                        payload.toString(),
                        at));
    }
}
