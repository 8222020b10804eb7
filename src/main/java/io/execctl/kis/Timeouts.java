package io.execctl.kis;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP timeouts of the REST client. {@code call} bounds the whole exchange, so a slow drip of bytes
 * cannot hold an order thread forever.
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {

    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    public Timeouts {
        positive(connect, "connect");
        positive(read, "read");
        positive(write, "write");
        positive(call, "call");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " timeout");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive");
        }
    }
}
