package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code KIS_*} keys of a {@link Config}: the validated {@link KisOptions} plus the credentials and
 * HTS id, each optional until a command requires it. Text → value only; every rule and default is in
 * {@link KisSettings}, {@link KisOptions} and the value records they hold.
 */
record KisSection(
        KisOptions options,
        Optional<Secret> appKey,
        Optional<Secret> appSecret,
        Optional<AccountNo> account,
        Optional<String> htsId) {

    private static final long MAX_MS = 86_400_000L;
    private static final long MAX_S = 7L * 86_400;

    static KisSection parse(ConfigSources src) {
        KisEnv env = src.value(Setting.KIS_ENV)
                .map(v -> KisEnv.parse(v)
                        .orElseThrow(() -> new ConfigException(
                                Setting.KIS_ENV, "must be real or paper" + Parse.shownValue(Setting.KIS_ENV, v))))
                .orElse(KisEnv.PAPER);
        Optional<Secret> appKey = src.value(Setting.KIS_APP_KEY).map(KisCredentials::appKey);
        Optional<Secret> appSecret = src.value(Setting.KIS_APP_SECRET).map(KisCredentials::appSecret);
        Optional<AccountNo> account = src.value(Setting.KIS_ACCOUNT).map(v -> {
            try {
                return AccountNo.parse(v);
            } catch (IllegalArgumentException e) {
                // AccountNo's messages never repeat the input.
                throw new ConfigException(Setting.KIS_ACCOUNT, e.getMessage());
            }
        });
        Optional<String> htsId = src.value(Setting.KIS_HTS_ID).map(KisSettings::checkHtsId);

        KisSettings.Builder b = KisSettings.builder(env);
        KisOptions defaults = b.buildOptions();
        src.value(Setting.KIS_REST_URL).ifPresent(b::restUrl);
        src.value(Setting.KIS_WS_URL).ifPresent(b::wsUrl);
        src.value(Setting.KIS_TR_ID_SET)
                .ifPresent(v -> b.trIdSet(TrIdSet.parse(v)
                        .orElseThrow(() -> new ConfigException(
                                Setting.KIS_TR_ID_SET,
                                "must be new or old" + Parse.shownValue(Setting.KIS_TR_ID_SET, v)))));
        src.value(Setting.KIS_RATE_PER_SEC)
                .ifPresent(v -> b.ratePerSecond(
                        Parse.decimal(Setting.KIS_RATE_PER_SEC, v).doubleValue()));

        Timeouts t = defaults.timeouts();
        b.timeouts(new Timeouts(
                millis(src, Setting.KIS_CONNECT_TIMEOUT_MS, t.connect()),
                millis(src, Setting.KIS_READ_TIMEOUT_MS, t.read()),
                millis(src, Setting.KIS_WRITE_TIMEOUT_MS, t.write()),
                millis(src, Setting.KIS_CALL_TIMEOUT_MS, t.call())));
        BackoffTable bt = defaults.backoff();
        b.backoff(new BackoffTable(
                schedule(src, Setting.KIS_BACKOFF_RATE_LIMITED, bt.rateLimited()),
                schedule(src, Setting.KIS_BACKOFF_SERVER_ERROR, bt.serverError()),
                schedule(src, Setting.KIS_BACKOFF_TIMEOUT, bt.timeout()),
                schedule(src, Setting.KIS_BACKOFF_CONNECT, bt.connect()),
                src.value(Setting.KIS_BACKOFF_JITTER)
                        .map(v -> Parse.decimal(Setting.KIS_BACKOFF_JITTER, v).doubleValue())
                        .orElse(bt.jitter())));
        b.tokenRefreshMargin(seconds(src, Setting.KIS_TOKEN_REFRESH_MARGIN_S, defaults.tokenRefreshMargin()));
        b.approvalKeyLifetime(seconds(src, Setting.KIS_APPROVAL_KEY_LIFETIME_S, defaults.approvalKeyLifetime()));
        b.tokenIssueMinInterval(seconds(src, Setting.KIS_TOKEN_ISSUE_INTERVAL_S, defaults.tokenIssueMinInterval()));
        b.tokenIssueMaxWait(seconds(src, Setting.KIS_TOKEN_ISSUE_MAX_WAIT_S, defaults.tokenIssueMaxWait()));
        b.maxPages(count(src, Setting.KIS_MAX_PAGES, defaults.maxPages()));
        b.dataChangedRestarts(count(src, Setting.KIS_DATA_CHANGED_RESTARTS, defaults.dataChangedRestarts()));
        b.notices(notices(src, defaults.notices()));
        return new KisSection(b.buildOptions(), appKey, appSecret, account, htsId);
    }

    private static NoticeSettings notices(ConfigSources src, NoticeSettings d) {
        ReconnectPolicy r = d.reconnect();
        ReconnectPolicy reconnect;
        try {
            reconnect = new ReconnectPolicy(
                    millis(src, Setting.KIS_WS_RECONNECT_BASE_MS, r.base()),
                    seconds(src, Setting.KIS_WS_RECONNECT_CAP_S, r.cap()),
                    millis(src, Setting.KIS_WS_RECONNECT_FLOOR_MS, r.floor()),
                    seconds(src, Setting.KIS_WS_STABLE_AFTER_S, r.stableAfter()),
                    seconds(src, Setting.KIS_WS_IN_USE_DELAY_S, r.inUseDelay()),
                    seconds(src, Setting.KIS_WS_IN_USE_CAP_S, r.inUseCap()));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A rule between two of the six values: name the family.
            throw new ConfigException("KIS_WS_RECONNECT_*/KIS_WS_IN_USE_*", e.getMessage());
        }
        boolean tryitout = src.value(Setting.KIS_WS_TRYITOUT)
                .map(v -> Parse.bool(Setting.KIS_WS_TRYITOUT, v))
                .orElse(d.tryitoutPath());
        return new NoticeSettings(
                seconds(src, Setting.KIS_WS_PING_INTERVAL_S, d.pingInterval()),
                count(src, Setting.KIS_WS_DEAD_AFTER_PINGS, d.deadAfterPings()),
                seconds(src, Setting.KIS_WS_CONNECT_TIMEOUT_S, d.connectTimeout()),
                tryitout,
                reconnect);
    }

    private static Duration millis(ConfigSources src, Setting s, Duration def) {
        return src.value(s).map(v -> Parse.millis(s, v, 0, MAX_MS)).orElse(def);
    }

    private static Duration seconds(ConfigSources src, Setting s, Duration def) {
        return src.value(s).map(v -> Parse.seconds(s, v, 0, MAX_S)).orElse(def);
    }

    private static int count(ConfigSources src, Setting s, int def) {
        return src.value(s)
                .map(v -> (int) Parse.integer(s, v, 0, Integer.MAX_VALUE))
                .orElse(def);
    }

    private static RetrySchedule schedule(ConfigSources src, Setting s, RetrySchedule def) {
        return src.value(s).map(v -> RetrySchedule.parse(s, v)).orElse(def);
    }

    /**
     * The effective value of a {@code KIS_*} key as {@code execctl config} shows it (secrets masked);
     * empty for a key this section does not own (the caller shows it).
     */
    Optional<String> valueText(Setting s) {
        return Optional.ofNullable(text(s));
    }

    private String text(Setting s) {
        KisOptions o = options;
        NoticeSettings n = o.notices();
        return switch (s) {
            case KIS_ENV -> o.env().key();
            case KIS_APP_KEY -> appKey.map(Secret::toString).orElse("(unset)");
            case KIS_APP_SECRET -> appSecret.map(Secret::toString).orElse("(unset)");
            case KIS_ACCOUNT -> account.map(AccountNo::toString).orElse("(unset)");
            case KIS_HTS_ID -> htsId.map(KisSection::maskId).orElse("(unset)");
            case KIS_REST_URL -> o.restUrl();
            case KIS_WS_URL -> o.wsUrl();
            case KIS_TR_ID_SET -> o.trIdSet().key();
            case KIS_RATE_PER_SEC -> o.ratePerSecondText();
            case KIS_CONNECT_TIMEOUT_MS -> ms(o.timeouts().connect());
            case KIS_READ_TIMEOUT_MS -> ms(o.timeouts().read());
            case KIS_WRITE_TIMEOUT_MS -> ms(o.timeouts().write());
            case KIS_CALL_TIMEOUT_MS -> ms(o.timeouts().call());
            case KIS_BACKOFF_RATE_LIMITED -> o.backoff().rateLimited().spec();
            case KIS_BACKOFF_SERVER_ERROR -> o.backoff().serverError().spec();
            case KIS_BACKOFF_TIMEOUT -> o.backoff().timeout().spec();
            case KIS_BACKOFF_CONNECT -> o.backoff().connect().spec();
            case KIS_BACKOFF_JITTER ->
                BigDecimal.valueOf(o.backoff().jitter()).stripTrailingZeros().toPlainString();
            case KIS_TOKEN_REFRESH_MARGIN_S -> s(o.tokenRefreshMargin());
            case KIS_APPROVAL_KEY_LIFETIME_S -> s(o.approvalKeyLifetime());
            case KIS_TOKEN_ISSUE_INTERVAL_S -> s(o.tokenIssueMinInterval());
            case KIS_TOKEN_ISSUE_MAX_WAIT_S -> s(o.tokenIssueMaxWait());
            case KIS_MAX_PAGES -> Integer.toString(o.maxPages());
            case KIS_DATA_CHANGED_RESTARTS -> Integer.toString(o.dataChangedRestarts());
            case KIS_WS_PING_INTERVAL_S -> s(n.pingInterval());
            case KIS_WS_DEAD_AFTER_PINGS -> Integer.toString(n.deadAfterPings());
            case KIS_WS_CONNECT_TIMEOUT_S -> s(n.connectTimeout());
            case KIS_WS_TRYITOUT -> Boolean.toString(n.tryitoutPath());
            case KIS_WS_RECONNECT_BASE_MS -> ms(n.reconnect().base());
            case KIS_WS_RECONNECT_CAP_S -> s(n.reconnect().cap());
            case KIS_WS_RECONNECT_FLOOR_MS -> ms(n.reconnect().floor());
            case KIS_WS_STABLE_AFTER_S -> s(n.reconnect().stableAfter());
            case KIS_WS_IN_USE_DELAY_S -> s(n.reconnect().inUseDelay());
            case KIS_WS_IN_USE_CAP_S -> s(n.reconnect().inUseCap());
            default -> null;
        };
    }

    private static String ms(Duration d) {
        return Long.toString(d.toMillis());
    }

    private static String s(Duration d) {
        return Long.toString(d.toSeconds());
    }

    /** The HTS id is a login name: shown as its first two characters only. */
    static String maskId(String id) {
        return (id.length() > 4 ? id.substring(0, 2) : "") + "****";
    }

    @Override
    public String toString() {
        return options + ", appKey=" + appKey.map(Secret::toString).orElse("(unset)") + ", appSecret="
                + appSecret.map(Secret::toString).orElse("(unset)") + ", account="
                + account.map(AccountNo::toString).orElse("(unset)") + ", htsId="
                + htsId.map(KisSection::maskId).orElse("(unset)");
    }
}
