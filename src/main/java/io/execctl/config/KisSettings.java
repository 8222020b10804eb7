package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The broker side: environment, credentials (optional here, demanded by {@link Config#require}),
 * endpoints, TR id generation and the request budget.
 *
 * <p>An endpoint that is KIS's own host of the <em>other</em> environment is refused: paper settings
 * pointed at the real-trading host (or the reverse) is a mistake with real money on one side.
 */
public record KisSettings(
        KisEnv env,
        Optional<Secret> appKey,
        Optional<Secret> appSecret,
        Optional<AccountNo> account,
        Optional<String> htsId,
        URI restUrl,
        URI wsUrl,
        TrIdSet trIdSet,
        BigDecimal ratePerSecond) {

    /** Default budget on real: below KIS's 20/s, leaving room for other tools. */
    public static final BigDecimal DEFAULT_RATE_REAL = new BigDecimal("18");
    /**
     * Default budget on paper: below 1/s. KIS published 2/s for paper in 2025, but a 2026-04-20 notice
     * (REFERENCE §10) lowered it to 1/s; the newer fact wins over the older figure.
     */
    public static final BigDecimal DEFAULT_RATE_PAPER = new BigDecimal("0.9");

    static final BigDecimal MAX_RATE = new BigDecimal("1000");
    private static final Pattern HTS_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    public KisSettings {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(trIdSet, "trIdSet");
        Objects.requireNonNull(ratePerSecond, "ratePerSecond");
        KisEnv other = env == KisEnv.REAL ? KisEnv.PAPER : KisEnv.REAL;
        if (sameEndpoint(restUrl, URI.create(other.defaultRestUrl()))) {
            throw new ConfigException(
                    Setting.KIS_REST_URL, "is the " + other.key() + " host but KIS_ENV is " + env.key());
        }
        if (sameEndpoint(wsUrl, URI.create(other.defaultWsUrl()))) {
            throw new ConfigException(
                    Setting.KIS_WS_URL, "is the " + other.key() + " host but KIS_ENV is " + env.key());
        }
    }

    static KisSettings parse(ConfigSources src) {
        KisEnv env = src.value(Setting.KIS_ENV)
                .map(v -> KisEnv.parse(v)
                        .orElseThrow(() -> new ConfigException(
                                Setting.KIS_ENV, "must be real or paper" + Parse.shownValue(Setting.KIS_ENV, v))))
                .orElse(KisEnv.PAPER);
        Optional<Secret> appKey =
                src.value(Setting.KIS_APP_KEY).map(v -> Secret.of(Parse.token(Setting.KIS_APP_KEY, v, 256)));
        Optional<Secret> appSecret =
                src.value(Setting.KIS_APP_SECRET).map(v -> Secret.of(Parse.token(Setting.KIS_APP_SECRET, v, 1024)));
        Optional<AccountNo> account = src.value(Setting.KIS_ACCOUNT).map(v -> {
            try {
                return AccountNo.parse(v);
            } catch (IllegalArgumentException e) {
                // AccountNo's messages never repeat the input.
                throw new ConfigException(Setting.KIS_ACCOUNT, e.getMessage());
            }
        });
        Optional<String> htsId = src.value(Setting.KIS_HTS_ID).map(v -> {
            if (!HTS_ID.matcher(v).matches()) {
                throw new ConfigException(Setting.KIS_HTS_ID, "must be 1-32 letters, digits, '_', '.' or '-'");
            }
            return v;
        });
        URI rest = src.value(Setting.KIS_REST_URL)
                .map(v -> Parse.url(Setting.KIS_REST_URL, v, Set.of("http", "https")))
                .orElse(URI.create(env.defaultRestUrl()));
        URI ws = src.value(Setting.KIS_WS_URL)
                .map(v -> Parse.url(Setting.KIS_WS_URL, v, Set.of("ws", "wss")))
                .orElse(URI.create(env.defaultWsUrl()));
        TrIdSet trIds = src.value(Setting.KIS_TR_ID_SET)
                .map(v -> TrIdSet.parse(v)
                        .orElseThrow(() -> new ConfigException(
                                Setting.KIS_TR_ID_SET,
                                "must be new or old" + Parse.shownValue(Setting.KIS_TR_ID_SET, v))))
                .orElse(TrIdSet.NEW);
        BigDecimal rate = src.value(Setting.KIS_RATE_PER_SEC)
                .map(v -> Parse.positiveDecimal(Setting.KIS_RATE_PER_SEC, v, MAX_RATE))
                .orElse(env == KisEnv.REAL ? DEFAULT_RATE_REAL : DEFAULT_RATE_PAPER);
        return new KisSettings(env, appKey, appSecret, account, htsId, rest, ws, trIds, rate);
    }

    /** Requests per second as a double, for rate limiters. */
    public double ratePerSecondAsDouble() {
        return ratePerSecond.doubleValue();
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

    /** The HTS id is a login name: shown as its first two characters only. */
    static String maskId(String id) {
        return (id.length() > 4 ? id.substring(0, 2) : "") + "****";
    }

    @Override
    public String toString() {
        return "KisSettings[env=" + env.key() + ", appKey="
                + appKey.map(Secret::toString).orElse("(unset)")
                + ", appSecret=" + appSecret.map(Secret::toString).orElse("(unset)")
                + ", account=" + account.map(AccountNo::toString).orElse("(unset)")
                + ", htsId=" + htsId.map(KisSettings::maskId).orElse("(unset)") + ", restUrl=" + restUrl + ", wsUrl="
                + wsUrl
                + ", trIdSet=" + trIdSet.key() + ", ratePerSecond=" + ratePerSecond.toPlainString() + "]";
    }
}
