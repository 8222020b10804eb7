package io.execctl.kis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a KIS HTTP response (status + raw body) into a {@link KisOutcome}. Pure and thread-safe.
 * Body first, status second: {@code EGW00201} anywhere is rate limiting, {@code EGW0012x} an invalid
 * token, {@code rt_cd != "0"} (or an {@code EGW} code without {@code rt_cd}) a rejection even on a 500;
 * a non-2xx without a parsable KIS answer is a gateway failure; a 2xx that is not the expected JSON is
 * malformed. What a rejection means for an order is {@link OrderOutcomeRules}'s to say.
 */
public final class ResponseClassifier {
    public static final String RATE_LIMIT_CODE = KisCodes.RATE_LIMIT;
    public static final Set<String> TOKEN_INVALID_CODES = KisCodes.TOKEN_INVALID;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(new PresizedNodeFactory());

    /**
     * Objects with room for KIS's row width: an inquiry row has 20–30 fields, and the default
     * 16-slot map rehashed every row of a page (a measurable share of parsing a 100-row page).
     */
    private static final class PresizedNodeFactory extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;
        /** 64 slots hold 48 fields before a resize. */
        private static final int SLOTS = 64;

        PresizedNodeFactory() {
            super(false);
        }

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new LinkedHashMap<>(SLOTS));
        }
    }

    private ResponseClassifier() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static KisOutcome classify(KisOperation op, ResponseMeta meta, String raw) {
        return classify(op, meta, raw, raw);
    }

    /**
     * Classifies {@code body}; the outcome keeps {@code raw} (the body with credentials scrubbed, which
     * is what may be stored or shown).
     */
    public static KisOutcome classify(KisOperation op, ResponseMeta meta, String body0, String raw) {
        return classify(op, meta, body0, raw, UnaryOperator.identity());
    }

    /**
     * As {@link #classify(KisOperation, ResponseMeta, String, String)}, passing KIS's message texts
     * through {@code scrub} (a gateway may echo a credential in {@code msg1}).
     */
    public static KisOutcome classify(
            KisOperation op, ResponseMeta meta, String body0, String raw, UnaryOperator<String> scrub) {
        return classify(op, meta, body0, null, raw, scrub);
    }

    /**
     * As {@link #classify(KisOperation, ResponseMeta, String, String, java.util.function.UnaryOperator)},
     * with {@code utf8} the exact UTF-8 encoding of {@code body0} (or null): the JSON is then read from
     * the bytes, which is cheaper than from the text (a 100-row page is ~50 KB) and gives the same tree.
     */
    public static KisOutcome classify(
            KisOperation op, ResponseMeta meta, String body0, byte[] utf8, String raw, UnaryOperator<String> scrub) {
        int status = meta.status();
        String body = body0 == null ? "" : body0.strip();
        if (body.isEmpty()) {
            return nonJson(meta, raw, "empty body");
        }
        if (body.charAt(0) != '{' && body.charAt(0) != '[') {
            String what = body.charAt(0) == '<' ? "an HTML page" : "a non-JSON body";
            return nonJson(meta, raw, what);
        }
        KisBody read;
        try {
            read = read(op, body, body == body0 ? utf8 : null);
        } catch (JsonProcessingException e) {
            return nonJson(meta, raw, "truncated or invalid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (read == null) {
            return nonJson(meta, raw, "JSON that is not an object");
        }
        JsonNode node = read.top();
        String code = text(node, "msg_cd");
        if (code.isEmpty()) {
            code = text(node, "error_code");
        }
        String msg = text(node, "msg1");
        if (msg.isEmpty()) {
            msg = text(node, "error_description");
        }
        code = scrub.apply(code);
        msg = scrub.apply(msg);
        if (RATE_LIMIT_CODE.equals(code) || status == 429) {
            return new KisOutcome.RateLimited(code.isEmpty() ? "HTTP429" : code, meta, raw);
        }
        if (TOKEN_INVALID_CODES.contains(code)) {
            return new KisOutcome.TokenInvalid(code, meta, raw);
        }
        JsonNode rtCd = node.get("rt_cd");
        if (rtCd != null && !rtCd.isNull()) {
            if ("0".equals(rtCd.asText().trim())) {
                if (meta.is2xx()) {
                    return new KisOutcome.Success(read, meta, raw);
                }
                return new KisOutcome.Malformed(meta, "rt_cd 0 with HTTP " + status, raw);
            }
            return new KisOutcome.Rejected(
                    code.isEmpty() ? "rt_cd=" + rtCd.asText().trim() : code, msg, meta, raw);
        }
        if (node.hasNonNull("error_code") || code.startsWith(KisCodes.GATEWAY_PREFIX)) {
            // the OAuth error shape, or a gateway code without rt_cd: the code says what happened
            return new KisOutcome.Rejected(code, msg, meta, raw);
        }
        if (meta.is2xx()) {
            if (op.isOauth()) {
                return new KisOutcome.Success(read, meta, raw);
            }
            return new KisOutcome.Malformed(meta, "JSON without rt_cd", raw);
        }
        return new KisOutcome.Gateway(meta, "HTTP " + status + " with JSON that is not a KIS answer", raw);
    }

    /** The body as read, or null if it is JSON but not an object. */
    private static KisBody read(KisOperation op, String text, byte[] utf8) throws JsonProcessingException {
        if (!op.rowArrays().isEmpty()) {
            KisBody b = utf8 == null ? null : readFlat(text, utf8, op);
            if (b == null) {
                b = readFlat(text, null, op); // bytes that did not read (invalid UTF-8): their decoded text may
            }
            if (b != null) {
                return b;
            }
            // not an object, or not JSON: readTree below says which, with the message it gives for the text
        }
        JsonNode node = readTree(text, utf8);
        return node != null && node.isObject() ? KisBody.of((ObjectNode) node) : null;
    }

    private static KisBody readFlat(String text, byte[] utf8, KisOperation op) {
        try {
            return BodyReader.read(text, utf8, op.rowArrays());
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode readTree(String text, byte[] utf8) throws JsonProcessingException {
        if (utf8 != null) {
            try {
                return MAPPER.readTree(utf8);
            } catch (IOException e) {
                // invalid JSON: read the text instead, so the error reported is the one the text gives
            }
        }
        return MAPPER.readTree(text);
    }

    private static KisOutcome nonJson(ResponseMeta meta, String raw, String what) {
        if (meta.status() == 429) {
            return new KisOutcome.RateLimited("HTTP429", meta, raw);
        }
        if (meta.is2xx()) {
            return new KisOutcome.Malformed(meta, "HTTP " + meta.status() + " with " + what, raw);
        }
        return new KisOutcome.Gateway(meta, "HTTP " + meta.status() + " with " + what, raw);
    }

    /** The trimmed text of a field, "" if absent or null (KIS pads some values with spaces). */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        return v.asText().strip();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) : line;
    }
}
