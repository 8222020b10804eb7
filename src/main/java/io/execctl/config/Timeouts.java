package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP timeouts of the REST client. {@code call} bounds the whole exchange, so a slow drip of bytes
 * cannot hold an order thread forever. A bad value names its setting key ({@link ConfigException}).
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {

    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    public Timeouts {
        positive(connect, Setting.KIS_CONNECT_TIMEOUT_MS);
        positive(read, Setting.KIS_READ_TIMEOUT_MS);
        positive(write, Setting.KIS_WRITE_TIMEOUT_MS);
        positive(call, Setting.KIS_CALL_TIMEOUT_MS);
    }

    private static void positive(Duration d, Setting key) {
        Objects.requireNonNull(d, key.key());
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "timeout must be positive");
        }
    }
}
