package io.execctl.config;

import io.execctl.domain.KisEnv;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything about talking to KIS except who is talking: hosts, TR id generation, the request budget,
 * timeouts, retries, token timing, paging and the notice stream. {@link Config} holds these (validated
 * at load, shown by {@code execctl config}) before any credential is demanded; {@link KisSettings}
 * adds the credentials. The compact constructor is the only place these rules are written; a broken
 * rule is a {@link ConfigException} naming the setting key. Defaults live in {@link KisSettings.Builder}.
 *
 * <p>An endpoint that is KIS's own host of the <em>other</em> environment is refused: paper settings
 * pointed at the real-trading host (or the reverse) is a mistake with real money on one side.
 *
 * @param env                   real or paper (selects TR ids and default limits)
 * @param restUrl               REST base without trailing slash, e.g. {@code https://openapi.koreainvestment.com:9443}
 * @param wsUrl                 WebSocket URL, e.g. {@code ws://ops.koreainvestment.com:21000}
 * @param custType              {@code custtype} header: {@code P} individual (the only supported kind; not a setting)
 * @param trIdSet               new (default) or old TR ids
 * @param ratePerSecond         the host-wide request budget for this app key (below KIS's 20/s real, 1/s paper)
 * @param timeouts              HTTP timeouts
 * @param backoff               retry table for REST calls
 * @param tokenRefreshMargin    a cached token is reused only while it stays valid this much longer
 * @param approvalKeyLifetime   how long a WebSocket approval key is reused (KIS returns no expiry; samples use 24 h)
 * @param tokenIssueMinInterval spacing of issuance attempts across all processes (KIS: once a minute)
 * @param tokenIssueMaxWait     the longest a caller waits for the issuance spacing before giving up
 * @param rateStateDir          directory of the host-wide rate-budget state files (the builder default; no
 *                              environment key: where the shared budget lives is decided with its storage)
 * @param maxPages              page cap of one paginated inquiry
 * @param dataChangedRestarts   how often a paginated inquiry restarts from page 1 after "data changed"
 * @param notices               the execution-notice WebSocket's transport settings
 */
public record KisOptions(
        KisEnv env,
        String restUrl,
        String wsUrl,
        String custType,
        TrIdSet trIdSet,
        double ratePerSecond,
        Timeouts timeouts,
        BackoffTable backoff,
        Duration tokenRefreshMargin,
        Duration approvalKeyLifetime,
        Duration tokenIssueMinInterval,
        Duration tokenIssueMaxWait,
        Path rateStateDir,
        int maxPages,
        int dataChangedRestarts,
        NoticeSettings notices) {

    /** KIS's own limit is 20/s on real; more than this is a typo. */
    static final double MAX_RATE = 1000;

    static final int MAX_PAGES = 10_000;
    static final int MAX_RESTARTS = 100;

    public KisOptions {
        Objects.requireNonNull(env, "env");
        restUrl = Parse.url(Setting.KIS_REST_URL, Objects.requireNonNull(restUrl, "restUrl"), Set.of("http", "https"))
                .toString();
        wsUrl = Parse.url(Setting.KIS_WS_URL, Objects.requireNonNull(wsUrl, "wsUrl"), Set.of("ws", "wss"))
                .toString();
        KisEnv other = env == KisEnv.REAL ? KisEnv.PAPER : KisEnv.REAL;
        if (sameEndpoint(URI.create(restUrl), URI.create(other.defaultRestUrl()))) {
            throw new ConfigException(
                    Setting.KIS_REST_URL, "is the " + other.key() + " host but KIS_ENV is " + env.key());
        }
        if (sameEndpoint(URI.create(wsUrl), URI.create(other.defaultWsUrl()))) {
            throw new ConfigException(
                    Setting.KIS_WS_URL, "is the " + other.key() + " host but KIS_ENV is " + env.key());
        }
        custType = custType == null || custType.isBlank() ? "P" : custType.strip();
        if (!custType.equals("P")) {
            throw new IllegalArgumentException(
                    "custtype must be P (individual); corporate accounts need headers this client does not send");
        }
        Objects.requireNonNull(trIdSet, "trIdSet");
        if (!(ratePerSecond > 0 && ratePerSecond <= MAX_RATE)) {
            throw new ConfigException(
                    Setting.KIS_RATE_PER_SEC,
                    "must be greater than 0 and at most " + (int) MAX_RATE + ", got " + ratePerSecond);
        }
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(backoff, "backoff");
        nonNegative(tokenRefreshMargin, Setting.KIS_TOKEN_REFRESH_MARGIN_S);
        nonNegative(approvalKeyLifetime, Setting.KIS_APPROVAL_KEY_LIFETIME_S);
        if (approvalKeyLifetime.isZero()) {
            throw new ConfigException(Setting.KIS_APPROVAL_KEY_LIFETIME_S, "must be positive");
        }
        nonNegative(tokenIssueMinInterval, Setting.KIS_TOKEN_ISSUE_INTERVAL_S);
        nonNegative(tokenIssueMaxWait, Setting.KIS_TOKEN_ISSUE_MAX_WAIT_S);
        rateStateDir = Objects.requireNonNull(rateStateDir, "rateStateDir")
                .toAbsolutePath()
                .normalize();
        if (maxPages < 1 || maxPages > MAX_PAGES) {
            throw new ConfigException(
                    Setting.KIS_MAX_PAGES, "must be between 1 and " + MAX_PAGES + ", got " + maxPages);
        }
        if (dataChangedRestarts < 0 || dataChangedRestarts > MAX_RESTARTS) {
            throw new ConfigException(
                    Setting.KIS_DATA_CHANGED_RESTARTS,
                    "must be between 0 and " + MAX_RESTARTS + ", got " + dataChangedRestarts);
        }
        Objects.requireNonNull(notices, "notices");
    }

    /** The rate as text without float noise, e.g. {@code 0.9}. */
    public String ratePerSecondText() {
        return BigDecimal.valueOf(ratePerSecond).stripTrailingZeros().toPlainString();
    }

    private static void nonNegative(Duration d, Setting key) {
        Objects.requireNonNull(d, key.key());
        if (d.isNegative()) {
            throw new ConfigException(key, "must not be negative");
        }
    }

    private static boolean sameEndpoint(URI a, URI b) {
        return a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return switch (u.getScheme().toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> 443;
            default -> 80;
        };
    }

    @Override
    public String toString() {
        return "KisOptions[env=" + env.key() + ", restUrl=" + restUrl + ", wsUrl=" + wsUrl + ", custType=" + custType
                + ", trIdSet=" + trIdSet.key() + ", ratePerSecond=" + ratePerSecondText() + ", timeouts=" + timeouts
                + ", maxPages=" + maxPages + ", dataChangedRestarts=" + dataChangedRestarts + "]";
    }
}
