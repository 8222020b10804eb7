package io.execctl.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Value parsers that turn a bad value into a {@link ConfigException} naming the key. A secret's value
 * (and a URL's, which may carry credentials) is never repeated in the message.
 */
final class Parse {
    private Parse() {}

    static long integer(Setting s, String raw, long min, long max) {
        long v;
        try {
            v = Long.parseLong(raw.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(s, "must be a whole number" + shown(s, raw));
        }
        if (v < min || v > max) {
            throw new ConfigException(s, "must be between " + min + " and " + max + shown(s, raw));
        }
        return v;
    }

    static Duration seconds(Setting s, String raw, long min, long max) {
        return Duration.ofSeconds(integer(s, raw, min, max));
    }

    static Duration millis(Setting s, String raw, long min, long max) {
        return Duration.ofMillis(integer(s, raw, min, max));
    }

    static BigDecimal decimal(Setting s, String raw) {
        try {
            return new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(s, "must be a decimal number such as 1.8" + shown(s, raw));
        }
    }

    static boolean bool(Setting s, String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(s, "must be true or false" + shown(s, raw));
        };
    }

    /**
     * An absolute URL with one of the given schemes and a host, without user info, query or fragment;
     * the trailing slash is dropped so that clients can append paths.
     */
    static URI url(Setting s, String raw, Set<String> schemes) {
        URI u;
        try {
            u = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(s, "is not a valid URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new ConfigException(
                    s,
                    "must be a URL starting with "
                            + String.join(":// or ", schemes.stream().sorted().toList()) + "://");
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            throw new ConfigException(s, "must name a host");
        }
        if (u.getRawUserInfo() != null) {
            throw new ConfigException(
                    s, "must not contain user information (credentials belong in their own settings)");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new ConfigException(s, "must not have a query or fragment");
        }
        String text = u.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static String shown(Setting s, String raw) {
        if (s.secret()) {
            return "";
        }
        String v = raw.strip();
        if (v.length() > 40) {
            v = v.substring(0, 40) + "…";
        }
        return ", got '" + v.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static String shownValue(Setting s, String raw) {
        return shown(s, raw);
    }
}
