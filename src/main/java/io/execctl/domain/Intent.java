package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code trade.order_intents} as the strategy wrote it. The type fields are kept as the
 * stored text because that table is another module's contract: a bad value must be rejected with a
 * precise reason by {@link IntentMapper}, not make the row unreadable.
 */
public record Intent(
        UUID intentId,
        UUID positionId,
        UUID candidateId,
        String symbol,
        String intentType,
        long qty,
        String orderType,
        BigDecimal limitPrice,
        String reasonCode,
        String actionKey,
        String status,
        Instant createdTs,
        Instant updatedTs) {

    public Intent {
        Checks.notNull(intentId, "intentId");
        limitPrice = Checks.normalized(limitPrice);
    }
}
