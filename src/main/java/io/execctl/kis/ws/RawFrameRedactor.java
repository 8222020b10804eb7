package io.execctl.kis.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Secret;
import java.util.Optional;

/**
 * Takes the AES key and iv out of a subscription ack before the frame leaves the stream: the raw
 * frame goes to the {@code broker_messages} audit, and with the key anybody who can read the audit
 * (and the captured frames) could decrypt every notice of the session.
 */
final class RawFrameRedactor {
    static final String MASK = "****";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawFrameRedactor() {}

    /** {@code raw} with the key and iv of {@code m} (if any) replaced by {@code ****}. */
    static String redact(String raw, ControlMessage m) {
        if (m.key().isEmpty() && m.iv().isEmpty()) {
            return raw;
        }
        // The frame as received, byte for byte, except the two values.
        String out = replace(replace(raw, m.key()), m.iv());
        if (isClean(out)) {
            return out;
        }
        // The values were written with JSON escapes: rewrite the frame rather than keep the key.
        return rewritten(raw);
    }

    private static String replace(String raw, Optional<Secret> secret) {
        if (secret.isEmpty()) {
            return raw;
        }
        return raw.replace("\"" + secret.get().reveal() + "\"", "\"" + MASK + "\"");
    }

    private static boolean isClean(String redacted) {
        ControlMessage again = ControlMessage.parse(redacted);
        return again.key().map(k -> MASK.equals(k.reveal())).orElse(true)
                && again.iv().map(v -> MASK.equals(v.reveal())).orElse(true);
    }

    private static String rewritten(String raw) {
        try {
            JsonNode root = JSON.readTree(raw);
            JsonNode output = root.path("body").path("output");
            if (output instanceof ObjectNode o) {
                if (o.has("key")) {
                    o.put("key", MASK);
                }
                if (o.has("iv")) {
                    o.put("iv", MASK);
                }
            }
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return "{\"redacted\":\"subscription ack with key/iv\"}";
        }
    }
}
