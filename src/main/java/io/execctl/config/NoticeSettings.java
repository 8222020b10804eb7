package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The execution-notice WebSocket's transport settings ({@code KIS_WS_*}). They live here, not in the
 * client, so that the configuration validates and shows them; {@code kis.ws.NoticeStreamSettings}
 * adds the environment, URL and HTS id.
 *
 * @param pingInterval   how often KIS sends PINGPONG (about 10 s)
 * @param deadAfterPings the connection is declared dead after this many ping intervals without any frame
 * @param connectTimeout TCP connect + handshake timeout
 * @param tryitoutPath   append {@code /tryitout} to the URL (official samples do; legacy ones connect to
 *                       the bare host:port — both work at KIS)
 * @param reconnect      backoff after a lost or failed connection
 */
public record NoticeSettings(
        Duration pingInterval,
        int deadAfterPings,
        Duration connectTimeout,
        boolean tryitoutPath,
        ReconnectPolicy reconnect) {

    /** PINGPONG every 10 s, dead after 3 silent intervals, 10 s connect timeout, no {@code /tryitout}. */
    public static final NoticeSettings DEFAULT =
            new NoticeSettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(10), false, ReconnectPolicy.DEFAULT);

    public NoticeSettings {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new ConfigException(Setting.KIS_WS_PING_INTERVAL_S, "ping interval must be positive");
        }
        if (deadAfterPings < 2) {
            throw new ConfigException(
                    Setting.KIS_WS_DEAD_AFTER_PINGS, "must be at least 2 (one late PINGPONG is not death)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new ConfigException(Setting.KIS_WS_CONNECT_TIMEOUT_S, "connect timeout must be positive");
        }
    }

    public NoticeSettings withTryitoutPath(boolean on) {
        return new NoticeSettings(pingInterval, deadAfterPings, connectTimeout, on, reconnect);
    }

    public NoticeSettings withReconnect(ReconnectPolicy policy) {
        return new NoticeSettings(pingInterval, deadAfterPings, connectTimeout, tryitoutPath, policy);
    }

    public NoticeSettings withPing(Duration interval, int deadAfter) {
        return new NoticeSettings(interval, deadAfter, connectTimeout, tryitoutPath, reconnect);
    }

    /** Silence longer than this means a dead peer. */
    public Duration deadAfter() {
        return pingInterval.multipliedBy(deadAfterPings);
    }
}
