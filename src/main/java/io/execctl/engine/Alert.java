package io.execctl.engine;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something an operator should look at. {@code code} is a stable UPPER_SNAKE name that alert
 * routing and counters key on; {@code message} is one line for a human and must hold no secrets.
 */
public record Alert(Severity severity, String code, String message) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** How urgent. */
    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public Alert {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("alert code must be UPPER_SNAKE: '" + code + "'");
        }
        if (message.contains("\n")) {
            throw new IllegalArgumentException("an alert message is one line");
        }
    }
}
