package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.PriceGrid;
import io.execctl.sim.market.ReviseCancel;
import io.execctl.sim.market.SimBroker;
import io.execctl.sim.market.Source;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The simulator's own control API under {@code /sim/} (not part of KIS; no authentication). */
final class ControlApi {
    private final SimBroker broker;
    private final Supplier<Faults> faults;
    private final Consumer<Faults> setFaults;
    private final WsControl ws;
    private final TokenRegistry tokens;

    ControlApi(
            SimBroker broker, Supplier<Faults> faults, Consumer<Faults> setFaults, WsControl ws, TokenRegistry tokens) {
        this.broker = broker;
        this.faults = faults;
        this.setFaults = setFaults;
        this.ws = ws;
        this.tokens = tokens;
    }

    Reply handle(String method, String path, JsonNode body) {
        try {
            return switch (method + " " + path) {
                case "GET /sim/ledger" -> Reply.json(200, LedgerJson.render(broker.ledger()));
                case "GET /sim/health" -> Reply.json(200, health());
                case "GET /sim/credentials" -> Reply.json(200, credentials());
                case "GET /sim/prices" -> Reply.json(200, prices());
                case "POST /sim/prices" -> setPrices(body);
                case "POST /sim/external-order" -> externalOrder(body);
                case "POST /sim/external-revise" -> externalRevise(body);
                case "GET /sim/faults" -> Reply.json(200, faults.get().toJson());
                case "POST /sim/faults" -> {
                    Faults f = Faults.parse(object(body));
                    setFaults.accept(f);
                    yield Reply.json(200, f.toJson());
                }
                case "POST /sim/tokens/expire" -> {
                    ObjectNode o = Json.object();
                    o.put("expired", tokens.expireAll());
                    yield Reply.json(200, o);
                }
                case "POST /sim/ws/drop" -> {
                    ws.dropAll();
                    yield ok();
                }
                case "POST /sim/session" -> session(object(body));
                case "POST /sim/reset" -> {
                    broker.reset();
                    yield Reply.json(200, health());
                }
                default -> error(404, "no such control endpoint: " + method + " " + path);
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    /**
     * The app key and secret, the account, and every access token and approval key issued: a chaos run
     * greps its logs for them (issue 17). The simulator's own test credentials, never a real one.
     */
    private ObjectNode credentials() {
        TokenRegistry.Issued issued = tokens.issued();
        ObjectNode o = Json.object();
        o.put("app_key", issued.appKey());
        o.put("app_secret", issued.appSecret());
        o.put("account", broker.ledger().account());
        issued.accessTokens().stream().sorted().forEach(o.putArray("access_tokens")::add);
        issued.approvalKeys().stream().sorted().forEach(o.putArray("approval_keys")::add);
        return o;
    }

    private ObjectNode health() {
        ObjectNode o = Json.object();
        o.put("status", "UP");
        o.put("trading_date", KoreaTime.formatDate(broker.clock().tradingDate()));
        o.put("time", broker.clock().hhmmss());
        o.put("market_open", broker.clock().marketOpen());
        return o;
    }

    private ObjectNode prices() {
        ObjectNode o = Json.object();
        broker.prices().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> o.put(e.getKey(), e.getValue()));
        return o;
    }

    private Reply setPrices(JsonNode body) {
        JsonNode o = object(body);
        Map<String, Long> current = broker.prices();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!current.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown symbol '" + e.getKey() + "'");
            }
            long p = whole(e.getValue(), e.getKey());
            if (!PriceGrid.onGrid(p)) {
                throw new IllegalArgumentException(
                        "price of " + e.getKey() + " must be positive and on the tick grid, was " + p);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            broker.setPrice(e.getKey(), whole(e.getValue(), e.getKey()));
        }
        return Reply.json(200, prices());
    }

    private Reply externalOrder(JsonNode body) {
        JsonNode o = object(body);
        String symbol = Json.text(o, "symbol");
        Side side;
        try {
            side = Side.valueOf(Json.text(o, "side"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("side must be BUY or SELL");
        }
        String ordDvsn = Json.text(o, "ord_dvsn").isEmpty() ? "00" : Json.text(o, "ord_dvsn");
        long qty = whole(o.get("qty"), "qty");
        long price = o.has("price") ? whole(o.get("price"), "price") : 0;
        OrderResult r = broker.placeOrder(new PlaceOrder(symbol, side, ordDvsn, qty, price, Source.HTS));
        ObjectNode out = Json.object();
        if (r instanceof OrderResult.Accepted a) {
            out.put("result", "accepted");
            out.put("branch", a.branch());
            out.put("odno", a.odno());
            out.put("ord_tmd", a.ordTmd());
        } else {
            OrderResult.Rejected x = (OrderResult.Rejected) r;
            out.put("result", "rejected");
            out.put("msg_cd", x.msgCd());
            out.put("msg1", x.msg1());
        }
        return Reply.json(200, out);
    }

    /**
     * A modify or cancel typed into HTS by an operator: same broker rules and notices as
     * order-rvsecncl, source HTS. The branch is the original's (the operator's screen knows it).
     */
    private Reply externalRevise(JsonNode body) {
        JsonNode o = object(body);
        String action = Json.text(o, "action");
        if (!action.equals("modify") && !action.equals("cancel")) {
            throw new IllegalArgumentException("action must be modify or cancel");
        }
        String orig = Json.text(o, "orig_odno");
        if (!orig.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("orig_odno must be an order number");
        }
        long origNo = Long.parseLong(orig);
        String branch = broker.orders(broker.clock().tradingDate()).stream()
                .filter(r -> Long.parseLong(r.odno()) == origNo)
                .map(OrderRecord::branch)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no order " + orig + " today"));
        boolean cancel = action.equals("cancel");
        String ordDvsn = Json.text(o, "ord_dvsn").isEmpty() ? "00" : Json.text(o, "ord_dvsn");
        long qty = o.has("qty") ? whole(o.get("qty"), "qty") : 0;
        long price = o.has("price") ? whole(o.get("price"), "price") : 0;
        OrderResult r = broker.reviseOrCancel(new ReviseCancel(
                branch,
                String.format("%010d", origNo),
                cancel,
                ordDvsn,
                qty,
                qty == 0,
                cancel ? 0 : price,
                Source.HTS));
        return Reply.json(200, result(r));
    }

    private static ObjectNode result(OrderResult r) {
        ObjectNode out = Json.object();
        if (r instanceof OrderResult.Accepted a) {
            out.put("result", "accepted");
            out.put("branch", a.branch());
            out.put("odno", a.odno());
            out.put("ord_tmd", a.ordTmd());
        } else {
            OrderResult.Rejected x = (OrderResult.Rejected) r;
            out.put("result", "rejected");
            out.put("msg_cd", x.msgCd());
            out.put("msg1", x.msg1());
        }
        return out;
    }

    private Reply session(JsonNode o) {
        String action = Json.text(o, "action");
        switch (action) {
            case "open" -> broker.openSession();
            case "close" -> broker.closeSession();
            case "advance" -> {
                long seconds = whole(o.get("seconds"), "seconds");
                if (seconds <= 0) {
                    throw new IllegalArgumentException("seconds must be > 0");
                }
                broker.advance(Duration.ofSeconds(seconds));
            }
            case "day" -> {
                LocalDate date = KoreaTime.parseDate(Json.text(o, "date"));
                if (!date.isAfter(broker.clock().tradingDate())) {
                    throw new IllegalArgumentException("date must be after the current trading date "
                            + KoreaTime.formatDate(broker.clock().tradingDate()));
                }
                broker.startDay(date);
            }
            default -> throw new IllegalArgumentException("action must be open, close, advance or day");
        }
        return Reply.json(200, health());
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return body;
    }

    private static long whole(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual() && v.asText().matches("\\d{1,15}")) {
            return Long.parseLong(v.asText());
        }
        throw new IllegalArgumentException("'" + name + "' must be a whole number, was " + v);
    }

    private static Reply ok() {
        ObjectNode o = Json.object();
        o.put("status", "ok");
        return Reply.json(200, o);
    }

    static Reply error(int status, String message) {
        ObjectNode o = Json.object();
        o.put("error", message);
        return Reply.json(status, o);
    }
}
