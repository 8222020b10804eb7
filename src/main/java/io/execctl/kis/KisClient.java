package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.KrxTick;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderType;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.kis.port.TokenStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIS REST client: orders, cancels and modifies (outcomes, never exceptions, never resent once
 * they may have reached KIS) and the account inquiries (retried with the backoff table, paginated to
 * the end, reported incomplete when they could not be). Every call waits for the host-wide
 * {@link RateBudget} first, with orders ahead of inquiries, and carries a token from the shared
 * {@link TokenManager}; an expired or invalid token is replaced and the call retried once.
 *
 * <p>Thread-safe: one instance serves the daemon's threads.
 */
public final class KisClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KisClient.class);

    /** Longest wait for a rate-budget slot before an order is reported {@link OrderOutcome.Failed}. */
    public static final Duration ORDER_PERMIT_WAIT = Duration.ofSeconds(10);
    /** Longest wait for a rate-budget slot of an inquiry page. */
    public static final Duration INQUIRY_PERMIT_WAIT = Duration.ofSeconds(60);
    /** Text of KIS's "data changed since the query began, query again" refusal of a continuation page. */
    public static final String DATA_CHANGED_TEXT = "자료가 변경";

    private final KisSettings settings;
    private final KisHttp http;
    private final TokenManager tokens;
    private final RateBudget budget;
    private final Backoff backoff;
    private final KisMetrics metrics;
    private final Clock clock;
    private final TrIds trIds;
    private final Set<String> dataChangedCodes;

    public KisClient(
            KisSettings settings,
            KisHttp http,
            TokenManager tokens,
            RateBudget budget,
            Backoff backoff,
            KisMetrics metrics,
            Clock clock,
            Set<String> dataChangedCodes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dataChangedCodes = Set.copyOf(dataChangedCodes);
        this.trIds = new TrIds(settings.env(), settings.trIdSet());
    }

    public static Builder builder(KisSettings settings) {
        return new Builder(settings);
    }

    public KisSettings settings() {
        return settings;
    }

    /** The token manager (the notice WebSocket takes its approval key from here). */
    public TokenManager tokens() {
        return tokens;
    }

    @Override
    public void close() {
        http.close();
        if (budget instanceof HostRateBudget h) {
            h.close();
        }
    }

    // ------------------------------------------------------------------ orders

    /** {@code order-cash}: a cash buy or sell. */
    public OrderOutcome placeCashOrder(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        Map<String, String> body = account();
        body.put("PDNO", order.symbol());
        body.put("ORD_DVSN", order.ordDvsn());
        body.put("ORD_QTY", Long.toString(order.qty()));
        body.put("ORD_UNPR", order.ordUnpr());
        if (trIds.set() == TrIdSet.NEW) {
            body.put("EXCG_ID_DVSN_CD", "KRX");
            body.put("SLL_TYPE", order.side() == Side.SELL ? "01" : "");
            body.put("CNDT_PRIC", "");
        }
        String trId = trIds.of(order.side() == Side.BUY ? TrIds.Tr.ORDER_BUY : TrIds.Tr.ORDER_SELL);
        return submitOrder(KisRequest.of(KisOperation.ORDER_CASH, trId, body));
    }

    /** {@code order-rvsecncl}: cancels all of the order's remaining quantity. */
    public OrderOutcome cancel(OrderAddress original) {
        return submitOrder(rvsecncl(original, "02", "00", 0, BigDecimal.ZERO));
    }

    /** {@code order-rvsecncl}: cancels {@code qty} shares of the order (partial cancel). */
    public OrderOutcome cancelPartial(OrderAddress original, long qty) {
        if (qty <= 0) {
            throw new IllegalArgumentException("a partial cancel needs a positive quantity");
        }
        return submitOrder(rvsecncl(original, "02", "00", qty, BigDecimal.ZERO));
    }

    /**
     * {@code order-rvsecncl}: changes the price or type of the order. KIS gives the modified order a new
     * ODNO (returned in {@link OrderOutcome.Accepted}); later fills arrive under it.
     *
     * @param qty 0 = all remaining quantity, else that many shares
     */
    public OrderOutcome modify(OrderAddress original, OrderType type, BigDecimal price, long qty) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(price, "price");
        if (qty < 0) {
            throw new IllegalArgumentException("quantity must be >= 0 (0 = all remaining)");
        }
        if (type == OrderType.MKT && price.signum() != 0) {
            throw new IllegalArgumentException("a market order has price 0");
        }
        if (type == OrderType.LMT && !KrxTick.isOnGrid(price)) {
            throw new IllegalArgumentException("limit price " + price.toPlainString() + " is not on the KRX tick grid");
        }
        return submitOrder(rvsecncl(original, "01", type.ordDvsn(), qty, price));
    }

    private KisRequest rvsecncl(
            OrderAddress original, String rvseCnclDvsnCd, String ordDvsn, long qty, BigDecimal price) {
        Objects.requireNonNull(original, "original");
        Map<String, String> body = account();
        body.put("KRX_FWDG_ORD_ORGNO", original.branch());
        body.put("ORGN_ODNO", original.odno());
        body.put("ORD_DVSN", ordDvsn);
        body.put("RVSE_CNCL_DVSN_CD", rvseCnclDvsnCd);
        body.put("ORD_QTY", Long.toString(qty));
        body.put("ORD_UNPR", price.stripTrailingZeros().toPlainString());
        body.put("QTY_ALL_ORD_YN", qty == 0 ? "Y" : "N");
        if (trIds.set() == TrIdSet.NEW) {
            body.put("EXCG_ID_DVSN_CD", "KRX");
            body.put("CNDT_PRIC", "");
        }
        return KisRequest.of(KisOperation.ORDER_RVSECNCL, trIds.of(TrIds.Tr.ORDER_RVSECNCL), body);
    }

    /**
     * Sends an order POST. Resent only when KIS provably did not process it: no connection was made,
     * {@code EGW00201} (the gateway refuses before processing; bounded by the rate-limit schedule), or an
     * invalid token (refused at the gateway; once). Anything else that is not a readable answer is
     * {@link OrderOutcome.Unknown}.
     */
    private OrderOutcome submitOrder(KisRequest req) {
        String op = req.operation().label();
        int rateRetries = 0;
        int connectRetries = 0;
        boolean tokenRetried = false;
        try {
            while (true) {
                if (budget.acquire(RateBudget.Priority.ORDER, ORDER_PERMIT_WAIT).isEmpty()) {
                    return new OrderOutcome.Failed(
                            "not sent: no rate-budget slot within " + ORDER_PERMIT_WAIT.toSeconds() + " s", null);
                }
                Secret token;
                try {
                    token = tokens.accessToken();
                } catch (TokenUnavailableException e) {
                    return new OrderOutcome.Failed("not sent: " + e.getMessage(), null);
                } catch (RuntimeException e) {
                    // e.g. the token cache (database) is down: nothing was sent
                    log.warn(
                            "{}: no access token, the token cache failed: {}",
                            op,
                            e.getClass().getSimpleName());
                    return new OrderOutcome.Failed(
                            "not sent: the token cache failed (" + e.getClass().getSimpleName() + ")", null);
                }
                KisOutcome out = http.execute(req, token);
                if (out instanceof KisOutcome.Success s) {
                    return accepted(s);
                }
                if (out instanceof KisOutcome.Rejected r) {
                    if (r.meta().status() >= 500) {
                        return new OrderOutcome.Unknown(
                                "HTTP " + r.meta().status() + " server error " + r.msgCd() + " " + r.msg1()
                                        + ": the order may have been processed",
                                r.raw());
                    }
                    return new OrderOutcome.Rejected(r.msgCd(), r.msg1(), r.raw());
                }
                if (out instanceof KisOutcome.RateLimited rl) {
                    metrics.rateLimitBackoff(op);
                    if (!backoff.pause(settings.backoff().rateLimited(), ++rateRetries)) {
                        return new OrderOutcome.Failed(
                                "not sent: rate-limited (" + rl.msgCd() + ") " + rateRetries + " times", rl.raw());
                    }
                    metrics.retry(op, out.label());
                    continue;
                }
                if (out instanceof KisOutcome.TokenInvalid ti) {
                    tokens.invalidateAccess(token);
                    if (tokenRetried) {
                        return new OrderOutcome.Failed(
                                "not sent: the access token was refused (" + ti.msgCd() + ") again after renewal",
                                ti.raw());
                    }
                    tokenRetried = true;
                    metrics.retry(op, out.label());
                    continue;
                }
                if (out instanceof KisOutcome.NotSent ns) {
                    if (!backoff.pause(settings.backoff().connect(), ++connectRetries)) {
                        return new OrderOutcome.Failed("not sent: " + ns.reason(), null);
                    }
                    metrics.retry(op, out.label());
                    continue;
                }
                // NoResponse, Gateway, Malformed: it may have reached KIS. Never resend.
                return new OrderOutcome.Unknown(out.detail(), out.raw());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderOutcome.Failed("not sent: interrupted while waiting", null);
        }
    }

    private OrderOutcome accepted(KisOutcome.Success s) {
        JsonNode output = s.body().get("output");
        if (output == null || !output.isObject()) {
            return new OrderOutcome.Unknown(
                    "rt_cd 0 but the answer has no output object: the order was probably accepted", s.raw());
        }
        String branch = firstNonEmpty(output, "KRX_FWDG_ORD_ORGNO", "krx_fwdg_ord_orgno");
        String odno = firstNonEmpty(output, "ODNO", "odno");
        String tmd = firstNonEmpty(output, "ORD_TMD", "ord_tmd");
        try {
            return new OrderOutcome.Accepted(
                    OrderKey.normalizeBranch(branch),
                    OrderKey.normalizeOdno(odno),
                    tmd,
                    ResponseClassifier.text(s.body().top(), "msg_cd"),
                    ResponseClassifier.text(s.body().top(), "msg1"),
                    s.raw());
        } catch (IllegalArgumentException e) {
            return new OrderOutcome.Unknown(
                    "rt_cd 0 but the order number or branch is unreadable: the order was probably accepted", s.raw());
        }
    }

    private static String firstNonEmpty(JsonNode n, String... fields) {
        for (String f : fields) {
            String v = ResponseClassifier.text(n, f);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    // ------------------------------------------------------------------ inquiries

    /**
     * Today's cancellable orders: {@code inquire-psbl-rvsecncl} on real; on paper (where it does not
     * exist) today's {@code inquire-daily-ccld} unfilled rows with {@code rmn_qty > 0}, not cancelled.
     */
    public Paged<OpenOrder> openOrders() {
        if (!trIds.offered(TrIds.Tr.INQUIRE_PSBL_RVSECNCL)) {
            LocalDate today = today();
            DailyOrders d =
                    dailyOrders(DailyOrderQuery.range(today, today).withFill(DailyOrderQuery.FillFilter.UNFILLED));
            List<OpenOrder> open = new ArrayList<>();
            for (DailyOrderRow r : d.orders().rows()) {
                if (r.rmnQty() > 0 && !r.cancelled()) {
                    open.add(OpenOrder.fromDaily(r));
                }
            }
            return new Paged<>(
                    open, d.orders().complete(), d.orders().pages(), d.orders().reason());
        }
        Map<String, String> p = account();
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        p.put("INQR_DVSN_1", "1");
        p.put("INQR_DVSN_2", "0");
        KisRequest req = KisRequest.of(KisOperation.INQUIRE_PSBL_RVSECNCL, trIds.of(TrIds.Tr.INQUIRE_PSBL_RVSECNCL), p);
        PageSet pages = fetchAll(req);
        List<OpenOrder> rows = new ArrayList<>();
        String problem = parseRows(pages, "output", OpenOrder::parse, rows);
        return finish(req.operation(), pages, rows, problem);
    }

    /**
     * {@code inquire-daily-ccld} over a date range: one row per order. A range reaching back past the
     * three-month boundary (month-based: the first day of the month three months ago) is split between
     * the older-period TR id and the recent one.
     */
    public DailyOrders dailyOrders(DailyOrderQuery q) {
        Objects.requireNonNull(q, "query");
        LocalDate boundary = today().withDayOfMonth(1).minusMonths(3);
        List<DailyOrderRow> rows = new ArrayList<>();
        List<DailyTotals> totals = new ArrayList<>();
        boolean complete = true;
        int pagesTotal = 0;
        List<String> reasons = new ArrayList<>();
        List<DailyOrderQuery> segments = new ArrayList<>();
        List<TrIds.Tr> trs = new ArrayList<>();
        if (q.from().isBefore(boundary)) {
            segments.add(q.withRange(q.from(), q.to().isBefore(boundary) ? q.to() : boundary.minusDays(1)));
            trs.add(TrIds.Tr.DAILY_CCLD_OLD);
        }
        if (!q.to().isBefore(boundary)) {
            segments.add(q.withRange(q.from().isBefore(boundary) ? boundary : q.from(), q.to()));
            trs.add(TrIds.Tr.DAILY_CCLD_RECENT);
        }
        for (int i = 0; i < segments.size(); i++) {
            KisRequest req =
                    KisRequest.of(KisOperation.INQUIRE_DAILY_CCLD, trIds.of(trs.get(i)), dailyParams(segments.get(i)));
            PageSet pages = fetchAll(req);
            List<DailyOrderRow> segRows = new ArrayList<>();
            String problem = parseRows(pages, "output1", DailyOrderRow::parse, segRows);
            Paged<DailyOrderRow> seg = finish(req.operation(), pages, segRows, problem);
            rows.addAll(seg.rows());
            pagesTotal += seg.pages();
            if (!seg.complete()) {
                complete = false;
                reasons.add(seg.reason());
            } else {
                JsonNode out2 = pages.bodies().get(pages.bodies().size() - 1).get("output2");
                JsonNode obj = out2 != null && out2.isArray() && out2.size() > 0 ? out2.get(0) : out2;
                if (obj != null && obj.isObject()) {
                    try {
                        totals.add(DailyTotals.parse(KisRow.of(obj)));
                    } catch (KisFields.MalformedFieldException e) {
                        log.warn("inquire-daily-ccld output2 unreadable: {}", e.getMessage());
                    }
                }
            }
        }
        Paged<DailyOrderRow> paged = complete
                ? Paged.complete(rows, pagesTotal)
                : Paged.incomplete(rows, pagesTotal, String.join("; ", reasons));
        return new DailyOrders(paged, totals);
    }

    private Map<String, String> dailyParams(DailyOrderQuery q) {
        Map<String, String> p = account();
        p.put("INQR_STRT_DT", KoreaTime.formatDate(q.from()));
        p.put("INQR_END_DT", KoreaTime.formatDate(q.to()));
        p.put("SLL_BUY_DVSN_CD", q.side() == null ? "00" : q.side().kisCode());
        p.put("INQR_DVSN", "00");
        p.put("PDNO", q.symbol());
        p.put("CCLD_DVSN", q.fill().code());
        p.put("ORD_GNO_BRNO", "");
        p.put("ODNO", q.odno());
        p.put("INQR_DVSN_3", "00");
        p.put("INQR_DVSN_1", "");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        if (trIds.set() == TrIdSet.NEW) {
            p.put("EXCG_ID_DVSN_CD", "ALL");
        }
        return p;
    }

    /** {@code inquire-balance}: holdings per symbol and the account summary ({@code output2[0]}). */
    public Balance balance() {
        Map<String, String> p = account();
        p.put("AFHR_FLPR_YN", "N");
        p.put("OFL_YN", "");
        p.put("INQR_DVSN", "02");
        p.put("UNPR_DVSN", "01");
        p.put("FUND_STTL_ICLD_YN", "N");
        p.put("FNCG_AMT_AUTO_RDPT_YN", "N");
        p.put("PRCS_DVSN", "00");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        KisRequest req = KisRequest.of(KisOperation.INQUIRE_BALANCE, trIds.of(TrIds.Tr.BALANCE), p);
        PageSet pages = fetchAll(req);
        List<HoldingRow> rows = new ArrayList<>();
        String problem = parseRows(pages, "output1", HoldingRow::parse, rows);
        Optional<BalanceSummary> summary = Optional.empty();
        if (problem == null && pages.complete()) {
            JsonNode out2 = pages.bodies().get(pages.bodies().size() - 1).get("output2");
            JsonNode obj = out2 != null && out2.isArray() && out2.size() > 0 ? out2.get(0) : out2;
            if (obj == null || !obj.isObject()) {
                problem = "output2 (account summary) is missing";
            } else {
                try {
                    summary = Optional.of(BalanceSummary.parse(KisRow.of(obj)));
                } catch (KisFields.MalformedFieldException e) {
                    problem = "output2: " + e.getMessage();
                }
            }
        }
        return new Balance(finish(req.operation(), pages, rows, problem), summary);
    }

    private Map<String, String> account() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", settings.account().cano());
        p.put("ACNT_PRDT_CD", settings.account().productCode());
        return p;
    }

    private LocalDate today() {
        return KoreaTime.tradingDate(clock.instant());
    }

    // ------------------------------------------------------------------ pagination

    /** The successful page bodies of one paginated inquiry and whether they reach the end. */
    record PageSet(List<KisBody> bodies, boolean complete, String reason) {}

    private <T> String parseRows(PageSet pages, String field, Function<KisRow, T> parser, List<T> out) {
        for (int p = 0; p < pages.bodies().size(); p++) {
            KisBody body = pages.bodies().get(p);
            List<KisRow> rows = body.rows(field);
            if (rows == null) {
                JsonNode v = body.get(field);
                if (v == null || v.isNull()) {
                    continue; // KIS omits the array when there is nothing to list
                }
                return "page " + (p + 1) + ": " + field + " is not an array";
            }
            for (int i = 0; i < rows.size(); i++) {
                try {
                    out.add(parser.apply(rows.get(i)));
                } catch (KisFields.MalformedFieldException e) {
                    return "page " + (p + 1) + " row " + (i + 1) + ": " + e.getMessage();
                }
            }
        }
        return null;
    }

    private <T> Paged<T> finish(KisOperation op, PageSet pages, List<T> rows, String parseProblem) {
        if (pages.complete() && parseProblem == null) {
            return Paged.complete(rows, pages.bodies().size());
        }
        metrics.paginationIncomplete(op.label());
        String reason = parseProblem != null ? "unreadable answer: " + parseProblem : pages.reason();
        log.warn(
                "{} incomplete after {} page(s): {}", op.label(), pages.bodies().size(), reason);
        return Paged.incomplete(rows, pages.bodies().size(), reason);
    }

    /**
     * Follows {@code tr_cont} F/M with {@code tr_cont: N} and the continuation keys copied unchanged
     * until D/E. "Data changed" restarts from page 1 at most {@code dataChangedRestarts} times; any other
     * failure, the page cap, or keys that do not advance end the result as incomplete.
     */
    PageSet fetchAll(KisRequest first) {
        String op = first.operation().label();
        int restarts = 0;
        restart:
        while (true) {
            KisRequest req = first.firstPage();
            List<KisBody> bodies = new ArrayList<>();
            String previousKeys = null;
            while (true) {
                if (bodies.size() >= settings.maxPages()) {
                    return new PageSet(
                            bodies, false, "page cap of " + settings.maxPages() + " reached with more pages announced");
                }
                Answer a = inquire(req);
                if (a.success() == null) {
                    if (isDataChanged(a.outcome())) {
                        if (restarts < settings.dataChangedRestarts()) {
                            restarts++;
                            metrics.paginationRestart(op);
                            log.info(
                                    "{}: data changed during pagination, restarting from page 1 ({} of {})",
                                    op,
                                    restarts,
                                    settings.dataChangedRestarts());
                            continue restart;
                        }
                        return new PageSet(
                                bodies, false, "data changed during pagination " + (restarts + 1) + " times; gave up");
                    }
                    return new PageSet(bodies, false, "page " + (bodies.size() + 1) + " failed: " + a.reason());
                }
                KisOutcome.Success s = a.success();
                bodies.add(s.body());
                if (!s.meta().hasMorePages()) {
                    return new PageSet(bodies, true, "");
                }
                String fk = rawText(s.body(), "ctx_area_fk100");
                String nk = rawText(s.body(), "ctx_area_nk100");
                if (fk.isBlank() && nk.isBlank()) {
                    return new PageSet(
                            bodies,
                            false,
                            "tr_cont " + s.meta().trCont()
                                    + " announced more pages but the continuation keys are blank");
                }
                String keys = fk + '\u0000' + nk;
                if (keys.equals(previousKeys)) {
                    return new PageSet(bodies, false, "continuation keys did not advance");
                }
                previousKeys = keys;
                req = first.nextPage(fk, nk);
            }
        }
    }

    private boolean isDataChanged(KisOutcome o) {
        return o instanceof KisOutcome.Rejected r
                && (dataChangedCodes.contains(r.msgCd()) || r.msg1().contains(DATA_CHANGED_TEXT));
    }

    /** A field's text exactly as sent (continuation keys are space-padded and go back unchanged). */
    private static String rawText(KisBody n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** One inquiry call's end: the success, or the last outcome and why it failed. */
    record Answer(KisOutcome.Success success, KisOutcome outcome, String reason) {}

    /**
     * One inquiry page with retries: rate limiting, 5xx/gateway answers, timeouts and connect failures
     * are retried by the backoff table; an invalid token is renewed once; a business rejection and a
     * malformed 2xx answer are final.
     */
    Answer inquire(KisRequest req) {
        String op = req.operation().label();
        int rate = 0;
        int server = 0;
        int timeout = 0;
        int connect = 0;
        boolean tokenRetried = false;
        try {
            while (true) {
                if (budget.acquire(RateBudget.Priority.INQUIRY, INQUIRY_PERMIT_WAIT)
                        .isEmpty()) {
                    return new Answer(
                            null, null, "no rate-budget slot within " + INQUIRY_PERMIT_WAIT.toSeconds() + " s");
                }
                Secret token;
                try {
                    token = tokens.accessToken();
                } catch (TokenUnavailableException e) {
                    return new Answer(null, null, e.getMessage());
                } catch (RuntimeException e) {
                    log.warn(
                            "{}: no access token, the token cache failed: {}",
                            op,
                            e.getClass().getSimpleName());
                    return new Answer(
                            null,
                            null,
                            "the token cache failed (" + e.getClass().getSimpleName() + ")");
                }
                KisOutcome out = http.execute(req, token);
                boolean again;
                if (out instanceof KisOutcome.Success s) {
                    return new Answer(s, s, "");
                } else if (out instanceof KisOutcome.Rejected r) {
                    if (r.meta().status() < 500) {
                        return new Answer(null, r, "KIS refused: " + r.msgCd() + " " + r.msg1());
                    }
                    again = backoff.pause(settings.backoff().serverError(), ++server);
                } else if (out instanceof KisOutcome.RateLimited) {
                    metrics.rateLimitBackoff(op);
                    again = backoff.pause(settings.backoff().rateLimited(), ++rate);
                } else if (out instanceof KisOutcome.TokenInvalid) {
                    tokens.invalidateAccess(token);
                    again = !tokenRetried;
                    tokenRetried = true;
                } else if (out instanceof KisOutcome.NotSent) {
                    again = backoff.pause(settings.backoff().connect(), ++connect);
                } else if (out instanceof KisOutcome.NoResponse) {
                    again = backoff.pause(settings.backoff().timeout(), ++timeout);
                } else if (out instanceof KisOutcome.Gateway) {
                    again = backoff.pause(settings.backoff().serverError(), ++server);
                } else {
                    return new Answer(null, out, out.label() + ": " + out.detail());
                }
                if (!again) {
                    return new Answer(null, out, out.label() + " (retries used up): " + out.detail());
                }
                metrics.retry(op, out.label());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted");
        }
    }

    // ------------------------------------------------------------------ construction

    /** Assembles a client; every part can be replaced (tests, benchmarks). */
    public static final class Builder {
        private final KisSettings settings;
        private TokenStore tokenStore;
        private KisMetrics metrics = KisMetrics.NOOP;
        private RawSink rawSink = RawSink.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random;
        private RateBudget budget;
        private OkHttpClient okHttp;
        private Set<String> dataChangedCodes = Set.of();

        private Builder(KisSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder tokenStore(TokenStore v) {
            this.tokenStore = v;
            return this;
        }

        public Builder metrics(KisMetrics v) {
            this.metrics = v;
            return this;
        }

        public Builder rawSink(RawSink v) {
            this.rawSink = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public Builder sleeper(Sleeper v) {
            this.sleeper = v;
            return this;
        }

        public Builder random(RandomGenerator v) {
            this.random = v;
            return this;
        }
        /** Replaces the host-wide file budget (e.g. {@link RateBudget#UNLIMITED} in benchmarks). */
        public Builder rateBudget(RateBudget v) {
            this.budget = v;
            return this;
        }
        /** An OkHttp client, e.g. {@link KisHttp#clientBuilder} plus an interceptor. */
        public Builder okHttp(OkHttpClient v) {
            this.okHttp = v;
            return this;
        }
        /** msg_cd values that mean "data changed, query again" besides the Korean text. */
        public Builder dataChangedCodes(Set<String> v) {
            this.dataChangedCodes = v;
            return this;
        }

        public KisClient build() {
            TokenStore store = tokenStore != null ? tokenStore : new InMemoryTokenStore();
            RandomGenerator rnd = random != null ? random : new SplittableRandom();
            RateBudget rb = budget != null ? budget : HostRateBudget.forSettings(settings, clock, sleeper, metrics);
            KisHttp http = new KisHttp(
                    settings,
                    okHttp != null ? okHttp : KisHttp.clientBuilder(settings).build(),
                    metrics,
                    rawSink,
                    clock);
            Backoff backoff = new Backoff(settings.backoff().jitter(), rnd, sleeper);
            TokenManager tm = new TokenManager(settings, http, store, rb, backoff, clock, metrics);
            return new KisClient(settings, http, tm, rb, backoff, metrics, clock, dataChangedCodes);
        }
    }

    /** For diagnostics: whether this client is on paper (no cancellable-orders inquiry). */
    public boolean paper() {
        return settings.env() == KisEnv.PAPER;
    }
}
