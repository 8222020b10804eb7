package io.execctl.kis.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A credential KIS issued, as cached: an access token ({@code kind = ACCESS}) or a WebSocket
 * approval key ({@code kind = APPROVAL}), per environment and app key. The app key itself is never
 * stored; {@code appKeyFingerprint} is a one-way hash of it.
 *
 * <p>{@link #toString()} masks the value.
 */
public record CachedToken(
        String env, String appKeyFingerprint, Kind kind, String value, Instant issuedAt, Instant expiresAt) {

    /** What the cached value is. */
    public enum Kind {
        ACCESS,
        APPROVAL
    }

    public CachedToken {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(appKeyFingerprint, "appKeyFingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean validAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "CachedToken[" + env + "/" + appKeyFingerprint + "/" + kind + ", issued " + issuedAt + ", expires "
                + expiresAt + "]";
    }
}
