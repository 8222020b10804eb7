package io.execctl.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event in {@code trade.outbox}, written in the same transaction as the change it announces;
 * its id is NOTIFYed on channel {@value #CHANNEL} when that transaction commits.
 *
 * @param eventKey optional dedupe key: appending an event with a key already stored adds nothing
 */
public record OutboxEvent(
        long id,
        String eventType,
        String aggregateId,
        String eventKey,
        String payloadJson,
        Instant createdTs,
        Instant publishedTs) {
    /** The NOTIFY channel of new outbox rows (payload: the row id). */
    public static final String CHANNEL = "execctl_events";

    /** An order's status or quantities changed; aggregate = order_id. */
    public static final String ORDER_STATUS = "ORDER_STATUS";
    /** A fill was recorded; aggregate = order_id. */
    public static final String FILL = "FILL";
    /** A fill was voided by the fill model (superseded or in excess of final totals); aggregate = order_id. */
    public static final String FILL_VOIDED = "FILL_VOIDED";
    /**
     * Broker-final totals voided a recorded notice and the order's quantities or status moved back
     * (e.g. {@code FILLED -> CANCELLED_PARTIAL} after a duplicated notice); aggregate = order_id. A
     * correction, not a second terminal status: consumers replace what they knew. Also any move into
     * {@code ERROR} and any move out of a terminal status (payload {@code "anomaly": true} when the
     * status machine flags it; {@code OrderProgress.announcedAsCorrection}).
     */
    public static final String ORDER_CORRECTED = "ORDER_CORRECTED";
    /** An intent's status changed; aggregate = intent_id. */
    public static final String INTENT_STATUS = "INTENT_STATUS";
    /** Holdings and positions disagree; aggregate = account_id:symbol. */
    public static final String HOLDING_MISMATCH = "HOLDING_MISMATCH";

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]*");

    public OutboxEvent {
        Objects.requireNonNull(eventType, "eventType");
        if (!TYPE.matcher(eventType).matches()) {
            throw new IllegalArgumentException("event type must be UPPER_SNAKE: '" + eventType + "'");
        }
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /** A new event (no id yet), created at {@code at}. */
    public static OutboxEvent of(
            String eventType, String aggregateId, String eventKey, String payloadJson, Instant at) {
        return new OutboxEvent(
                0, eventType, aggregateId, eventKey, payloadJson, Objects.requireNonNull(at, "at"), null);
    }

    public boolean published() {
        return publishedTs != null;
    }
}
