package io.execctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.demo.DemoStrategy;
import io.execctl.domain.KrxTick;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The chaos day's hand on the simulator, over its control API only ({@code /sim/…}, as for a
 * simulator in another process): the fault profile on and off, the symbols and prices, and the
 * external orders a person types into HTS (market buys that move holdings, far limit buys that rest,
 * and HTS cancels of those).
 */
final class ChaosBroker {
    /**
     * Every simulator fault at once, at the rates of docs/chaos.md. Rates are per REST call or per
     * notice; the simulator's dice are seeded by {@code --seed}. The early token expiry is not a rate
     * here but scheduled events ({@link #expireTokens}, {@code --token-expiries}): at 0.2 % per call it
     * struck every ~30 s, and KIS's one-issuance-a-minute rule then left the day without any REST for
     * 117 of its first 250 s — a measure of that rule, not of execctl (docs/chaos.md).
     */
    static final String DEFAULT_FAULTS = """
            {"rest_latency_ms":{"order-cash":20,"default":5},
             "rest_5xx_rate":0.02,"rest_5xx_html_rate":0.005,
             "egw00201_rate":0.01,"egw00201_burst":3,
             "order_timeout_after_accept_rate":0.01,"order_timeout_delay_ms":15000,
             "order_reset_after_accept_rate":0.01,
             "order_gateway_timeout_after_accept_rate":0.01,
             "notice_before_response_rate":0.05,
             "paging_data_changed_rate":0.02,"data_changed_first_page_rate":0.02,
             "ws_drop_rate":0.05,"ws_duplicate_rate":0.05,"ws_reorder_rate":0.05,"corrupt_frame_rate":0.005,
             "ws_disconnect_every_s":45,"ws_silent_after_s":100,
             "ccld_lag_ms":1500,"ccld_stale_totals_ms":1000,"paper_ccld_empty_rate":0.05,
             "exchange_refuse_rate":0.02,
             "branch_variation":true}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<String> resting = new ArrayDeque<>();
    private int externalOrders;
    private int externalCancels;

    ChaosBroker(String adminUrl) {
        this.admin = adminUrl;
    }

    void faults(String json) {
        post("/faults", json);
    }

    void faultsOff() {
        post("/faults", "{}");
    }

    /** KIS declares every live access token expired now; how many were live. */
    int expireTokens() {
        return readJson(post("/tokens/expire", "")).path("expired").asInt();
    }

    /** The simulator's symbols at their current prices. */
    List<DemoStrategy.Symbol> symbols() {
        JsonNode prices = readJson(get("/prices"));
        List<DemoStrategy.Symbol> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = prices.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(new DemoStrategy.Symbol(e.getKey(), e.getValue().asLong()));
        }
        return out;
    }

    /** One HTS action: cancel a resting HTS order, or a market buy, or a far limit buy that rests. */
    void externalAction(Random random, List<DemoStrategy.Symbol> symbols) {
        if (!resting.isEmpty() && random.nextBoolean()) {
            String odno = resting.poll();
            post("/external-revise", "{\"action\":\"cancel\",\"orig_odno\":\"" + odno + "\"}");
            externalCancels++;
            return;
        }
        DemoStrategy.Symbol s = symbols.get(random.nextInt(symbols.size()));
        boolean market = random.nextBoolean();
        String body = market
                ? "{\"symbol\":\"%s\",\"side\":\"BUY\",\"ord_dvsn\":\"01\",\"qty\":%d,\"price\":0}"
                        .formatted(s.code(), htsQty(random))
                : "{\"symbol\":\"%s\",\"side\":\"BUY\",\"ord_dvsn\":\"00\",\"qty\":%d,\"price\":%d}"
                        .formatted(s.code(), htsQty(random), farBelow(s.refPrice()));
        JsonNode answer = readJson(post("/external-order", body));
        externalOrders++;
        if (!market && "accepted".equals(answer.path("result").asText())) {
            resting.add(answer.path("odno").asText());
        }
    }

    /**
     * A person's HTS buy: 11–13 shares, never the shape of one of the day's own buys (the script's
     * entries are 1–10 shares; the HTS orders are all buys). A same-shape HTS order inside an UNKNOWN
     * submission's send window is by the issue's own rule ambiguous — left UNKNOWN with an alert for
     * an operator — which a day whose check demands zero UNKNOWN cannot contain; that rule is proven by
     * its own tests (docs/chaos.md), the day proves that HTS orders are recorded EXTERNAL beside ours.
     */
    static long htsQty(Random random) {
        return 11 + random.nextInt(3);
    }

    private static long farBelow(long ref) {
        long p = ref;
        for (int i = 0; i < 15; i++) {
            p = KrxTick.down(p);
        }
        return p;
    }

    int externalOrders() {
        return externalOrders;
    }

    int externalCancels() {
        return externalCancels;
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(admin + path)).GET());
    }

    private String post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(admin + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new CommandFailure(
                        "simulator control API " + r.uri().getPath() + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new CommandFailure("simulator control API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new CommandFailure("simulator control API answered no JSON: " + s, e);
        }
    }
}
