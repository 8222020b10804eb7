package io.execctl.kis;

import java.time.Duration;

/**
 * The client's metrics port: what the REST and WebSocket clients report. The metrics package plugs a
 * Prometheus implementation in later; {@link #NOOP} ignores everything and {@link InMemoryKisMetrics}
 * counts in memory (tests, simple tools).
 *
 * <p>Label values are always drawn from fixed vocabularies (operation names, outcome names, KIS
 * {@code msg_cd} control codes, credential kinds) and never carry a secret, an account number, an
 * order number or free text.
 */
public interface KisMetrics {

    /** Ignores every report. */
    KisMetrics NOOP = new KisMetrics() {};

    /** Outcome label values of {@link #request}. */
    final class Outcome {
        public static final String SUCCESS = "success";
        public static final String REJECTED = "rejected";
        public static final String RATE_LIMITED = "rate_limited";
        public static final String TOKEN_INVALID = "token_invalid";
        public static final String TRANSPORT = "transport";
        public static final String GATEWAY = "gateway";
        public static final String UNKNOWN = "unknown";
        public static final String MALFORMED = "malformed";

        private Outcome() {}
    }

    /** Outcome label values of {@link #wsFrame}. */
    final class Frame {
        public static final String NOTICE = "notice";
        public static final String PINGPONG = "pingpong";
        public static final String CONTROL = "control";
        public static final String ACK = "ack";
        public static final String PLAINTEXT_NOTICE = "plaintext_notice";
        public static final String CORRUPT = "corrupt";
        public static final String UNKNOWN_TR = "unknown_tr";
        public static final String UNDECRYPTABLE = "undecryptable";

        private Frame() {}
    }

    /**
     * One HTTP exchange with KIS finished (each attempt counts, retries included).
     *
     * @param operation fixed operation name, e.g. {@code order_cash}, {@code inquire_balance}, {@code token}
     * @param outcome   one of {@link Outcome}
     * @param elapsed   wall time of the exchange
     */
    default void request(String operation, String outcome, Duration elapsed) {}

    /** An {@code EGW00201}/429 answer made the client back off before retrying. */
    default void rateLimitBackoff(String operation) {}

    /** A call is being retried for {@code reason} (an {@link Outcome} value). */
    default void retry(String operation, String reason) {}

    /** The client waited {@code waited} for a rate-budget permit of {@code priority} ({@code order}/{@code inquiry}). */
    default void rateBudgetWait(String priority, Duration waited) {}

    /** KIS issued a credential; {@code kind} is {@code access} or {@code approval}. */
    default void tokenIssued(String kind) {}

    /** KIS refused to issue a credential ({@code EGW00133} or another error); {@code reason} is the code. */
    default void tokenIssueRefused(String kind, String reason) {}

    /** A cached credential was dropped because KIS called it invalid or expired. */
    default void tokenInvalidated(String kind) {}

    /** A paginated inquiry restarted from page 1 after "data changed". */
    default void paginationRestart(String operation) {}

    /** A paginated inquiry ended incomplete. */
    default void paginationIncomplete(String operation) {}

    /** A WebSocket frame was handled; {@code outcome} is one of {@link Frame}. */
    default void wsFrame(String outcome) {}

    /** A WebSocket control message with KIS code {@code msgCd} (e.g. {@code OPSP8996}). */
    default void wsControl(String msgCd) {}

    /** The notice WebSocket reconnected (or tried to). */
    default void wsReconnect() {}

    /** A gap in the notice stream was reported to the caller. */
    default void wsGap() {}

    /** A caller-supplied listener threw; {@code where} names the callback. */
    default void listenerError(String where) {}
}
