package io.execctl.kis;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one answer to an order, cancel or modify POST means: <b>one precedence table</b>, read top to
 * bottom, first match wins; {@code msg_cd} first, {@code rt_cd} next, the HTTP status last (KIS sends
 * gateway errors with 500/403 and business answers with 200, and neither reliably: REFERENCE §10.2,
 * §14.2). The answer has already been read by {@link ResponseClassifier} into a {@link KisOutcome}.
 *
 * <table>
 * <caption>Order POST outcomes</caption>
 * <tr><th>Row</th><th>When</th><th>Verdict</th></tr>
 * <tr><td>1</td><td>{@code EGW00201}</td><td>not processed: retry within the rate-limit schedule</td></tr>
 * <tr><td>2</td><td>{@code EGW00301}/{@code EGW00302}</td><td>unknown</td></tr>
 * <tr><td>3a</td><td>{@code EGW00121/122/123} (token)</td><td>not processed: renew the token, retry once; then refused</td></tr>
 * <tr><td>3b</td><td>{@code EGW00102–105/205–208} (credentials)</td><td>refused: pause and alert</td></tr>
 * <tr><td>3c</td><td>any other {@code EGW} code</td><td>unknown (not proven unprocessed)</td></tr>
 * <tr><td>4a</td><td>KIS body with {@code rt_cd "0"}</td><td>accepted</td></tr>
 * <tr><td>4b</td><td>KIS body with any other {@code rt_cd}</td><td>rejected (business)</td></tr>
 * <tr><td>5a</td><td>no byte written (connection refused, DNS)</td><td>not sent: retry within the connect schedule</td></tr>
 * <tr><td>5b</td><td>HTTP 429 without a KIS code</td><td>not processed: as row 1</td></tr>
 * <tr><td>5c</td><td>no parsable KIS body (timeout, reset, truncated, 5xx HTML)</td><td>unknown</td></tr>
 * </table>
 */
final class OrderOutcomeRules {
    private OrderOutcomeRules() {}

    /** What the sender does with an answer. */
    enum Verdict {
        /** Not processed (the gateway said so): retry within the rate-limit schedule. */
        RETRY_RATE_LIMITED,
        /** Not processed (the token was refused): renew the token and retry once. */
        RETRY_WITH_NEW_TOKEN,
        /** Nothing was written to the connection: retry within the connect schedule. */
        RETRY_NOT_SENT,
        /** {@code rt_cd "0"}: KIS took it. */
        ACCEPTED,
        /** Any other {@code rt_cd}: KIS refused the order itself. */
        REJECTED,
        /** The gateway refused our credentials or permissions: not the order's fault, not curable by retrying. */
        REFUSED,
        /** It may have been processed: never resend; resolve by inquiry. */
        UNKNOWN
    }

    /** One row of the table. */
    record Rule(String row, String when, Predicate<KisOutcome> test, Verdict verdict) {}

    /** The table, in precedence order. */
    static final List<Rule> RULES = List.of(
            new Rule("1", "msg_cd EGW00201", o -> code(o).equals(KisCodes.RATE_LIMIT), Verdict.RETRY_RATE_LIMITED),
            new Rule("2", "msg_cd EGW00301/EGW00302", o -> in(o, KisCodes.GATEWAY_TIMEOUT), Verdict.UNKNOWN),
            new Rule("3a", "msg_cd EGW00121/122/123", o -> in(o, KisCodes.TOKEN_INVALID), Verdict.RETRY_WITH_NEW_TOKEN),
            new Rule("3b", "msg_cd EGW0010x/0020x refusal", o -> in(o, KisCodes.GATEWAY_REFUSAL), Verdict.REFUSED),
            new Rule("3c", "any other EGW msg_cd", o -> code(o).startsWith(KisCodes.GATEWAY_PREFIX), Verdict.UNKNOWN),
            new Rule("4a", "rt_cd \"0\"", o -> o instanceof KisOutcome.Success, Verdict.ACCEPTED),
            new Rule("4b", "any other rt_cd", o -> o instanceof KisOutcome.Rejected, Verdict.REJECTED),
            new Rule("5a", "nothing written", o -> o instanceof KisOutcome.NotSent, Verdict.RETRY_NOT_SENT),
            new Rule("5b", "HTTP 429", o -> o instanceof KisOutcome.RateLimited, Verdict.RETRY_RATE_LIMITED),
            new Rule("5c", "no parsable KIS body", o -> true, Verdict.UNKNOWN));

    /** The first rule that matches. */
    static Rule match(KisOutcome outcome) {
        for (Rule r : RULES) {
            if (r.test().test(outcome)) {
                return r;
            }
        }
        throw new IllegalStateException("the last rule matches everything");
    }

    /** The KIS code the answer carried, "" when it carried none. */
    static String code(KisOutcome o) {
        if (o instanceof KisOutcome.Rejected r) {
            return r.msgCd();
        }
        if (o instanceof KisOutcome.RateLimited r) {
            return r.msgCd();
        }
        if (o instanceof KisOutcome.TokenInvalid t) {
            return t.msgCd();
        }
        return "";
    }

    private static boolean in(KisOutcome o, Set<String> codes) {
        return codes.contains(code(o));
    }
}
