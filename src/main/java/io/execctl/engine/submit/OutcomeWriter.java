package io.execctl.engine.submit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.IntentStatus;
import io.execctl.store.IntentOutcome;
import io.execctl.store.IntentOutcomeStore;
import io.execctl.store.IntentStore;
import io.execctl.store.OutboxEvent;
import io.execctl.store.OutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Moves an intent's status together with its reason ({@code trade.intent_outcomes}) and an
 * {@code INTENT_STATUS} outbox event, on the caller's transaction: the three always agree, and the
 * status moves only from what this step expects (another process may have moved it on).
 */
final class OutcomeWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    OutcomeWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Moves the intent from {@code from} to {@code to} and records why.
     *
     * @param orderId the accepted order's key, or null
     * @return false (and nothing written) if the intent was not in {@code from}
     */
    boolean intentMoved(
            Handle h, UUID intentId, IntentStatus from, IntentStatus to, String reasonCode, String msgCd, String msg1) {
        return intentMoved(h, intentId, from, to, reasonCode, msgCd, msg1, null);
    }

    boolean intentMoved(
            Handle h,
            UUID intentId,
            IntentStatus from,
            IntentStatus to,
            String reasonCode,
            String msgCd,
            String msg1,
            String orderId) {
        Instant at = now();
        if (!IntentStore.on(h).compareAndSetStatus(intentId, from, to, at)) {
            return false;
        }
        recordOnly(h, intentId, to, reasonCode, msgCd, msg1, orderId, at);
        return true;
    }

    /** The reason and the event for a status the journal already moved (SENDING → UNKNOWN). */
    void recordOnly(
            Handle h,
            UUID intentId,
            IntentStatus status,
            String reasonCode,
            String msgCd,
            String msg1,
            String orderId,
            Instant at) {
        IntentOutcomeStore.on(h).record(new IntentOutcome(intentId, status, reasonCode, msgCd, msg1, at));
        ObjectNode payload = JSON.createObjectNode();
        payload.put("intent_id", intentId.toString());
        payload.put("status", status.name());
        payload.put("reason_code", reasonCode);
        payload.put("order_id", orderId);
        OutboxStore.on(h)
                .append(OutboxEvent.of(
                        OutboxEvent.INTENT_STATUS,
                        intentId.toString(),
                        "intent-status:" + intentId + ":" + status.name(),
                        payload.toString(),
                        at));
    }
}
