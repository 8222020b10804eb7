package io.execctl.kis;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the KIS client needs, immutable. The client does not read configuration itself: the CLI
 * maps its {@code Config} onto this record, so {@code kis} stays independent of {@code config}.
 * Real KIS or the simulator is chosen by {@link #restUrl()}/{@link #wsUrl()} alone.
 *
 * <p>{@link #toString()} masks the app key, app secret, account number and HTS id.
 *
 * @param env                  real or paper (selects TR ids and default limits)
 * @param restUrl              REST base, e.g. {@code https://openapi.koreainvestment.com:9443} (no trailing slash)
 * @param wsUrl                WebSocket URL, e.g. {@code ws://ops.koreainvestment.com:21000}
 * @param appKey               KIS app key
 * @param appSecret            KIS app secret
 * @param account              the trading account ({@code CANO-ACNT_PRDT_CD})
 * @param htsId                HTS id: the {@code tr_key} of the execution-notice subscription (may be blank for REST-only use)
 * @param custType             {@code custtype} header: {@code P} individual (the only supported kind)
 * @param trIdSet              new (default) or old TR ids
 * @param ratePerSecond        the host-wide request budget for this app key (below KIS's 20/s real, 1–2/s paper)
 * @param timeouts             HTTP timeouts
 * @param backoff              retry table for REST calls
 * @param tokenRefreshMargin   a cached token is reused only while it stays valid this much longer
 * @param approvalKeyLifetime  how long a WebSocket approval key is reused (KIS returns no expiry; samples use 24 h)
 * @param tokenIssueMinInterval spacing of issuance attempts across all processes (KIS: once a minute)
 * @param tokenIssueMaxWait    the longest a caller waits for the issuance spacing before giving up
 * @param wsReconnect          WebSocket reconnect schedule (exponential with jitter, capped, unbounded count)
 * @param rateStateDir         directory of the host-wide rate-budget state files
 * @param maxPages             page cap of one paginated inquiry
 * @param dataChangedRestarts  how often a paginated inquiry restarts from page 1 after "data changed"
 */
public record KisSettings(
        KisEnv env,
        String restUrl,
        String wsUrl,
        Secret appKey,
        Secret appSecret,
        AccountNo account,
        String htsId,
        String custType,
        TrIdSet trIdSet,
        double ratePerSecond,
        Timeouts timeouts,
        BackoffTable backoff,
        Duration tokenRefreshMargin,
        Duration approvalKeyLifetime,
        Duration tokenIssueMinInterval,
        Duration tokenIssueMaxWait,
        RetrySchedule wsReconnect,
        Path rateStateDir,
        int maxPages,
        int dataChangedRestarts) {

    /** Default budget on real: 18/s, below KIS's 20/s. */
    public static final double DEFAULT_RATE_REAL = 18.0;
    /**
     * Default budget on paper: 0.9/s. KIS documented 2/s in 2025, but a 2026-04-20 notice (REFERENCE
     * §10.1) lowered paper to 1/s; correctness first.
     */
    public static final double DEFAULT_RATE_PAPER = 0.9;

    public KisSettings {
        Objects.requireNonNull(env, "env");
        restUrl = stripTrailingSlash(requireUrl(restUrl, "restUrl", "http", "https"));
        wsUrl = requireUrl(wsUrl, "wsUrl", "ws", "wss");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        if (appKey.isBlank() || appSecret.isBlank()) {
            throw new IllegalArgumentException("app key and app secret must not be blank");
        }
        if (!appKey.reveal().equals(appKey.reveal().trim())
                || !appSecret.reveal().equals(appSecret.reveal().trim())) {
            // KIS answers EGW00103/EGW00105 for a trailing newline; fail early and clearly instead.
            throw new IllegalArgumentException("app key or app secret has leading/trailing whitespace");
        }
        Objects.requireNonNull(account, "account");
        htsId = htsId == null ? "" : htsId.trim();
        custType = custType == null || custType.isBlank() ? "P" : custType.trim();
        if (!custType.equals("P")) {
            throw new IllegalArgumentException(
                    "custtype must be P (individual); corporate accounts need headers this client does not send");
        }
        Objects.requireNonNull(trIdSet, "trIdSet");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(backoff, "backoff");
        nonNegative(tokenRefreshMargin, "tokenRefreshMargin");
        positive(approvalKeyLifetime, "approvalKeyLifetime");
        nonNegative(tokenIssueMinInterval, "tokenIssueMinInterval");
        nonNegative(tokenIssueMaxWait, "tokenIssueMaxWait");
        Objects.requireNonNull(wsReconnect, "wsReconnect");
        Objects.requireNonNull(rateStateDir, "rateStateDir");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1");
        }
        if (dataChangedRestarts < 0) {
            throw new IllegalArgumentException("dataChangedRestarts must be >= 0");
        }
    }

    /** Starts a builder with the defaults of {@code env} (hosts, rate, timeouts, backoff …). */
    public static Builder builder(KisEnv env) {
        return new Builder(env);
    }

    /** A copy with another REST/WS base (e.g. the simulator's). */
    public KisSettings withUrls(String newRestUrl, String newWsUrl) {
        return toBuilder().restUrl(newRestUrl).wsUrl(newWsUrl).build();
    }

    public Builder toBuilder() {
        return new Builder(env)
                .restUrl(restUrl)
                .wsUrl(wsUrl)
                .appKey(appKey)
                .appSecret(appSecret)
                .account(account)
                .htsId(htsId)
                .custType(custType)
                .trIdSet(trIdSet)
                .ratePerSecond(ratePerSecond)
                .timeouts(timeouts)
                .backoff(backoff)
                .tokenRefreshMargin(tokenRefreshMargin)
                .approvalKeyLifetime(approvalKeyLifetime)
                .tokenIssueMinInterval(tokenIssueMinInterval)
                .tokenIssueMaxWait(tokenIssueMaxWait)
                .wsReconnect(wsReconnect)
                .rateStateDir(rateStateDir)
                .maxPages(maxPages)
                .dataChangedRestarts(dataChangedRestarts);
    }

    /**
     * The one-way identity of the app key used for the token cache and the rate-budget file: the first
     * 16 hex digits of its SHA-256. Safe to log and to use as a metric label.
     */
    public String appKeyFingerprint() {
        return Fingerprint.of(appKey);
    }

    /** The secrets to scrub from any text that may echo a request. */
    public Secret[] credentials() {
        return new Secret[] {appKey, appSecret};
    }

    @Override
    public String toString() {
        return "KisSettings[env=" + env.key() + ", restUrl=" + restUrl + ", wsUrl=" + wsUrl
                + ", appKey=" + appKey + " (" + appKeyFingerprint() + "), appSecret=" + appSecret
                + ", account=" + account + ", htsId=" + (htsId.isEmpty() ? "" : "****")
                + ", custType=" + custType + ", trIdSet=" + trIdSet + ", ratePerSecond=" + ratePerSecond
                + ", timeouts=" + timeouts + ", maxPages=" + maxPages
                + ", dataChangedRestarts=" + dataChangedRestarts + "]";
    }

    private static String requireUrl(String url, String name, String... schemes) {
        Objects.requireNonNull(url, name);
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + url + "'", e);
        }
        String scheme = uri.getScheme();
        for (String s : schemes) {
            if (s.equalsIgnoreCase(scheme) && uri.getHost() != null) {
                return url.trim();
            }
        }
        throw new IllegalArgumentException(name + " must be a " + String.join("/", schemes) + " URL: '" + url + "'");
    }

    private static String stripTrailingSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final KisEnv env;
        private String restUrl;
        private String wsUrl;
        private Secret appKey;
        private Secret appSecret;
        private AccountNo account;
        private String htsId = "";
        private String custType = "P";
        private TrIdSet trIdSet = TrIdSet.NEW;
        private double ratePerSecond;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private BackoffTable backoff = BackoffTable.DEFAULT;
        private Duration tokenRefreshMargin = Duration.ofMinutes(10);
        private Duration approvalKeyLifetime = Duration.ofHours(23);
        private Duration tokenIssueMinInterval = Duration.ofSeconds(61);
        private Duration tokenIssueMaxWait = Duration.ofSeconds(75);
        private RetrySchedule wsReconnect =
                new RetrySchedule(Duration.ofSeconds(1), 2.0, Integer.MAX_VALUE, Duration.ofSeconds(30));
        private Path rateStateDir = Path.of(System.getProperty("java.io.tmpdir"), "execctl");
        private int maxPages = 50;
        private int dataChangedRestarts = 3;

        private Builder(KisEnv env) {
            this.env = Objects.requireNonNull(env, "env");
            this.restUrl = env.defaultRestUrl();
            this.wsUrl = env.defaultWsUrl();
            this.ratePerSecond = env == KisEnv.REAL ? DEFAULT_RATE_REAL : DEFAULT_RATE_PAPER;
        }

        public Builder restUrl(String v) {
            this.restUrl = v;
            return this;
        }

        public Builder wsUrl(String v) {
            this.wsUrl = v;
            return this;
        }

        public Builder appKey(Secret v) {
            this.appKey = v;
            return this;
        }

        public Builder appSecret(Secret v) {
            this.appSecret = v;
            return this;
        }

        public Builder account(AccountNo v) {
            this.account = v;
            return this;
        }

        public Builder htsId(String v) {
            this.htsId = v;
            return this;
        }

        public Builder custType(String v) {
            this.custType = v;
            return this;
        }

        public Builder trIdSet(TrIdSet v) {
            this.trIdSet = v;
            return this;
        }

        public Builder ratePerSecond(double v) {
            this.ratePerSecond = v;
            return this;
        }

        public Builder timeouts(Timeouts v) {
            this.timeouts = v;
            return this;
        }

        public Builder backoff(BackoffTable v) {
            this.backoff = v;
            return this;
        }

        public Builder tokenRefreshMargin(Duration v) {
            this.tokenRefreshMargin = v;
            return this;
        }

        public Builder approvalKeyLifetime(Duration v) {
            this.approvalKeyLifetime = v;
            return this;
        }

        public Builder tokenIssueMinInterval(Duration v) {
            this.tokenIssueMinInterval = v;
            return this;
        }

        public Builder tokenIssueMaxWait(Duration v) {
            this.tokenIssueMaxWait = v;
            return this;
        }

        public Builder wsReconnect(RetrySchedule v) {
            this.wsReconnect = v;
            return this;
        }

        public Builder rateStateDir(Path v) {
            this.rateStateDir = v;
            return this;
        }

        public Builder maxPages(int v) {
            this.maxPages = v;
            return this;
        }

        public Builder dataChangedRestarts(int v) {
            this.dataChangedRestarts = v;
            return this;
        }

        public KisSettings build() {
            return new KisSettings(
                    env,
                    restUrl,
                    wsUrl,
                    appKey,
                    appSecret,
                    account,
                    htsId,
                    custType,
                    trIdSet,
                    ratePerSecond,
                    timeouts,
                    backoff,
                    tokenRefreshMargin,
                    approvalKeyLifetime,
                    tokenIssueMinInterval,
                    tokenIssueMaxWait,
                    wsReconnect,
                    rateStateDir,
                    maxPages,
                    dataChangedRestarts);
        }
    }
}
