package io.execctl.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The KIS environment: real trading (실전) or paper trading (모의). They have separate hosts, app
 * keys, accounts and tokens, and different TR ids ({@code T…} vs {@code V…}).
 */
public enum KisEnv {
    REAL("https://openapi.koreainvestment.com:9443", "ws://ops.koreainvestment.com:21000"),
    PAPER("https://openapivts.koreainvestment.com:29443", "ws://ops.koreainvestment.com:31000");

    private final String defaultRestUrl;
    private final String defaultWsUrl;

    KisEnv(String defaultRestUrl, String defaultWsUrl) {
        this.defaultRestUrl = defaultRestUrl;
        this.defaultWsUrl = defaultWsUrl;
    }

    public String defaultRestUrl() {
        return defaultRestUrl;
    }

    public String defaultWsUrl() {
        return defaultWsUrl;
    }

    /** The configuration spelling: {@code real} or {@code paper}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KisEnv> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "real", "prod" -> Optional.of(REAL);
            case "paper", "vps", "demo" -> Optional.of(PAPER);
            default -> Optional.empty();
        };
    }
}
