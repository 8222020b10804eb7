package io.execctl.config;

import io.execctl.domain.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A one-way, log-safe identity of an app key: the first 16 hex digits of its SHA-256. Used as the
 * token-cache key and the rate-budget file name, so the key itself is never stored or shown.
 */
public final class Fingerprint {
    private Fingerprint() {}

    public static String of(Secret appKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(appKey.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
