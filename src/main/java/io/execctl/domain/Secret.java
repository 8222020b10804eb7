package io.execctl.domain;

import java.util.Objects;

/**
 * A credential (app key, app secret, token, approval key). {@link #toString()} never shows the value,
 * so a secret cannot reach a log line, an exception message or a metric by string concatenation;
 * {@link #reveal()} is called only where the value goes to KIS or to the token table.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** A masked hint: the length only, e.g. {@code ****(36)}. */
    @Override
    public String toString() {
        return "****(" + value.length() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Removes every occurrence of the given secrets from a text (for raw payloads and exception
     * messages that echo a request).
     */
    public static String scrub(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null && s.value.length() >= 4) {
                out = out.replace(s.value, "****");
            }
        }
        return out;
    }
}
