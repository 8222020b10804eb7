package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.Secret;
import java.util.Objects;

/**
 * The three things every KIS call needs; each masks itself in {@link #toString()}. The format rules of
 * the app key and secret are here once: {@link Config} applies them to a value as soon as it is read
 * (even when no command needs it yet), the constructor to every value however it was built.
 */
public record KisCredentials(Secret appKey, Secret appSecret, AccountNo account) {
    static final int MAX_APP_KEY = 256;
    static final int MAX_APP_SECRET = 1024;

    public KisCredentials {
        checkToken(Setting.KIS_APP_KEY, Objects.requireNonNull(appKey, "appKey"), MAX_APP_KEY);
        checkToken(Setting.KIS_APP_SECRET, Objects.requireNonNull(appSecret, "appSecret"), MAX_APP_SECRET);
        Objects.requireNonNull(account, "account");
    }

    static Secret appKey(String raw) {
        return checkToken(Setting.KIS_APP_KEY, Secret.of(raw), MAX_APP_KEY);
    }

    static Secret appSecret(String raw) {
        return checkToken(Setting.KIS_APP_SECRET, Secret.of(raw), MAX_APP_SECRET);
    }

    /**
     * Printable ASCII without spaces: KIS answers EGW00103/EGW00105 for a stray quote or trailing
     * newline, so fail early and clearly instead. The message never repeats the value.
     */
    private static Secret checkToken(Setting key, Secret value, int maxLength) {
        String v = value.reveal();
        if (v.isEmpty()) {
            throw new ConfigException(key, "must not be blank");
        }
        if (v.length() > maxLength) {
            throw new ConfigException(key, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new ConfigException(
                        key,
                        "must be printable ASCII without spaces or other whitespace (check for a stray quote or newline)");
            }
        }
        return value;
    }
}
