package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.OrderKey;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends order, cancel and modify POSTs and turns what came back into an {@link OrderOutcome}. A POST
 * is resent only when KIS provably did not process it; anything that may have reached KIS without a
 * readable answer is {@link OrderOutcome.Unknown}, because KIS has no client order id and a resend
 * could double the order.
 */
final class OrderSender {
    /** Longest wait for a rate-budget slot before an order is reported {@link OrderOutcome.Failed}. */
    static final Duration PERMIT_WAIT = Duration.ofSeconds(10);

    private final KisSettings settings;
    private final KisHttp http;
    private final CallGate gate;
    private final Backoff backoff;
    private final KisMetrics metrics;

    OrderSender(KisSettings settings, KisHttp http, CallGate gate, Backoff backoff, KisMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Sends an order POST. Resent only when KIS provably did not process it: no connection was made,
     * {@code EGW00201} (the gateway refuses before processing; bounded by the rate-limit schedule), or an
     * invalid token (refused at the gateway; once). Anything else that is not a readable answer is
     * {@link OrderOutcome.Unknown}.
     */
    OrderOutcome submit(KisRequest req) {
        String op = req.operation().label();
        int rateRetries = 0;
        int connectRetries = 0;
        boolean tokenRetried = false;
        try {
            while (true) {
                CallGate.Pass pass = gate.enter(op, RateBudget.Priority.ORDER, PERMIT_WAIT);
                if (pass instanceof CallGate.Pass.Closed c) {
                    return new OrderOutcome.Failed("not sent: " + c.reason(), null);
                }
                var token = ((CallGate.Pass.Open) pass).token();
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
                    gate.tokenRefused(token);
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

    static OrderOutcome accepted(KisOutcome.Success s) {
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
}
