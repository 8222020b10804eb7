package io.execctl.sim.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the simulated notice WebSocket server.
 *
 * @param host               address to bind (default {@code 127.0.0.1})
 * @param port               0 = pick a free port
 * @param paper              paper environment ({@code H0STCNI9}) instead of real ({@code H0STCNI0})
 * @param htsId              the HTS id whose notices are delivered ({@code tr_key} of the notice TR)
 * @param pingInterval       how often {@code PINGPONG} is sent; a session that did not echo the previous one is closed
 * @param layout23           send the 23-field record layout paper sends instead of real's 26-field one
 * @param maxSubscriptions   registrations per session (KIS: 41; the 42nd gets OPSP0008)
 * @param seed               seed of the fault dice and of the per-subscription AES key/iv
 * @param queueCapacity      frames waiting for one session's writer; a session whose queue overflows is
 *                           closed (a slow client must never block the market)
 * @param maxRecordsPerFrame 1 = one notice per frame (default); n &gt; 1 lets the writer join up to n
 *                           queued notices of one subscription into a single {@code 00n} frame, as KIS
 *                           does for market data
 */
public record WsOptions(
        String host,
        int port,
        boolean paper,
        String htsId,
        Duration pingInterval,
        boolean layout23,
        int maxSubscriptions,
        long seed,
        int queueCapacity,
        int maxRecordsPerFrame) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

    public WsOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (htsId.isBlank()) {
            throw new IllegalArgumentException("htsId must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be > 0, was " + pingInterval);
        }
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException("maxSubscriptions must be >= 1, was " + maxSubscriptions);
        }
        if (queueCapacity < 16) {
            throw new IllegalArgumentException("queueCapacity must be >= 16, was " + queueCapacity);
        }
        if (maxRecordsPerFrame < 1 || maxRecordsPerFrame > 999) {
            throw new IllegalArgumentException("maxRecordsPerFrame must be 1..999, was " + maxRecordsPerFrame);
        }
    }

    /** The original eight-option form (queue {@value #DEFAULT_QUEUE_CAPACITY}, one notice per frame). */
    public WsOptions(
            String host,
            int port,
            boolean paper,
            String htsId,
            Duration pingInterval,
            boolean layout23,
            int maxSubscriptions,
            long seed) {
        this(host, port, paper, htsId, pingInterval, layout23, maxSubscriptions, seed, DEFAULT_QUEUE_CAPACITY, 1);
    }

    /** The defaults of an environment; notices in its own layout (paper 23 fields, real 26, as KIS sends them). */
    public static WsOptions defaults(String htsId, boolean paper) {
        return new WsOptions("127.0.0.1", 0, paper, htsId, Duration.ofSeconds(10), paper, 41, 1L);
    }

    /** The execution-notice TR of this environment: {@code H0STCNI9} on paper, {@code H0STCNI0} on real. */
    public String noticeTrId() {
        return paper ? "H0STCNI9" : "H0STCNI0";
    }

    public WsOptions withHost(String h) {
        return new WsOptions(
                h,
                port,
                paper,
                htsId,
                pingInterval,
                layout23,
                maxSubscriptions,
                seed,
                queueCapacity,
                maxRecordsPerFrame);
    }

    public WsOptions withPort(int p) {
        return new WsOptions(
                host,
                p,
                paper,
                htsId,
                pingInterval,
                layout23,
                maxSubscriptions,
                seed,
                queueCapacity,
                maxRecordsPerFrame);
    }

    public WsOptions withPingInterval(Duration d) {
        return new WsOptions(
                host, port, paper, htsId, d, layout23, maxSubscriptions, seed, queueCapacity, maxRecordsPerFrame);
    }

    public WsOptions withLayout23(boolean l) {
        return new WsOptions(
                host, port, paper, htsId, pingInterval, l, maxSubscriptions, seed, queueCapacity, maxRecordsPerFrame);
    }

    public WsOptions withMaxSubscriptions(int m) {
        return new WsOptions(
                host, port, paper, htsId, pingInterval, layout23, m, seed, queueCapacity, maxRecordsPerFrame);
    }

    public WsOptions withSeed(long s) {
        return new WsOptions(
                host,
                port,
                paper,
                htsId,
                pingInterval,
                layout23,
                maxSubscriptions,
                s,
                queueCapacity,
                maxRecordsPerFrame);
    }

    public WsOptions withQueueCapacity(int q) {
        return new WsOptions(
                host, port, paper, htsId, pingInterval, layout23, maxSubscriptions, seed, q, maxRecordsPerFrame);
    }

    public WsOptions withMaxRecordsPerFrame(int n) {
        return new WsOptions(
                host, port, paper, htsId, pingInterval, layout23, maxSubscriptions, seed, queueCapacity, n);
    }
}
