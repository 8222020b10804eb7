package io.execctl.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.sim.ws.WsFaults;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every fault of the simulator, from {@code --faults FILE} or {@code POST /sim/faults}: one JSON object,
 * unknown keys are an error (a misspelt fault silently doing nothing would make a test pass for the
 * wrong reason). Rates are probabilities 0..1 per call (REST) or per notice (WebSocket).
 *
 * @param restLatencyMs         extra latency of every REST call, ms
 * @param restLatencyByEndpoint per-endpoint latency (key = last path segment, e.g. {@code order-cash}); overrides the global one
 * @param egw00201Burst         once an EGW00201 fault fires, this many following calls get it as well
 * @param tokenExpireEarly      probability per /uapi call that the presented token is declared expired (it stays dead)
 * @param orderTimeoutDelayMs   how long an accepted-then-delayed order response is held back
 */
public record Faults(
        long restLatencyMs,
        Map<String, Long> restLatencyByEndpoint,
        double rest5xxRate,
        double rest5xxHtmlRate,
        double egw00201Rate,
        int egw00201Burst,
        double tokenExpireEarly,
        double orderTimeoutAfterAcceptRate,
        long orderTimeoutDelayMs,
        double orderResetAfterAcceptRate,
        double noticeBeforeResponseRate,
        double pagingDataChangedRate,
        double wsDropRate,
        double wsDuplicateRate,
        double wsReorderRate,
        double wsDisconnectEverySeconds,
        double corruptFrameRate) {

    public static final long DEFAULT_ORDER_TIMEOUT_DELAY_MS = 30_000;

    public static final Faults NONE =
            new Faults(0, Map.of(), 0, 0, 0, 0, 0, 0, DEFAULT_ORDER_TIMEOUT_DELAY_MS, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The keys accepted in the JSON object. */
    public static final Set<String> KEYS = Set.of(
            "rest_latency_ms",
            "rest_5xx_rate",
            "rest_5xx_html_rate",
            "egw00201_rate",
            "egw00201_burst",
            "token_expire_early",
            "order_timeout_after_accept_rate",
            "order_timeout_delay_ms",
            "order_reset_after_accept_rate",
            "notice_before_response_rate",
            "paging_data_changed_rate",
            "ws_drop_rate",
            "ws_duplicate_rate",
            "ws_reorder_rate",
            "ws_disconnect_every_s",
            "corrupt_frame_rate");

    public Faults {
        restLatencyByEndpoint = Map.copyOf(restLatencyByEndpoint);
        nonNegative("rest_latency_ms", restLatencyMs);
        restLatencyByEndpoint.forEach((k, v) -> nonNegative("rest_latency_ms." + k, v));
        rate("rest_5xx_rate", rest5xxRate);
        rate("rest_5xx_html_rate", rest5xxHtmlRate);
        rate("egw00201_rate", egw00201Rate);
        nonNegative("egw00201_burst", egw00201Burst);
        rate("token_expire_early", tokenExpireEarly);
        rate("order_timeout_after_accept_rate", orderTimeoutAfterAcceptRate);
        nonNegative("order_timeout_delay_ms", orderTimeoutDelayMs);
        rate("order_reset_after_accept_rate", orderResetAfterAcceptRate);
        rate("notice_before_response_rate", noticeBeforeResponseRate);
        rate("paging_data_changed_rate", pagingDataChangedRate);
        rate("ws_drop_rate", wsDropRate);
        rate("ws_duplicate_rate", wsDuplicateRate);
        rate("ws_reorder_rate", wsReorderRate);
        nonNegative("ws_disconnect_every_s", wsDisconnectEverySeconds);
        rate("corrupt_frame_rate", corruptFrameRate);
    }

    /** The latency of one endpoint (last path segment), ms. */
    public long latencyFor(String endpoint) {
        Long v = restLatencyByEndpoint.get(endpoint);
        return v != null ? v : restLatencyMs;
    }

    /** The WebSocket part, handed to the notice server. */
    public WsFaults wsFaults() {
        return new WsFaults(wsDropRate, wsDuplicateRate, wsReorderRate, corruptFrameRate, wsDisconnectEverySeconds);
    }

    /**
     * Parses the faults object. {@code {}} means no faults.
     *
     * @throws IllegalArgumentException naming the offending key on an unknown key, a wrong type or a value out of range
     */
    public static Faults parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("faults must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown fault key '" + k + "'; known: " + new TreeSet<>(KEYS));
            }
        }
        long latency = 0;
        Map<String, Long> perEndpoint = new LinkedHashMap<>();
        JsonNode lat = node.get("rest_latency_ms");
        if (lat != null) {
            if (lat.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = lat.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if ("*".equals(e.getKey()) || "default".equals(e.getKey())) {
                        latency = number(e.getValue(), "rest_latency_ms." + e.getKey())
                                .longValue();
                    } else {
                        perEndpoint.put(
                                e.getKey(),
                                number(e.getValue(), "rest_latency_ms." + e.getKey())
                                        .longValue());
                    }
                }
            } else {
                latency = number(lat, "rest_latency_ms").longValue();
            }
        }
        return new Faults(
                latency,
                perEndpoint,
                d(node, "rest_5xx_rate"),
                d(node, "rest_5xx_html_rate"),
                d(node, "egw00201_rate"),
                (int) l(node, "egw00201_burst", 0),
                d(node, "token_expire_early"),
                d(node, "order_timeout_after_accept_rate"),
                l(node, "order_timeout_delay_ms", DEFAULT_ORDER_TIMEOUT_DELAY_MS),
                d(node, "order_reset_after_accept_rate"),
                d(node, "notice_before_response_rate"),
                d(node, "paging_data_changed_rate"),
                d(node, "ws_drop_rate"),
                d(node, "ws_duplicate_rate"),
                d(node, "ws_reorder_rate"),
                d(node, "ws_disconnect_every_s"),
                d(node, "corrupt_frame_rate"));
    }

    /** Parses faults JSON text. */
    public static Faults parse(String json) {
        try {
            return parse(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("faults are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The faults as the JSON object {@link #parse} reads (GET /sim/faults). */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (restLatencyByEndpoint.isEmpty()) {
            o.put("rest_latency_ms", restLatencyMs);
        } else {
            ObjectNode lat = o.putObject("rest_latency_ms");
            lat.put("default", restLatencyMs);
            restLatencyByEndpoint.forEach(lat::put);
        }
        o.put("rest_5xx_rate", rest5xxRate);
        o.put("rest_5xx_html_rate", rest5xxHtmlRate);
        o.put("egw00201_rate", egw00201Rate);
        o.put("egw00201_burst", egw00201Burst);
        o.put("token_expire_early", tokenExpireEarly);
        o.put("order_timeout_after_accept_rate", orderTimeoutAfterAcceptRate);
        o.put("order_timeout_delay_ms", orderTimeoutDelayMs);
        o.put("order_reset_after_accept_rate", orderResetAfterAcceptRate);
        o.put("notice_before_response_rate", noticeBeforeResponseRate);
        o.put("paging_data_changed_rate", pagingDataChangedRate);
        o.put("ws_drop_rate", wsDropRate);
        o.put("ws_duplicate_rate", wsDuplicateRate);
        o.put("ws_reorder_rate", wsReorderRate);
        o.put("ws_disconnect_every_s", wsDisconnectEverySeconds);
        o.put("corrupt_frame_rate", corruptFrameRate);
        return o;
    }

    private static double d(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null ? 0 : number(v, key).doubleValue();
    }

    private static long l(JsonNode node, String key, long def) {
        JsonNode v = node.get(key);
        return v == null ? def : number(v, key).longValue();
    }

    private static Number number(JsonNode v, String key) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("fault '" + key + "' must be a number, was " + v);
        }
        return v.numberValue();
    }

    private static void rate(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("fault '" + key + "' must be a probability in [0,1], was " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException("fault '" + key + "' must be >= 0, was " + v);
        }
    }
}
