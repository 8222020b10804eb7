package io.execctl.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One message from the broker as received, for the append-only {@code trade.broker_messages}
 * audit: the decrypted payload is kept even when it could not be parsed, so nothing is lost. The
 * caller scrubs secrets from {@code payload} before appending (domain.Secret.scrub).
 *
 * @param id          assigned by the database; 0 before {@link BrokerMessageStore#append}
 * @param correlation what the message concerns, e.g. an order_id (may be null)
 */
public record BrokerMessage(
        long id,
        Instant receivedTs,
        Channel channel,
        String trId,
        String endpoint,
        String payload,
        Outcome outcome,
        String error,
        String correlation) {

    /** Which connection the message came over. */
    public enum Channel {
        WS,
        REST
    }

    /** What parsing made of it. */
    public enum Outcome {
        OK,
        ERROR,
        IGNORED
    }

    public BrokerMessage {
        Objects.requireNonNull(receivedTs, "receivedTs");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.ERROR && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a message that failed to parse needs its error text");
        }
    }

    public static BrokerMessage ok(
            Instant at, Channel channel, String trId, String endpoint, String payload, String correlation) {
        return new BrokerMessage(0, at, channel, trId, endpoint, payload, Outcome.OK, null, correlation);
    }

    public static BrokerMessage error(
            Instant at, Channel channel, String trId, String endpoint, String payload, String error) {
        return new BrokerMessage(0, at, channel, trId, endpoint, payload, Outcome.ERROR, error, null);
    }

    public static BrokerMessage ignored(Instant at, Channel channel, String trId, String endpoint, String payload) {
        return new BrokerMessage(0, at, channel, trId, endpoint, payload, Outcome.IGNORED, null, null);
    }

    /** Without the payload, which may carry account details. */
    @Override
    public String toString() {
        return "BrokerMessage[" + id + " " + channel + " " + trId + " " + endpoint + " " + outcome + " at " + receivedTs
                + ", " + payload.length() + " chars]";
    }
}
