package io.execctl.store;

import io.execctl.domain.IntentStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Why an intent has its status: a row of {@code trade.intent_outcomes}, which strategies read
 * through {@code trade.intent_status_v}. Kept apart from {@code order_intents}, where execctl may
 * write only the status.
 *
 * @param reasonCode execctl's reason (e.g. a validation failure), or null
 * @param msgCd      the broker's {@code msg_cd}, or null when the broker did not answer
 * @param msg1       the broker's {@code msg1}, or null
 */
public record IntentOutcome(
        UUID intentId, IntentStatus status, String reasonCode, String msgCd, String msg1, Instant updatedTs) {
    public IntentOutcome {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedTs, "updatedTs");
    }
}
