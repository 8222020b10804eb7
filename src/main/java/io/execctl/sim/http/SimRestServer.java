package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.sim.http.wire.WireExchange;
import io.execctl.sim.http.wire.WireLimits;
import io.execctl.sim.http.wire.WireRequest;
import io.execctl.sim.http.wire.WireServer;
import io.execctl.sim.market.SimBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated KIS REST gateway on the simulator's own HTTP/1.1 server ({@link WireServer}: response
 * header names lowercase, as KIS sends them): OAuth, the gateway checks of every {@code /uapi} call
 * ({@link Gateway}), the trading endpoints, the REST faults and the {@code /sim} control API. Error codes
 * are KIS's own ({@link GatewayCodes}).
 */
public final class SimRestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimRestServer.class);
    private static final String GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

    private final RestConfig config;
    private final WireServer server;
    private final NoticeBuffer notices;
    private final OAuthApi oauth;
    private final OrderApi orders;
    private final InquiryApi inquiries;
    private final ControlApi control;
    private final Gateway gateway;
    private final WsControl ws;
    private final Dice dice;
    private final SimBroker broker;
    private final AtomicInteger burstLeft = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong gtUids = new AtomicLong();
    private volatile Faults faults;

    private SimRestServer(
            RestConfig config,
            SimBroker broker,
            NoticeBuffer notices,
            TokenRegistry tokens,
            WsControl ws,
            Faults faults,
            LongSupplier nanos)
            throws IOException {
        this.config = config;
        this.notices = notices;
        this.ws = ws;
        this.faults = faults;
        this.dice = new Dice(config.seed() ^ 0x5EED_F00DL);
        this.gateway = new Gateway(config, tokens, new RateLimiter(config.ratePerSecond(), nanos));
        this.oauth = new OAuthApi(tokens);
        this.orders = new OrderApi(config, broker);
        this.inquiries = new InquiryApi(
                config,
                broker,
                config.seed(),
                new InquiryFaultView(() -> this.faults, broker, config.paper(), config.seed()));
        this.broker = broker;
        broker.setMarketFaults(faults.marketFaults());
        this.control = new ControlApi(broker, () -> this.faults, this::setFaults, ws, tokens);
        WireLimits d = WireLimits.defaults();
        WireLimits limits = new WireLimits(
                d.maxHeadBytes(),
                d.maxBodyBytes(),
                d.headTimeout(),
                d.bodyTimeout(),
                d.idleTimeout(),
                Math.max(d.maxConnections(), config.threads()));
        this.server = WireServer.start(
                config.host(),
                config.port(),
                this::handle,
                status -> {
                    Reply r = GatewayCodes.badRequest(status);
                    return new WireServer.WireReply(r.contentType(), r.body());
                },
                limits,
                "sim-rest");
        ws.setFaults(faults.wsFaults());
    }

    /**
     * Starts the server.
     *
     * @param notices the feed the broker publishes to; the server holds a request's notices until its response is written
     * @param nanos   monotonic time for the rate limiter ({@code System::nanoTime} outside tests)
     */
    public static SimRestServer start(
            RestConfig config,
            SimBroker broker,
            NoticeBuffer notices,
            TokenRegistry tokens,
            WsControl ws,
            Faults faults,
            LongSupplier nanos)
            throws IOException {
        return new SimRestServer(
                Objects.requireNonNull(config),
                Objects.requireNonNull(broker),
                Objects.requireNonNull(notices),
                Objects.requireNonNull(tokens),
                Objects.requireNonNull(ws),
                Objects.requireNonNull(faults),
                Objects.requireNonNull(nanos));
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:P}. */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    public Faults faults() {
        return faults;
    }

    /** Replaces the faults (REST and WebSocket). */
    public void setFaults(Faults f) {
        this.faults = Objects.requireNonNull(f);
        burstLeft.set(0);
        ws.setFaults(f.wsFaults());
        broker.setMarketFaults(f.marketFaults());
    }

    /** Requests received (all paths). */
    public long requestCount() {
        return requests.get();
    }

    /** Request bodies that were not JSON (logged with account numbers masked, answered with an input error). */
    public long badBodyCount() {
        return badRequests.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(WireExchange ex) throws IOException {
        requests.incrementAndGet();
        WireRequest req = ex.request();
        String path = req.path();
        long latency = path.startsWith("/sim/") ? 0 : faults.latencyFor(path.substring(path.lastIndexOf('/') + 1));
        if (latency > 0) {
            pause(latency);
        }
        String method = req.method().equals("HEAD") ? "GET" : req.method();
        if (path.startsWith("/sim/")) {
            write(ex, control.handle(method, path, parseJson(req.body()).orElse(null)), null);
            return;
        }
        Faults f = faults;
        if (dice.roll(f.rest5xxHtmlRate())) {
            write(ex, Reply.html(502, GATEWAY_HTML), null);
            return;
        }
        if (dice.roll(f.rest5xxRate())) {
            write(ex, GatewayCodes.serverError(), null);
            return;
        }
        Optional<JsonNode> json = parseJson(req.body());
        switch (method + " " + path) {
            case "POST /oauth2/tokenP" -> write(ex, oauth.tokenP(json.orElse(null)), null);
            case "POST /oauth2/revokeP" -> write(ex, oauth.revokeP(json.orElse(null)), null);
            case "POST /oauth2/Approval" -> write(ex, oauth.approval(json.orElse(null)), null);
            case "POST /uapi/hashkey" ->
                write(
                        ex,
                        oauth.hashkey(req.header("appkey"), req.header("appsecret"), req.body(), json.orElse(null)),
                        null);
            default -> uapi(ex, req, method, json, f);
        }
    }

    private void uapi(WireExchange ex, WireRequest req, String method, Optional<JsonNode> json, Faults f)
            throws IOException {
        String trId = req.header("tr_id");
        Optional<KisEndpoint> endpoint = KisEndpoint.byPath(req.path());
        if (endpoint.isEmpty() || !endpoint.get().method().equals(method)) {
            write(ex, GatewayCodes.noSuchService(404), trId);
            return;
        }
        Optional<Reply> refused = gateway.refuse(req, endpoint.get(), f, () -> egw00201Fault(f));
        if (refused.isPresent()) {
            write(ex, refused.get(), trId);
            return;
        }
        if ("POST".equals(method) && (json.isEmpty() || !json.get().isObject())) {
            write(ex, GatewayCodes.badJson(), trId);
            return;
        }
        KisRequest kreq = new KisRequest(
                endpoint.get(),
                trId,
                req.header("tr_cont"),
                QueryString.parse(req.rawQuery()),
                "POST".equals(method) ? json.get() : null);
        dispatch(ex, kreq, f);
    }

    private void dispatch(WireExchange ex, KisRequest req, Faults f) throws IOException {
        notices.hold();
        try {
            if ("GET".equals(req.endpoint().method())
                    && !"N".equalsIgnoreCase(req.trCont().trim())
                    && dice.roll(f.dataChangedFirstPageRate())) {
                respond(ex, FaultReplies.dataChangedFirstPage(dice), req.trId(), f);
                return;
            }
            switch (req.endpoint()) {
                case ORDER_CASH, ORDER_RVSECNCL -> {
                    OrderApi.OrderReply r = req.endpoint() == KisEndpoint.ORDER_CASH
                            ? orders.orderCash(req)
                            : orders.orderRvsecncl(req);
                    if (r.accepted() && dice.roll(f.orderResetAfterAcceptRate())) {
                        notices.release();
                        log.info(
                                "fault order_reset_after_accept: {} accepted, connection closed without a response",
                                req.trId());
                        ex.drop();
                        return;
                    }
                    if (r.accepted() && dice.roll(f.orderGatewayTimeoutAfterAcceptRate())) {
                        log.info(
                                "fault order_gateway_timeout_after_accept: {} executed, answered as a timeout",
                                req.trId());
                        Reply timeout = FaultReplies.gatewayTimeoutAfterAccept(dice);
                        respond(ex, timeout, timeout.contentType().equals(Reply.JSON) ? req.trId() : null, f);
                        return;
                    }
                    if (r.accepted() && dice.roll(f.orderTimeoutAfterAcceptRate())) {
                        notices.release();
                        log.info(
                                "fault order_timeout_after_accept: {} accepted, response held {} ms",
                                req.trId(),
                                f.orderTimeoutDelayMs());
                        pause(f.orderTimeoutDelayMs());
                        write(ex, r.reply(), req.trId());
                        return;
                    }
                    respond(ex, r.reply(), req.trId(), f);
                }
                case INQUIRE_PSBL_RVSECNCL ->
                    respond(ex, inquiries.openOrders(req, () -> dice.roll(f.pagingDataChangedRate())), req.trId(), f);
                case INQUIRE_DAILY_CCLD ->
                    respond(ex, inquiries.dailyCcld(req, () -> dice.roll(f.pagingDataChangedRate())), req.trId(), f);
                case INQUIRE_BALANCE ->
                    respond(ex, inquiries.balance(req, () -> dice.roll(f.pagingDataChangedRate())), req.trId(), f);
            }
        } finally {
            notices.releaseAndStop();
        }
    }

    private void respond(WireExchange ex, Reply reply, String trId, Faults f) throws IOException {
        if (dice.roll(f.noticeBeforeResponseRate())) {
            notices.release();
        }
        write(ex, reply, trId);
    }

    private boolean egw00201Fault(Faults f) {
        while (true) {
            int left = burstLeft.get();
            if (left <= 0) {
                break;
            }
            if (burstLeft.compareAndSet(left, left - 1)) {
                return true;
            }
        }
        if (dice.roll(f.egw00201Rate())) {
            burstLeft.set(f.egw00201Burst());
            return true;
        }
        return false;
    }

    /**
     * Writes a reply with KIS's response headers, names lowercase: {@code content-type} always; on a
     * {@code /uapi} call also {@code tr_id}, {@code tr_cont} and {@code gt_uid}.
     */
    private void write(WireExchange ex, Reply reply, String trId) throws IOException {
        List<WireExchange.Header> h = new ArrayList<>(4);
        h.add(new WireExchange.Header("content-type", reply.contentType()));
        if (trId != null) {
            h.add(new WireExchange.Header("tr_id", safe(trId)));
            h.add(new WireExchange.Header("tr_cont", reply.trCont()));
            h.add(new WireExchange.Header("gt_uid", gtUid()));
        }
        ex.respond(reply.status(), h, reply.body());
    }

    /** A client-sent value echoed in a header: printable ASCII only, so it cannot split the response. */
    private static String safe(String v) {
        return v.chars().allMatch(c -> c >= ' ' && c <= '~') ? v : "";
    }

    private String gtUid() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(config.seed()) + hex.toHexDigits(gtUids.incrementAndGet());
    }

    /** Empty for an empty body; a body that is not JSON is logged (accounts masked) and also empty. */
    private Optional<JsonNode> parseJson(byte[] raw) {
        if (raw.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(raw));
        } catch (IOException e) {
            badRequests.incrementAndGet();
            // account numbers (8+ digit runs) are masked: the log must not carry them
            log.warn(
                    "simulator received a body that is not JSON ({} bytes, {} so far): {}",
                    raw.length,
                    badRequests.get(),
                    new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8)
                            .replaceAll("\\d{8,}", "********"));
            return Optional.empty();
        }
    }

    /** Holds this connection's thread (latency faults): the connection is the client's, nothing else waits. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
