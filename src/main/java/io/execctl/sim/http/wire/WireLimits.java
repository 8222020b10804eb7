package io.execctl.sim.http.wire;

import java.time.Duration;

/**
 * What one connection may cost the simulator: a client that sends too much, too slowly or holds a
 * connection idle is cut off so that a broken or hostile client cannot stop the simulator serving others.
 *
 * @param maxHeadBytes   request line plus headers
 * @param maxBodyBytes   body after de-chunking
 * @param headTimeout    the whole head must arrive within this after its first byte (slowloris)
 * @param bodyTimeout    the whole body must arrive within this after the head
 * @param idleTimeout    a keep-alive connection with no new request is closed after this
 * @param maxConnections connections served at once (one thread each); more are answered 503 and closed
 */
public record WireLimits(
        int maxHeadBytes,
        int maxBodyBytes,
        Duration headTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        int maxConnections) {

    public WireLimits {
        if (maxHeadBytes < 256 || maxBodyBytes < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("limits too small");
        }
        if (headTimeout.isNegative() || headTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
    }

    /** 16 KiB head, 1 MiB body, 10 s head, 30 s body, 30 s idle (as the JDK server), 256 connections. */
    public static WireLimits defaults() {
        return new WireLimits(
                16 * 1024, 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 256);
    }
}
