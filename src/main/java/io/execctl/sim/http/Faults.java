package io.execctl.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.sim.market.MarketFaults;
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
 * @param orderGatewayTimeoutAfterAcceptRate the order/cancel is executed, the answer is KIS's gateway timeout
 *                              (HTTP 500 EGW00301/EGW00302 "…직전 거래를 반드시 확인하세요") or a 502/504 HTML page
 * @param ccldLagMs             today's rows appear in inquire-daily-ccld / inquire-psbl-rvsecncl only this long
 *                              after acceptance (notices are not delayed)
 * @param ccldStaleTotalsMs     daily-ccld's tot_ccld_qty / tot_ccld_amt / rmn_qty count only executions older than this
 * @param paperCcldEmptyRate    paper answers daily-ccld with an empty output1 (70070000) and correct output2 totals
 * @param exchangeRefuseRate    an accepted new order (rt_cd "0", ODNO) is then refused by the exchange (RFUS_YN=1, rjct_qty)
 * @param wsSilentAfterSeconds  a WebSocket session goes half-open this long after its handshake: no frames, no
 *                              PINGPONG, no close (0 = never)
 * @param dataChangedFirstPageRate a first inquiry page answers SYDB0050 or EGW00316 (transient; asking again works)
 * @param branchVariation       notices' BRNC_NO and daily-ccld's ord_gno_brno differ from KRX_FWDG_ORD_ORGNO; when the
 *                              key is absent it is on whenever any other fault is set (a fault run)
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
        double corruptFrameRate,
        double orderGatewayTimeoutAfterAcceptRate,
        long ccldLagMs,
        long ccldStaleTotalsMs,
        double paperCcldEmptyRate,
        double exchangeRefuseRate,
        double wsSilentAfterSeconds,
        double dataChangedFirstPageRate,
        boolean branchVariation) {

    public static final long DEFAULT_ORDER_TIMEOUT_DELAY_MS = 30_000;

    public static final Faults NONE = new Faults(
            0,
            Map.of(),
            0,
            0,
            0,
            0,
            0,
            0,
            DEFAULT_ORDER_TIMEOUT_DELAY_MS,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            false);

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
            "corrupt_frame_rate",
            "order_gateway_timeout_after_accept_rate",
            "ccld_lag_ms",
            "ccld_stale_totals_ms",
            "paper_ccld_empty_rate",
            "exchange_refuse_rate",
            "ws_silent_after_s",
            "data_changed_first_page_rate",
            "branch_variation");

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
        rate("order_gateway_timeout_after_accept_rate", orderGatewayTimeoutAfterAcceptRate);
        nonNegative("ccld_lag_ms", ccldLagMs);
        nonNegative("ccld_stale_totals_ms", ccldStaleTotalsMs);
        rate("paper_ccld_empty_rate", paperCcldEmptyRate);
        rate("exchange_refuse_rate", exchangeRefuseRate);
        nonNegative("ws_silent_after_s", wsSilentAfterSeconds);
        if (Double.isInfinite(wsSilentAfterSeconds)) {
            throw new IllegalArgumentException("fault 'ws_silent_after_s' must be finite");
        }
        rate("data_changed_first_page_rate", dataChangedFirstPageRate);
    }

    /** The latency of one endpoint (last path segment), ms. */
    public long latencyFor(String endpoint) {
        Long v = restLatencyByEndpoint.get(endpoint);
        return v != null ? v : restLatencyMs;
    }

    /** The WebSocket part, handed to the notice server. */
    public WsFaults wsFaults() {
        return new WsFaults(
                wsDropRate,
                wsDuplicateRate,
                wsReorderRate,
                corruptFrameRate,
                wsDisconnectEverySeconds,
                wsSilentAfterSeconds);
    }

    /** The market part (branch variation, exchange refusal), handed to the broker. */
    public MarketFaults marketFaults() {
        return new MarketFaults(branchVariation, exchangeRefuseRate);
    }

    /** A copy with branch variation on or off ({@code execctl sim --branch-variation}). */
    public Faults withBranchVariation(boolean on) {
        return new Faults(
                restLatencyMs,
                restLatencyByEndpoint,
                rest5xxRate,
                rest5xxHtmlRate,
                egw00201Rate,
                egw00201Burst,
                tokenExpireEarly,
                orderTimeoutAfterAcceptRate,
                orderTimeoutDelayMs,
                orderResetAfterAcceptRate,
                noticeBeforeResponseRate,
                pagingDataChangedRate,
                wsDropRate,
                wsDuplicateRate,
                wsReorderRate,
                wsDisconnectEverySeconds,
                corruptFrameRate,
                orderGatewayTimeoutAfterAcceptRate,
                ccldLagMs,
                ccldStaleTotalsMs,
                paperCcldEmptyRate,
                exchangeRefuseRate,
                wsSilentAfterSeconds,
                dataChangedFirstPageRate,
                on);
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
        JsonNode bv = node.get("branch_variation");
        if (bv != null && !bv.isBoolean()) {
            throw new IllegalArgumentException("fault 'branch_variation' must be true or false, was " + bv);
        }
        Faults parsed = new Faults(
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
                d(node, "corrupt_frame_rate"),
                d(node, "order_gateway_timeout_after_accept_rate"),
                l(node, "ccld_lag_ms", 0),
                l(node, "ccld_stale_totals_ms", 0),
                d(node, "paper_ccld_empty_rate"),
                d(node, "exchange_refuse_rate"),
                d(node, "ws_silent_after_s"),
                d(node, "data_changed_first_page_rate"),
                false);
        // A fault run has branch variation on unless it says otherwise.
        return parsed.withBranchVariation(bv != null ? bv.booleanValue() : !parsed.equals(NONE));
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
        o.put("order_gateway_timeout_after_accept_rate", orderGatewayTimeoutAfterAcceptRate);
        o.put("ccld_lag_ms", ccldLagMs);
        o.put("ccld_stale_totals_ms", ccldStaleTotalsMs);
        o.put("paper_ccld_empty_rate", paperCcldEmptyRate);
        o.put("exchange_refuse_rate", exchangeRefuseRate);
        o.put("ws_silent_after_s", wsSilentAfterSeconds);
        o.put("data_changed_first_page_rate", dataChangedFirstPageRate);
        o.put("branch_variation", branchVariation);
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
