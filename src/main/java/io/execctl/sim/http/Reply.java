package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer of the simulator before it is written.
 *
 * @param trCont response header {@code tr_cont} ("" when not paginated)
 */
public record Reply(int status, String contentType, byte[] body, String trCont) {
    public static final String JSON = "application/json; charset=utf-8";

    public static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, Json.bytes(body), "");
    }

    public static Reply json(int status, JsonNode body, String trCont) {
        return new Reply(status, JSON, Json.bytes(body), trCont);
    }

    /** A gateway page as a load balancer in front of KIS would send it. */
    public static Reply html(int status, String html) {
        return new Reply(status, "text/html", html.getBytes(StandardCharsets.UTF_8), "");
    }

    /** A KIS-shaped {@code rt_cd/msg_cd/msg1} body with the given HTTP status. */
    public static Reply kis(int status, String rtCd, String msgCd, String msg1) {
        return json(status, Json.result(rtCd, msgCd, msg1));
    }
}
