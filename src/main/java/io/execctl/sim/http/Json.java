package io.execctl.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The simulator's own JSON helpers (it shares no code with the KIS client on purpose). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A KIS-style error/result body {@code {"rt_cd","msg_cd","msg1"}}. */
    public static ObjectNode result(String rtCd, String msgCd, String msg1) {
        ObjectNode o = object();
        o.put("rt_cd", rtCd);
        o.put("msg_cd", msgCd);
        o.put("msg1", msg1);
        return o;
    }

    /** A decimal as KIS writes it: plain, no exponent, no trailing fraction zeros. */
    public static String decimal(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        return v.stripTrailingZeros().toPlainString();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Text of a field, "" when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
