package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the KIS client needs, immutable: the one settings model. {@link Config} produces it
 * ({@link Config#kisSettings()}); tests build it with {@link #builder(KisEnv)}. It is the
 * {@link KisOptions} (validated when the configuration loads) plus the credentials and the HTS id;
 * the accessors of both are flat here so the client reads {@code settings.maxPages()}. Real KIS or the
 * simulator is chosen by {@link #restUrl()}/{@link #wsUrl()} alone.
 *
 * <p>{@link #toString()} masks the app key, app secret, account number and HTS id.
 *
 * @param options     everything except the identity
 * @param credentials app key, app secret and account
 * @param htsId       HTS id: the {@code tr_key} of the execution-notice subscription ("" for REST-only use)
 */
public record KisSettings(KisOptions options, KisCredentials credentials, String htsId) {

    /** Default budget on real: 18/s, below KIS's 20/s. */
    public static final double DEFAULT_RATE_REAL = 18.0;
    /**
     * Default budget on paper: 0.9/s. KIS documented 2/s in 2025, but a 2026-04-20 notice (REFERENCE
     * §10.1) lowered paper to 1/s; the newer fact wins over the older figure.
     */
    public static final double DEFAULT_RATE_PAPER = 0.9;

    private static final Pattern HTS_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    public KisSettings {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(credentials, "credentials");
        htsId = htsId == null ? "" : htsId.strip();
        if (!htsId.isEmpty()) {
            checkHtsId(htsId);
        }
    }

    /** The HTS id rule: 1–32 letters, digits, '_', '.' or '-' (the value is never repeated). */
    static String checkHtsId(String id) {
        if (!HTS_ID.matcher(id).matches()) {
            throw new ConfigException(Setting.KIS_HTS_ID, "must be 1-32 letters, digits, '_', '.' or '-'");
        }
        return id;
    }

    /** The default request budget of an environment. */
    public static double defaultRate(KisEnv env) {
        return env == KisEnv.REAL ? DEFAULT_RATE_REAL : DEFAULT_RATE_PAPER;
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
        Builder b = new Builder(options.env()).options(options).htsId(htsId);
        return b.appKey(appKey()).appSecret(appSecret()).account(account());
    }

    public KisEnv env() {
        return options.env();
    }

    public String restUrl() {
        return options.restUrl();
    }

    public String wsUrl() {
        return options.wsUrl();
    }

    public Secret appKey() {
        return credentials.appKey();
    }

    public Secret appSecret() {
        return credentials.appSecret();
    }

    public AccountNo account() {
        return credentials.account();
    }

    public String custType() {
        return options.custType();
    }

    public TrIdSet trIdSet() {
        return options.trIdSet();
    }

    public double ratePerSecond() {
        return options.ratePerSecond();
    }

    public Timeouts timeouts() {
        return options.timeouts();
    }

    public BackoffTable backoff() {
        return options.backoff();
    }

    public Duration tokenRefreshMargin() {
        return options.tokenRefreshMargin();
    }

    public Duration approvalKeyLifetime() {
        return options.approvalKeyLifetime();
    }

    public Duration tokenIssueMinInterval() {
        return options.tokenIssueMinInterval();
    }

    public Duration tokenIssueMaxWait() {
        return options.tokenIssueMaxWait();
    }

    public Path rateStateDir() {
        return options.rateStateDir();
    }

    public int maxPages() {
        return options.maxPages();
    }

    public int dataChangedRestarts() {
        return options.dataChangedRestarts();
    }

    public NoticeSettings notices() {
        return options.notices();
    }

    /**
     * The one-way identity of the app key used for the token cache and the rate-budget file: the first
     * 16 hex digits of its SHA-256. Safe to log and to use as a metric label.
     */
    public String appKeyFingerprint() {
        return Fingerprint.of(appKey());
    }

    @Override
    public String toString() {
        return "KisSettings[" + options + ", appKey=" + appKey() + " (" + appKeyFingerprint() + "), appSecret="
                + appSecret() + ", account=" + account() + ", htsId=" + (htsId.isEmpty() ? "" : "****") + "]";
    }

    /**
     * Mutable builder; the field initialisers are the defaults of every client setting (the only
     * place they are written). {@link #build()} and {@link #buildOptions()} validate.
     */
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
        private Path rateStateDir = Path.of(System.getProperty("java.io.tmpdir"), "execctl");
        private int maxPages = 50;
        private int dataChangedRestarts = 3;
        private NoticeSettings notices = NoticeSettings.DEFAULT;

        private Builder(KisEnv env) {
            this.env = Objects.requireNonNull(env, "env");
            this.restUrl = env.defaultRestUrl();
            this.wsUrl = env.defaultWsUrl();
            this.ratePerSecond = defaultRate(env);
        }

        /** Takes every option of {@code o} (its environment must be this builder's). */
        public Builder options(KisOptions o) {
            if (o.env() != env) {
                throw new IllegalArgumentException(
                        "options of " + o.env().key() + " given to a " + env.key() + " builder");
            }
            restUrl = o.restUrl();
            wsUrl = o.wsUrl();
            custType = o.custType();
            trIdSet = o.trIdSet();
            ratePerSecond = o.ratePerSecond();
            timeouts = o.timeouts();
            backoff = o.backoff();
            tokenRefreshMargin = o.tokenRefreshMargin();
            approvalKeyLifetime = o.approvalKeyLifetime();
            tokenIssueMinInterval = o.tokenIssueMinInterval();
            tokenIssueMaxWait = o.tokenIssueMaxWait();
            rateStateDir = o.rateStateDir();
            maxPages = o.maxPages();
            dataChangedRestarts = o.dataChangedRestarts();
            notices = o.notices();
            return this;
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

        public Builder notices(NoticeSettings v) {
            this.notices = v;
            return this;
        }

        /** The options alone (no credentials needed): what {@link Config} validates at load. */
        public KisOptions buildOptions() {
            return new KisOptions(
                    env,
                    restUrl,
                    wsUrl,
                    custType,
                    trIdSet,
                    ratePerSecond,
                    timeouts,
                    backoff,
                    tokenRefreshMargin,
                    approvalKeyLifetime,
                    tokenIssueMinInterval,
                    tokenIssueMaxWait,
                    rateStateDir,
                    maxPages,
                    dataChangedRestarts,
                    notices);
        }

        public KisSettings build() {
            return new KisSettings(buildOptions(), new KisCredentials(appKey, appSecret, account), htsId);
        }
    }
}
