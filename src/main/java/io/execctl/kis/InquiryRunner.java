package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.config.KisSettings;
import io.execctl.domain.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs inquiries: each page with retries by the backoff table, and every page of a listing to its
 * end. Reads are safe to repeat, unlike orders, so everything transient is retried here; what could
 * not be read ends the listing as incomplete, never as a shorter complete list.
 */
final class InquiryRunner {
    private static final Logger log = LoggerFactory.getLogger(InquiryRunner.class);

    /** Longest wait for a rate-budget slot of an inquiry page. */
    static final Duration PERMIT_WAIT = Duration.ofSeconds(60);
    /** Text of KIS's "data changed since the query began, query again" refusal of a continuation page. */
    static final String DATA_CHANGED_TEXT = "자료가 변경";

    private final KisSettings settings;
    private final KisHttp http;
    private final CallGate gate;
    private final Backoff backoff;
    private final KisMetrics metrics;
    private final Set<String> dataChangedCodes;

    InquiryRunner(
            KisSettings settings,
            KisHttp http,
            CallGate gate,
            Backoff backoff,
            KisMetrics metrics,
            Set<String> dataChangedCodes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.dataChangedCodes = Set.copyOf(dataChangedCodes);
    }

    /** The successful page bodies of one paginated inquiry and whether they reach the end. */
    record PageSet(List<KisBody> bodies, boolean complete, String reason) {}

    /**
     * Follows {@code tr_cont} F/M with {@code tr_cont: N} and the continuation keys copied unchanged
     * until a last page ({@link PageEnd}). "Query again" ({@link KisCodes#QUERY_AGAIN}, the configured
     * codes, or KIS's "data changed" text) restarts from page 1 at most {@code dataChangedRestarts} times; any other failure, the
     * page cap, a page that is not provably the last, or keys that do not advance end the result as
     * incomplete.
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
                String nk = rawText(s.body(), "ctx_area_nk100");
                PageEnd end = pageEnd(s, nk);
                if (end == PageEnd.LAST) {
                    return new PageSet(bodies, true, "");
                }
                if (end != PageEnd.MORE) {
                    return new PageSet(
                            bodies,
                            false,
                            "page " + bodies.size() + ": " + end.reason(s.meta().trCont()));
                }
                String fk = rawText(s.body(), "ctx_area_fk100");
                String keys = fk + '\u0000' + nk;
                if (keys.equals(previousKeys)) {
                    return new PageSet(bodies, false, "continuation keys did not advance");
                }
                previousKeys = keys;
                req = first.nextPage(fk, nk);
            }
        }
    }

    /**
     * How a successful page ends a listing (REFERENCE §8, §14.2). Only {@code tr_cont} {@code D}/{@code E}
     * with a blank {@code CTX_AREA_NK100} is a last page ({@code CTX_AREA_FK100} may still hold the search
     * conditions there); a missing {@code tr_cont} is not. A "no data" answer ({@link KisCodes#NO_DATA},
     * {@code rt_cd "0"}) that does not announce more pages ends the listing too. {@code F}/{@code M}
     * continue with the keys, which must then hold a next key.
     */
    enum PageEnd {
        LAST(""),
        MORE(""),
        NO_TR_CONT("no tr_cont header, which is not a last page"),
        LAST_WITH_KEY("tr_cont %s says last page but CTX_AREA_NK100 still holds a key"),
        MORE_WITHOUT_KEY("tr_cont %s announced more pages but CTX_AREA_NK100 is blank"),
        UNKNOWN_TR_CONT("tr_cont %s is not F/M/D/E");

        private final String reason;

        PageEnd(String reason) {
            this.reason = reason;
        }

        String reason(String trCont) {
            return String.format(reason, trCont);
        }
    }

    static PageEnd pageEnd(KisOutcome.Success s, String nk) {
        String trCont = s.meta().trCont();
        boolean more = trCont.equals("F") || trCont.equals("M");
        if (more) {
            return nk.isBlank() ? PageEnd.MORE_WITHOUT_KEY : PageEnd.MORE;
        }
        if (KisCodes.NO_DATA.contains(ResponseClassifier.text(s.body().top(), "msg_cd"))) {
            return PageEnd.LAST;
        }
        if (trCont.equals("D") || trCont.equals("E")) {
            return nk.isBlank() ? PageEnd.LAST : PageEnd.LAST_WITH_KEY;
        }
        return trCont.isEmpty() ? PageEnd.NO_TR_CONT : PageEnd.UNKNOWN_TR_CONT;
    }

    private boolean isDataChanged(KisOutcome o) {
        return o instanceof KisOutcome.Rejected r
                && (KisCodes.QUERY_AGAIN.contains(r.msgCd())
                        || dataChangedCodes.contains(r.msgCd())
                        || r.msg1().contains(DATA_CHANGED_TEXT));
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
                CallGate.Pass pass = gate.enter(op, RateBudget.Priority.INQUIRY, PERMIT_WAIT);
                if (pass instanceof CallGate.Pass.Closed c) {
                    return new Answer(null, null, c.reason());
                }
                Secret token = ((CallGate.Pass.Open) pass).token();
                KisOutcome out = http.execute(req, token);
                boolean again;
                if (out instanceof KisOutcome.Success s) {
                    return new Answer(s, s, "");
                } else if (isDataChanged(out)) {
                    return new Answer(null, out, "KIS asked to query again: " + out.detail()); // page 1 again
                } else if (out instanceof KisOutcome.Rejected r && KisCodes.GATEWAY_TIMEOUT.contains(r.msgCd())) {
                    again = backoff.pause(settings.backoff().timeout(), ++timeout); // a read is safe to repeat
                } else if (out instanceof KisOutcome.Rejected r) {
                    if (r.meta().status() < 500 || KisCodes.GATEWAY_REFUSAL.contains(r.msgCd())) {
                        return new Answer(null, r, "KIS refused: " + r.msgCd() + " " + r.msg1());
                    }
                    again = backoff.pause(settings.backoff().serverError(), ++server);
                } else if (out instanceof KisOutcome.RateLimited) {
                    metrics.rateLimitBackoff(op);
                    again = backoff.pause(settings.backoff().rateLimited(), ++rate);
                } else if (out instanceof KisOutcome.TokenInvalid) {
                    gate.tokenRefused(token);
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
}
