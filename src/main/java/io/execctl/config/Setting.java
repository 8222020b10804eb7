package io.execctl.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration key execctl reads, in one place: the parser, {@code execctl config} and
 * docs/configuration.md all follow this list, so a key cannot exist in one and be missing in another.
 * The same names are used as environment variables and as keys of the {@code --config} properties file.
 */
public enum Setting {
    DB_URL(
            "EXECCTL_DB_URL",
            Group.DB,
            false,
            "embedded PostgreSQL under EXECCTL_DATA_DIR/pg",
            "JDBC URL of the PostgreSQL server (jdbc:postgresql://host:port/db)"),
    DB_USER(
            "EXECCTL_DB_USER",
            Group.DB,
            false,
            "driver default (the URL's user= or none)",
            "database user; only with EXECCTL_DB_URL"),
    DB_PASSWORD("EXECCTL_DB_PASSWORD", Group.DB, true, "none", "database password; only with EXECCTL_DB_URL"),
    DB_POOL_SIZE("EXECCTL_DB_POOL_SIZE", Group.DB, false, "8", "most pooled database connections open at once"),
    DB_POOL_TIMEOUT_MS(
            "EXECCTL_DB_POOL_TIMEOUT_MS",
            Group.DB,
            false,
            "5000",
            "how long in ms a database call waits for a free pooled connection"),
    DB_POOL_MAX_LIFETIME_S(
            "EXECCTL_DB_POOL_MAX_LIFETIME_S",
            Group.DB,
            false,
            "1800",
            "a pooled connection is replaced after this many s"),
    DB_LOCK_SESSION_TIMEOUT_S(
            "EXECCTL_DB_LOCK_SESSION_TIMEOUT_S",
            Group.DB,
            false,
            "10",
            "the server ends a session lock's connection after this many s without heartbeat"),

    KIS_ENV("KIS_ENV", Group.KIS, false, "paper", "KIS environment: real (실전) or paper (모의)"),
    KIS_APP_KEY("KIS_APP_KEY", Group.KIS, true, "required by KIS commands", "KIS app key of that environment"),
    KIS_APP_SECRET("KIS_APP_SECRET", Group.KIS, true, "required by KIS commands", "KIS app secret"),
    KIS_ACCOUNT(
            "KIS_ACCOUNT",
            Group.KIS,
            true,
            "required by KIS commands",
            "account number CANO-ACNT_PRDT_CD, e.g. 12345678-01"),
    KIS_HTS_ID(
            "KIS_HTS_ID",
            Group.KIS,
            true,
            "required for execution notices",
            "HTS user id: the tr_key of the execution-notice subscription"),
    KIS_REST_URL(
            "KIS_REST_URL", Group.KIS, false, "the KIS_ENV host", "REST base URL (http/https), e.g. the simulator's"),
    KIS_WS_URL("KIS_WS_URL", Group.KIS, false, "the KIS_ENV host", "WebSocket URL (ws/wss)"),
    KIS_TR_ID_SET("KIS_TR_ID_SET", Group.KIS, false, "new", "which TR id codes to send: new or old"),
    KIS_RATE_PER_SEC(
            "KIS_RATE_PER_SEC",
            Group.KIS,
            false,
            "18 (real), 0.9 (paper)",
            "REST request budget per second for this app key, shared by all processes"),
    KIS_CONNECT_TIMEOUT_MS("KIS_CONNECT_TIMEOUT_MS", Group.KIS, false, "3000", "REST connect timeout in ms"),
    KIS_READ_TIMEOUT_MS("KIS_READ_TIMEOUT_MS", Group.KIS, false, "5000", "REST read timeout in ms"),
    KIS_WRITE_TIMEOUT_MS("KIS_WRITE_TIMEOUT_MS", Group.KIS, false, "5000", "REST write timeout in ms"),
    KIS_CALL_TIMEOUT_MS("KIS_CALL_TIMEOUT_MS", Group.KIS, false, "10000", "bound of one whole REST exchange in ms"),
    KIS_BACKOFF_RATE_LIMITED(
            "KIS_BACKOFF_RATE_LIMITED",
            Group.KIS,
            false,
            "1000,2,3,4000",
            "retries after EGW00201/HTTP 429: first_ms,factor,max_retries,cap_ms"),
    KIS_BACKOFF_SERVER_ERROR(
            "KIS_BACKOFF_SERVER_ERROR",
            Group.KIS,
            false,
            "2000,2,3,8000",
            "retries of inquiries/token calls after a 5xx or gateway error"),
    KIS_BACKOFF_TIMEOUT(
            "KIS_BACKOFF_TIMEOUT",
            Group.KIS,
            false,
            "5000,1,2,5000",
            "retries of inquiries/token calls after a timeout (never an order)"),
    KIS_BACKOFF_CONNECT(
            "KIS_BACKOFF_CONNECT",
            Group.KIS,
            false,
            "1000,2,2,2000",
            "retries after a failure to connect (nothing was sent)"),
    KIS_BACKOFF_JITTER("KIS_BACKOFF_JITTER", Group.KIS, false, "0.2", "random fraction of each retry delay, 0-1"),
    KIS_TOKEN_REFRESH_MARGIN_S(
            "KIS_TOKEN_REFRESH_MARGIN_S",
            Group.KIS,
            false,
            "600",
            "a cached token is reused only while it stays valid this many s longer"),
    KIS_APPROVAL_KEY_LIFETIME_S(
            "KIS_APPROVAL_KEY_LIFETIME_S",
            Group.KIS,
            false,
            "82800",
            "how long a WebSocket approval key is reused, in s"),
    KIS_TOKEN_ISSUE_INTERVAL_S(
            "KIS_TOKEN_ISSUE_INTERVAL_S",
            Group.KIS,
            false,
            "61",
            "least spacing in s of token issuance attempts across all processes (KIS: once a minute)"),
    KIS_TOKEN_ISSUE_MAX_WAIT_S(
            "KIS_TOKEN_ISSUE_MAX_WAIT_S",
            Group.KIS,
            false,
            "75",
            "longest wait in s for that spacing before a call gives up"),
    KIS_MAX_PAGES("KIS_MAX_PAGES", Group.KIS, false, "50", "page cap of one paginated inquiry"),
    KIS_DATA_CHANGED_RESTARTS(
            "KIS_DATA_CHANGED_RESTARTS",
            Group.KIS,
            false,
            "3",
            "restarts of a paginated inquiry from page 1 after KIS reports changed data"),
    KIS_WS_PING_INTERVAL_S(
            "KIS_WS_PING_INTERVAL_S",
            Group.KIS,
            false,
            "10",
            "expected PINGPONG interval of the notice WebSocket in s"),
    KIS_WS_DEAD_AFTER_PINGS(
            "KIS_WS_DEAD_AFTER_PINGS",
            Group.KIS,
            false,
            "3",
            "silent ping intervals after which the notice WebSocket is declared dead"),
    KIS_WS_CONNECT_TIMEOUT_S(
            "KIS_WS_CONNECT_TIMEOUT_S", Group.KIS, false, "10", "notice WebSocket connect + handshake timeout in s"),
    KIS_WS_TRYITOUT(
            "KIS_WS_TRYITOUT", Group.KIS, false, "false", "append /tryitout to the WebSocket URL: true or false"),
    KIS_WS_RECONNECT_BASE_MS(
            "KIS_WS_RECONNECT_BASE_MS", Group.KIS, false, "1000", "first reconnect delay ceiling in ms (doubles)"),
    KIS_WS_RECONNECT_CAP_S("KIS_WS_RECONNECT_CAP_S", Group.KIS, false, "30", "largest reconnect delay in s"),
    KIS_WS_RECONNECT_FLOOR_MS(
            "KIS_WS_RECONNECT_FLOOR_MS", Group.KIS, false, "500", "least reconnect delay in ms: never a tight loop"),
    KIS_WS_STABLE_AFTER_S(
            "KIS_WS_STABLE_AFTER_S",
            Group.KIS,
            false,
            "60",
            "a subscription up this many s resets the reconnect backoff"),
    KIS_WS_IN_USE_DELAY_S(
            "KIS_WS_IN_USE_DELAY_S",
            Group.KIS,
            false,
            "60",
            "first delay in s after OPSP8996 (app key's session in use elsewhere; doubles)"),
    KIS_WS_IN_USE_CAP_S("KIS_WS_IN_USE_CAP_S", Group.KIS, false, "600", "largest delay in s after OPSP8996"),
    KIS_RATE_STATE_DIR(
            "KIS_RATE_STATE_DIR",
            Group.KIS,
            false,
            "none: the budget is the database row trade.kis_rate_budget",
            "a directory every execctl host shares (e.g. NFS): keep the rate budget in files there instead"),

    INTENT_POLL_MS(
            "EXECCTL_INTENT_POLL_MS",
            Group.LOOPS,
            false,
            "1000",
            "intent poll interval in ms (fallback behind LISTEN/NOTIFY)"),
    SUBMIT_WORKERS(
            "EXECCTL_SUBMIT_WORKERS",
            Group.LOOPS,
            false,
            "4",
            "intents of distinct symbols sent at once (one serial lane per symbol)"),
    UNFILLED_SYNC_S(
            "EXECCTL_UNFILLED_SYNC_S", Group.LOOPS, false, "5", "open-orders sync interval in s while orders are open"),
    UNFILLED_IDLE_SYNC_S(
            "EXECCTL_UNFILLED_IDLE_SYNC_S",
            Group.LOOPS,
            false,
            "30",
            "open-orders sync interval in s while no order is open"),
    FILLS_SYNC_S("EXECCTL_FILLS_SYNC_S", Group.LOOPS, false, "5", "REST fills (inquire-daily-ccld) sync interval in s"),
    HOLDINGS_SYNC_S(
            "EXECCTL_HOLDINGS_SYNC_S", Group.LOOPS, false, "30", "holdings (inquire-balance) sync interval in s"),
    HOLDINGS_AFTER_FILL_MS(
            "EXECCTL_HOLDINGS_AFTER_FILL_MS",
            Group.LOOPS,
            false,
            "1500",
            "daemon: holdings sync this long after the last fill (debounced), not only at the cadence; 0 = off"),
    HOLDINGS_MIN_INTERVAL_MS(
            "EXECCTL_HOLDINGS_MIN_INTERVAL_MS",
            Group.LOOPS,
            false,
            "2000",
            "daemon: a holdings sync after fills starts at least this long after the previous one"),
    WS_DOWN_SYNC_S(
            "EXECCTL_WS_DOWN_SYNC_S",
            Group.LOOPS,
            false,
            "2",
            "open-orders and fills sync interval in s while the notice WebSocket is down"),
    MARKET_HOURS(
            "EXECCTL_MARKET_HOURS",
            Group.LOOPS,
            false,
            "krx",
            "krx: the holdings loop slows to 60–120 s outside 08:30–15:30 Korean time on weekdays; always: the"
                    + " market never closes (the simulator's, open at any hour)"),
    ORDER_TIME_SKEW_MS(
            "EXECCTL_ORDER_TIME_SKEW_MS",
            Group.LOOPS,
            false,
            "2000",
            "how far a broker order time (ORD_TMD) may lie outside our send window and still match a submission"),
    HISTORY_LAG_MS(
            "EXECCTL_HISTORY_LAG_MS",
            Group.LOOPS,
            false,
            "5000",
            "how long the broker's order history may lag an acceptance (evidence of absence waits this long)"),
    FILL_INFERENCE_LAG_MS(
            "EXECCTL_FILL_INFERENCE_LAG_MS",
            Group.LOOPS,
            false,
            "10000",
            "how long a fills deficit against the broker's totals must persist before the daemon infers the fill"),

    DATA_DIR(
            "EXECCTL_DATA_DIR",
            Group.PROCESS,
            false,
            "$XDG_DATA_HOME/execctl or ~/.local/share/execctl",
            "execctl's data directory (embedded PostgreSQL in its pg/ subdirectory)"),
    METRICS_PORT(
            "EXECCTL_METRICS_PORT",
            Group.PROCESS,
            false,
            "9464",
            "port of the /metrics /healthz /readyz server; 0 turns it off"),
    METRICS_FALLBACK_PORT(
            "EXECCTL_METRICS_FALLBACK_PORT",
            Group.PROCESS,
            false,
            "none (the next free port after EXECCTL_METRICS_PORT)",
            "port the metrics server takes when EXECCTL_METRICS_PORT is busy (a hot standby on the same host)"),
    ALERT_WEBHOOK_URL(
            "EXECCTL_ALERT_WEBHOOK_URL",
            Group.PROCESS,
            true,
            "none (alerts go to the log only)",
            "Slack-compatible incoming-webhook URL the daemon posts alerts to"),
    AUDIT_QUEUE(
            "EXECCTL_AUDIT_QUEUE",
            Group.PROCESS,
            false,
            "10000",
            "raw broker messages waiting for the audit writer; when full the oldest are dropped (counted)");

    /** What a key belongs to; commands ask for whole groups. */
    public enum Group {
        DB,
        KIS,
        LOOPS,
        PROCESS
    }

    /**
     * Keys of the EXECCTL_ namespace that are read by something other than {@link Config} (logback, the
     * launcher, the test support) and so are not "unknown" when they appear in the environment.
     */
    static final Set<String> FOREIGN_KEYS = Set.of(
            "EXECCTL_LOG_LEVEL",
            "EXECCTL_MVN",
            "EXECCTL_CDS",
            "EXECCTL_CDS_DIR",
            "EXECCTL_FAILPOINTS",
            "EXECCTL_TEST_DB_URL",
            "EXECCTL_TEST_DB_USER",
            "EXECCTL_TEST_DB_PASSWORD",
            "EXECCTL_TEST_EMBEDDED",
            "EXECCTL_CI_DB_PASSWORD");

    private final String key;
    private final Group group;
    private final boolean secret;
    private final String defaultText;
    private final String description;

    Setting(String key, Group group, boolean secret, String defaultText, String description) {
        this.key = key;
        this.group = group;
        this.secret = secret;
        this.defaultText = defaultText;
        this.description = description;
    }

    /** The environment variable / properties key, e.g. {@code EXECCTL_DB_URL}. */
    public String key() {
        return key;
    }

    public Group group() {
        return group;
    }

    /** A secret's value is never printed, logged or put into an exception message. */
    public boolean secret() {
        return secret;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
