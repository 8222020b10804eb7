package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.config.KisSettings;
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
     * Sends an order POST and reads the answer by {@link OrderOutcomeRules}. Sent again only when KIS
     * provably did not process it: nothing was written ({@code NotSent}), {@code EGW00201} or a bare 429
     * (bounded by the rate-limit schedule), or a token refusal ({@code EGW00121/122/123}: the gateway
     * checks the token before anything reaches the trading system, so the refused call did nothing;
     * renewed and retried once, then {@link OrderOutcome.Refused}).
     */
    OrderOutcome submit(KisRequest req, SendFence fence) {
        String op = req.operation().label();
        int rateRetries = 0;
        int connectRetries = 0;
        boolean tokenRetried = false;
        try {
            while (true) {
                CallGate.Pass pass = gate.enter(op, RateBudget.Priority.ORDER, PERMIT_WAIT);
                if (pass instanceof CallGate.Pass.Closed c) {
                    return c.noToken() ? noToken(c) : new OrderOutcome.Failed("not sent: " + c.reason(), null);
                }
                var token = ((CallGate.Pass.Open) pass).token();
                String stop = fenceRefusal(fence);
                if (stop != null) {
                    return new OrderOutcome.Failed("not sent: " + stop, null);
                }
                KisOutcome out = http.execute(req, token);
                OrderOutcomeRules.Rule rule = OrderOutcomeRules.match(out);
                switch (rule.verdict()) {
                    case ACCEPTED:
                        return accepted((KisOutcome.Success) out);
                    case REJECTED:
                        KisOutcome.Rejected r = (KisOutcome.Rejected) out;
                        return new OrderOutcome.Rejected(r.msgCd(), r.msg1(), r.raw());
                    case REFUSED:
                        return refused(out, "");
                    case UNKNOWN:
                        return new OrderOutcome.Unknown(unknownReason(rule, out), out.raw());
                    case RETRY_RATE_LIMITED:
                        metrics.rateLimitBackoff(op);
                        if (!backoff.pause(settings.backoff().rateLimited(), ++rateRetries)) {
                            return new OrderOutcome.Failed(
                                    "not sent: rate-limited (" + out.detail() + ") " + rateRetries + " times",
                                    out.raw());
                        }
                        break;
                    case RETRY_WITH_NEW_TOKEN:
                        gate.tokenRefused(token);
                        if (tokenRetried) {
                            return refused(out, " again after renewal");
                        }
                        tokenRetried = true;
                        break;
                    case RETRY_NOT_SENT:
                        if (!backoff.pause(settings.backoff().connect(), ++connectRetries)) {
                            return new OrderOutcome.Failed("not sent: " + out.detail(), null);
                        }
                        break;
                }
                metrics.retry(op, out.label());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OrderOutcome.Failed("not sent: interrupted while waiting", null);
        }
    }

    /** Null when the fence lets the attempt go, else why not. */
    private static String fenceRefusal(SendFence fence) {
        try {
            return fence.mayFire() ? null : "the send fence refused (the claim is no longer ours to send)";
        } catch (RuntimeException e) {
            return "the send fence failed (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * No access token could be had: nothing was sent, and the cause is access, not the order. KIS
     * refusing our app key or secret at issuance is a refusal of our credentials (an operator must
     * act); anything else (KIS's one-a-minute rule after an early expiry, an issuance that kept
     * failing, the token cache down) clears by itself ({@code noToken}): the intent stays claimed and
     * is sent when a token is there again. A {@code Failed} here ended a valid intent of a chaos day
     * FAILED, never sent, for one injected 500 on {@code tokenP}.
     */
    private static OrderOutcome noToken(CallGate.Pass.Closed c) {
        boolean ours = KisCodes.GATEWAY_REFUSAL.contains(c.tokenCode());
        return new OrderOutcome.Refused(
                c.tokenCode(), "", "no access token (" + c.reason() + "): not sent", null, !ours);
    }

    private static OrderOutcome refused(KisOutcome out, String when) {
        String code = OrderOutcomeRules.code(out);
        String msg = out instanceof KisOutcome.Rejected r ? r.msg1() : "";
        return new OrderOutcome.Refused(
                code, msg, "the gateway refused our credentials (" + code + ")" + when + ": not processed", out.raw());
    }

    private static String unknownReason(OrderOutcomeRules.Rule rule, KisOutcome out) {
        if (rule.row().equals("5c")) {
            return out.detail();
        }
        return "HTTP " + status(out) + " " + out.detail() + " (" + rule.when() + "): the order may have been processed";
    }

    private static int status(KisOutcome out) {
        return out instanceof KisOutcome.Rejected r ? r.meta().status() : 0;
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
