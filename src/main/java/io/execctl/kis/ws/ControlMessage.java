package io.execctl.kis.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.Secret;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON control frame (REFERENCE.md §9.1, §9.4): a subscribe/unsubscribe answer, an error such as
 * {@code OPSP8996}, or the {@code PINGPONG} keepalive. The key/iv of a subscription ack are
 * {@link Secret}s, so {@link #toString()} never shows them.
 *
 * @param trId    {@code header.tr_id} ({@code PINGPONG}, {@code H0STCNI0}, {@code (null)} ...)
 * @param trKey   {@code header.tr_key}
 * @param encrypt {@code header.encrypt} ({@code Y}/{@code N}), blank when absent
 * @param rtCd    {@code body.rt_cd}, blank when absent
 * @param msgCd   {@code body.msg_cd}, blank when absent
 * @param msg1    {@code body.msg1}, blank when absent
 * @param key     {@code body.output.key}, when present
 * @param iv      {@code body.output.iv}, when present
 */
public record ControlMessage(
        String trId,
        String trKey,
        String encrypt,
        String rtCd,
        String msgCd,
        String msg1,
        Optional<Secret> key,
        Optional<Secret> iv) {

    public static final String PINGPONG = "PINGPONG";
    /** Subscribed ("SUBSCRIBE SUCCESS"). */
    public static final String SUBSCRIBED = "OPSP0000";
    /** Unsubscribed ("UNSUBSCRIBE SUCCESS"). */
    public static final String UNSUBSCRIBED = "OPSP0001";

    public static final String ALREADY_SUBSCRIBED = "OPSP0002";
    public static final String NOT_SUBSCRIBED = "OPSP0003";
    public static final String INTERNAL_ERROR = "OPSP0007";
    /** "MAX SUBSCRIBE OVER": more than 41 registrations on this app key's session. */
    public static final String MAX_SUBSCRIBE_OVER = "OPSP0008";
    /** "ALREADY IN USE appkey": another session holds this app key. */
    public static final String ALREADY_IN_USE = "OPSP8996";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ControlMessage {
        Objects.requireNonNull(trId, "trId");
        Objects.requireNonNull(trKey, "trKey");
        Objects.requireNonNull(encrypt, "encrypt");
        Objects.requireNonNull(rtCd, "rtCd");
        Objects.requireNonNull(msgCd, "msgCd");
        Objects.requireNonNull(msg1, "msg1");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
    }

    /**
     * Parses a control frame.
     *
     * @throws IllegalArgumentException when it is not a JSON object with a {@code header}
     */
    public static ControlMessage parse(String raw) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("control frame is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("header").isObject()) {
            throw new IllegalArgumentException("control frame has no header object");
        }
        JsonNode header = root.path("header");
        JsonNode body = root.path("body");
        JsonNode output = body.path("output");
        return new ControlMessage(
                text(header, "tr_id"),
                text(header, "tr_key"),
                text(header, "encrypt"),
                text(body, "rt_cd"),
                text(body, "msg_cd"),
                text(body, "msg1"),
                secret(output, "key"),
                secret(output, "iv"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static Optional<Secret> secret(JsonNode node, String field) {
        String v = text(node, field);
        return v.isEmpty() ? Optional.empty() : Optional.of(Secret.of(v));
    }

    public boolean isPingPong() {
        return PINGPONG.equals(trId);
    }

    /** {@code rt_cd = "0"}. */
    public boolean isSuccess() {
        return "0".equals(rtCd);
    }

    /** A successful (re-)subscription that carries the key and iv. */
    public boolean isSubscribeAck() {
        return isSuccess() && SUBSCRIBED.equals(msgCd);
    }

    /**
     * KIS refused the approval key. The code is not documented; samples and community tests show a
     * failed answer whose {@code msg1} names the approval key ("invalid approval : NOT FOUND",
     * "INVALID APPROVAL KEY"), so the text is what is checked.
     */
    public boolean isInvalidApprovalKey() {
        return !isSuccess() && !rtCd.isEmpty() && msg1.toUpperCase(Locale.ROOT).contains("APPROVAL");
    }

    /** Whether {@code msgCd} is one of the codes this client knows. */
    public boolean isKnownCode() {
        return ControlPolicy.isKnown(msgCd);
    }

    @Override
    public String toString() {
        return "ControlMessage[tr_id=" + trId + ", rt_cd=" + rtCd + ", msg_cd=" + msgCd + ", msg1=" + msg1
                + (key.isPresent() ? ", key=****" : "") + (iv.isPresent() ? ", iv=****" : "") + "]";
    }
}
