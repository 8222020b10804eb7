package io.execctl.kis;

/**
 * The classified result of one HTTP exchange with KIS. Classification reads the body first
 * ({@code msg_cd}/{@code error_code}, {@code rt_cd}) and the HTTP status second, because KIS sends
 * gateway errors with 500/403 and business results with 200 (REFERENCE §10.2).
 */
public sealed interface KisOutcome {

    /** The metric label of this outcome ({@link KisMetrics.Outcome}). */
    String label();

    /** The raw response body (scrubbed), or null when no response arrived. */
    String raw();

    /** A short, secret-free description: the KIS code or the failure reason. */
    String detail();

    /** {@code rt_cd "0"} (or an OAuth answer without an error): the body is the answer. */
    record Success(KisBody body, ResponseMeta meta, String raw) implements KisOutcome {
        public String detail() {
            return "ok";
        }

        public String label() {
            return KisMetrics.Outcome.SUCCESS;
        }
    }

    /**
     * A refusal with a KIS code: {@code rt_cd != "0"}, the OAuth {@code error_code} shape, or a gateway
     * {@code EGW…} code without {@code rt_cd}; whatever the HTTP status. What it means for an order is
     * decided by {@link OrderOutcomeRules} (not every {@code EGW} code is a refusal).
     */
    record Rejected(String msgCd, String msg1, ResponseMeta meta, String raw) implements KisOutcome {
        public String detail() {
            return msgCd + " " + msg1;
        }

        public String label() {
            return KisMetrics.Outcome.REJECTED;
        }
    }

    /** {@code EGW00201} (any status) or a literal HTTP 429: KIS refused before processing. */
    record RateLimited(String msgCd, ResponseMeta meta, String raw) implements KisOutcome {
        public String detail() {
            return msgCd;
        }

        public String label() {
            return KisMetrics.Outcome.RATE_LIMITED;
        }
    }

    /** {@code EGW00121}/{@code EGW00122}/{@code EGW00123}: the access token is invalid, missing or expired. */
    record TokenInvalid(String msgCd, ResponseMeta meta, String raw) implements KisOutcome {
        public String detail() {
            return msgCd;
        }

        public String label() {
            return KisMetrics.Outcome.TOKEN_INVALID;
        }
    }

    /** Nothing reached KIS (connection refused, DNS, connect timeout): safe to retry, even an order. */
    record NotSent(String reason) implements KisOutcome {
        public String detail() {
            return reason;
        }

        public String label() {
            return KisMetrics.Outcome.TRANSPORT;
        }

        public String raw() {
            return null;
        }
    }

    /**
     * The request was (or may have been) written, but no complete response came back: read timeout,
     * call timeout, connection reset or EOF. For an order this is an unknown outcome.
     */
    record NoResponse(boolean timeout, String reason) implements KisOutcome {
        public String detail() {
            return reason;
        }

        public String label() {
            return KisMetrics.Outcome.UNKNOWN;
        }

        public String raw() {
            return null;
        }
    }

    /** A non-2xx response without a parsable KIS answer (e.g. a 502 HTML gateway page). */
    record Gateway(ResponseMeta meta, String reason, String raw) implements KisOutcome {
        public String detail() {
            return reason;
        }

        public String label() {
            return KisMetrics.Outcome.GATEWAY;
        }
    }

    /** A 2xx response that is not the expected JSON (HTML, truncated, another shape). */
    record Malformed(ResponseMeta meta, String reason, String raw) implements KisOutcome {
        public String detail() {
            return reason;
        }

        public String label() {
            return KisMetrics.Outcome.MALFORMED;
        }
    }
}
