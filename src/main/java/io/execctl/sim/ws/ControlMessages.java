package io.execctl.sim.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.KoreaTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON control frames the server writes: subscription answers ({@code header} + {@code body}) and
 * the PINGPONG heartbeat. Field order is KIS's: header {tr_id, tr_key, encrypt}, body {rt_cd, msg_cd,
 * msg1, output}.
 */
final class ControlMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter PING_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(KoreaTime.ZONE);

    private ControlMessages() {}

    /** An answer about {@code trId}/{@code trKey}; {@code keys} non-null adds {@code output {iv, key}}. */
    static String answer(String trId, String trKey, boolean encrypt, KisWsCode code, CipherKeys.Pair keys) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("tr_id", trId);
        header.put("tr_key", trKey);
        header.put("encrypt", encrypt ? "Y" : "N");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rt_cd", code.rtCd());
        body.put("msg_cd", code.msgCd());
        body.put("msg1", code.msg1());
        if (keys != null) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("iv", keys.iv());
            output.put("key", keys.key());
            body.put("output", output);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("header", header);
        root.put("body", body);
        return write(root);
    }

    /** An answer to a message that could not be attributed to a TR ({@code tr_id "(null)"}, as KIS). */
    static String unattributed(KisWsCode code) {
        return answer("(null)", "", false, code, null);
    }

    /** {@code {"header":{"tr_id":"PINGPONG","datetime":"yyyyMMddHHmmss"}}}, Korean time. */
    static String pingpong(Instant now) {
        return "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"" + PING_TIME.format(now) + "\"}}";
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a control message", e);
        }
    }
}
