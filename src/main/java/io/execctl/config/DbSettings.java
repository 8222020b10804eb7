package io.execctl.config;

import io.execctl.domain.Secret;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the database is: a server named by {@code EXECCTL_DB_URL}, or — when that is unset — the
 * embedded PostgreSQL under the data directory. User and password only make sense with a URL.
 */
public record DbSettings(Optional<String> url, Optional<String> user, Optional<Secret> password) {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

    public DbSettings {
        if (url.isEmpty() && (user.isPresent() || password.isPresent())) {
            throw new ConfigException(
                    user.isPresent() ? Setting.DB_USER : Setting.DB_PASSWORD,
                    "is set but " + Setting.DB_URL.key() + " is not (the embedded database takes no credentials)");
        }
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:") || u.length() <= "jdbc:postgresql:".length()) {
                throw new ConfigException(
                        Setting.DB_URL,
                        "must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/execctl");
            }
            if (u.chars().anyMatch(c -> c <= ' ')) {
                throw new ConfigException(Setting.DB_URL, "must not contain spaces or control characters");
            }
        });
    }

    static DbSettings parse(ConfigSources src) {
        Optional<String> url = src.value(Setting.DB_URL);
        Optional<String> user = src.value(Setting.DB_USER);
        Optional<Secret> password = src.value(Setting.DB_PASSWORD).map(Secret::of);
        return new DbSettings(url, user, password);
    }

    /** True when no server is configured and the embedded PostgreSQL is used. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** The URL with any {@code password=} parameter masked, for messages. */
    public Optional<String> safeUrl() {
        return url.map(DbSettings::maskUrl);
    }

    static String maskUrl(String url) {
        return PASSWORD_PARAM.matcher(url).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "DbSettings[url=" + safeUrl().orElse("(embedded)") + ", user=" + user.orElse("(default)") + ", password="
                + password.map(Secret::toString).orElse("(none)") + "]";
    }
}
