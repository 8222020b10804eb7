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

    static BigDecimal positiveDecimal(Setting s, String raw, BigDecimal max) {
        BigDecimal v;
        try {
            v = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(s, "must be a decimal number such as 1.8" + shown(s, raw));
        }
        if (v.signum() <= 0 || v.compareTo(max) > 0) {
            throw new ConfigException(s, "must be greater than 0 and at most " + max.toPlainString() + shown(s, raw));
        }
        return v;
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

    /** A token such as an app key: printable ASCII without spaces. */
    static String token(Setting s, String raw, int maxLength) {
        String v = raw.strip();
        if (v.length() > maxLength) {
            throw new ConfigException(s, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new ConfigException(
                        s, "must be printable ASCII without spaces (check for a stray quote or newline)");
            }
        }
        return v;
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
