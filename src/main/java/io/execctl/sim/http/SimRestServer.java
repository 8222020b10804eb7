package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.execctl.sim.market.SimBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated KIS REST gateway on the JDK HTTP server: OAuth, the gateway checks of every
 * {@code /uapi} call (token, app key/secret, custtype, TR id, rate limit), the trading endpoints, the
 * REST faults and the {@code /sim} control API.
 *
 * <p>Gateway error codes the simulator had to choose (KIS does not document them; clients must branch on
 * {@code msg_cd} whatever the status): unknown path {@code 404 OPSQ0002}; wrong {@code custtype}
 * {@code 500 EGW00204}; TR id not of this endpoint/environment {@code 500 EGW00205}; app key / secret not
 * the token's {@code 403 EGW00103}/{@code EGW00105}; injected JSON 5xx {@code 503 EGW00500}.
 */
public final class SimRestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimRestServer.class);
    private static final String GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

    static {
        // The JDK server writes the headers and the body in two packets; with Nagle on, a keep-alive client's
        // delayed ACK stalls every response by ~40 ms. Must be set before the server's config is first read.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final RestConfig config;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final NoticeBuffer notices;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;
    private final OAuthApi oauth;
    private final OrderApi orders;
    private final InquiryApi inquiries;
    private final ControlApi control;
    private final WsControl ws;
    private final Dice dice;
    private final AtomicInteger burstLeft = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
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
        this.tokens = tokens;
        this.ws = ws;
        this.faults = faults;
        this.dice = new Dice(config.seed() ^ 0x5EED_F00DL);
        this.limiter = new RateLimiter(config.ratePerSecond(), nanos);
        this.oauth = new OAuthApi(tokens);
        this.orders = new OrderApi(config, broker);
        this.inquiries = new InquiryApi(config, broker);
        this.control = new ControlApi(broker, () -> this.faults, this::setFaults, ws);
        this.workers = Executors.newFixedThreadPool(config.threads(), DaemonThreads.named("sim-rest"));
        this.timers = Executors.newScheduledThreadPool(1, DaemonThreads.named("sim-rest-timer"));
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
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
        return server.getAddress().getPort();
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
        server.stop(0);
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        long latency = path.startsWith("/sim/") ? 0 : faults.latencyFor(path.substring(path.lastIndexOf('/') + 1));
        if (latency > 0) {
            timers.schedule(() -> workers.execute(() -> process(ex, path)), latency, TimeUnit.MILLISECONDS);
        } else {
            process(ex, path);
        }
    }

    private void process(HttpExchange ex, String path) {
        try {
            byte[] raw = readBody(ex);
            String method = ex.getRequestMethod();
            if (path.startsWith("/sim/")) {
                write(ex, control.handle(method, path, parseJson(raw)), null);
                return;
            }
            Faults f = faults;
            if (dice.roll(f.rest5xxHtmlRate())) {
                write(ex, Reply.html(502, GATEWAY_HTML), null);
                return;
            }
            if (dice.roll(f.rest5xxRate())) {
                write(ex, Reply.kis(503, "1", "EGW00500", "일시적인 시스템 오류가 발생하였습니다. 잠시 후 다시 시도하세요."), null);
                return;
            }
            switch (method + " " + path) {
                case "POST /oauth2/tokenP" -> write(ex, oauth.tokenP(parseJson(raw)), null);
                case "POST /oauth2/revokeP" -> write(ex, oauth.revokeP(parseJson(raw)), null);
                case "POST /oauth2/Approval" -> write(ex, oauth.approval(parseJson(raw)), null);
                case "POST /uapi/hashkey" ->
                    write(ex, oauth.hashkey(header(ex, "appkey"), header(ex, "appsecret"), raw, parseJson(raw)), null);
                default -> gateway(ex, method, path, raw, f);
            }
        } catch (RuntimeException | IOException e) {
            log.error("simulator REST request {} {} failed", ex.getRequestMethod(), path, e);
            try {
                write(
                        ex,
                        Reply.kis(
                                500,
                                "1",
                                "EGW00500",
                                "시뮬레이터 내부 오류: " + e.getClass().getSimpleName()),
                        null);
            } catch (RuntimeException ignored) {
                ex.close();
            }
        }
    }

    private void gateway(HttpExchange ex, String method, String path, byte[] raw, Faults f) {
        String trId = header(ex, "tr_id");
        var endpoint = KisEndpoint.byPath(path);
        if (endpoint.isEmpty() || !endpoint.get().method().equals(method)) {
            write(ex, Reply.kis(404, "1", "OPSQ0002", "없는 서비스 코드 입니다"), trId);
            return;
        }
        String auth = header(ex, "authorization");
        String token =
                auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        switch (tokens.check(token, f.tokenExpireEarly())) {
            case UNKNOWN -> {
                write(ex, Reply.kis(500, "1", "EGW00121", "유효하지 않은 token 입니다."), trId);
                return;
            }
            case EXPIRED -> {
                write(ex, Reply.kis(500, "1", "EGW00123", "기간이 만료된 token 입니다."), trId);
                return;
            }
            case VALID -> {}
        }
        String appKey = header(ex, "appkey");
        if (!tokens.appKeyOf(token).map(appKey::equals).orElse(false)) {
            write(ex, Reply.kis(403, "1", "EGW00103", "유효하지 않은 AppKey입니다."), trId);
            return;
        }
        if (!tokens.appSecretMatches(header(ex, "appsecret"))) {
            write(ex, Reply.kis(403, "1", "EGW00105", "유효하지 않은 AppSecret입니다."), trId);
            return;
        }
        String custtype = header(ex, "custtype");
        if (!custtype.equals("P") && !custtype.equals("B")) {
            write(ex, Reply.kis(500, "1", "EGW00204", "custtype 값이 올바르지 않습니다.(P:개인, B:법인)"), trId);
            return;
        }
        if (!endpoint.get().accepts(trId, config.paper())) {
            write(ex, Reply.kis(500, "1", "EGW00205", "유효하지 않은 tr_id 입니다."), trId);
            return;
        }
        if (!limiter.tryAcquire(appKey) || egw00201Fault(f)) {
            write(ex, Reply.kis(500, "1", "EGW00201", "초당 거래건수를 초과하였습니다."), trId);
            return;
        }
        KisRequest req = new KisRequest(
                endpoint.get(),
                trId,
                header(ex, "tr_cont"),
                QueryString.parse(ex.getRequestURI().getRawQuery()),
                "POST".equals(method) ? parseJson(raw) : null);
        dispatch(ex, req, f);
    }

    private void dispatch(HttpExchange ex, KisRequest req, Faults f) {
        notices.hold();
        try {
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
                        ex.close();
                        return;
                    }
                    if (r.accepted() && dice.roll(f.orderTimeoutAfterAcceptRate())) {
                        notices.release();
                        log.info(
                                "fault order_timeout_after_accept: {} accepted, response held {} ms",
                                req.trId(),
                                f.orderTimeoutDelayMs());
                        timers.schedule(
                                () -> workers.execute(() -> safeWrite(ex, r.reply(), req.trId())),
                                f.orderTimeoutDelayMs(),
                                TimeUnit.MILLISECONDS);
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

    private void respond(HttpExchange ex, Reply reply, String trId, Faults f) {
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

    private void safeWrite(HttpExchange ex, Reply reply, String trId) {
        try {
            write(ex, reply, trId);
        } catch (RuntimeException e) {
            log.debug("delayed response could not be written (client gone): {}", e.toString());
        }
    }

    private void write(HttpExchange ex, Reply reply, String trId) {
        try (ex) {
            var h = ex.getResponseHeaders();
            h.set("content-type", reply.contentType());
            if (trId != null) {
                h.set("tr_id", trId);
                h.set("tr_cont", reply.trCont());
                h.set("gt_uid", gtUid());
            }
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            log.debug("response not delivered (client gone): {}", e.toString());
        }
    }

    private final AtomicLong gtUids = new AtomicLong();

    private String gtUid() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(config.seed()) + hex.toHexDigits(gtUids.incrementAndGet());
    }

    private JsonNode parseJson(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            badRequests.incrementAndGet();
            // account numbers (8+ digit runs) are masked: the log must not carry them
            log.warn(
                    "simulator received a body that is not JSON ({} bytes, {} so far): {}",
                    raw.length,
                    badRequests.get(),
                    new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8)
                            .replaceAll("\\d{8,}", "********"));
            return null;
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }
}
