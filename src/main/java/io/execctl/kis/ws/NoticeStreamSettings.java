package io.execctl.kis.ws;

import io.execctl.domain.KisEnv;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of the notice stream (the CLI maps its Config onto it).
 *
 * @param env              real ({@code H0STCNI0}) or paper ({@code H0STCNI9})
 * @param wsUrl            {@code ws://host:port} (KIS: {@code ws://ops.koreainvestment.com:21000} real,
 *                         {@code :31000} paper) or the simulator's URL
 * @param tryitoutPath     append {@code /tryitout} to the URL (official samples do; legacy ones connect
 *                         to the bare host:port — both work at KIS)
 * @param htsId            the HTS id ({@code tr_key}); treated as personal data, never logged
 * @param custType         {@code P} (personal)
 * @param pingInterval     how often KIS sends PINGPONG (about 10 s)
 * @param deadAfterPings   the connection is declared dead after this many ping intervals without any frame
 * @param connectTimeout   TCP connect + handshake timeout
 * @param reconnect        backoff policy
 */
public record NoticeStreamSettings(
        KisEnv env,
        String wsUrl,
        boolean tryitoutPath,
        String htsId,
        String custType,
        Duration pingInterval,
        int deadAfterPings,
        Duration connectTimeout,
        ReconnectPolicy reconnect) {

    public static final String TR_REAL = "H0STCNI0";
    public static final String TR_PAPER = "H0STCNI9";

    public NoticeStreamSettings {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(custType, "custType");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        String lower = wsUrl.trim().toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("ws://")
                || lower.startsWith("wss://")
                || lower.startsWith("http://")
                || lower.startsWith("https://"))) {
            throw new IllegalArgumentException("KIS WebSocket URL must start with ws:// or wss://: " + wsUrl);
        }
        if (htsId.isBlank()) {
            throw new IllegalArgumentException("the HTS id (tr_key of the execution notice) is missing");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("ping interval must be positive");
        }
        if (deadAfterPings < 2) {
            throw new IllegalArgumentException("deadAfterPings must be at least 2 (one late PINGPONG is not death)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    /** Defaults: no {@code /tryitout}, custtype P, PINGPONG every 10 s, dead after 3 silent intervals, 10 s connect timeout. */
    public static NoticeStreamSettings of(KisEnv env, String wsUrl, String htsId) {
        return new NoticeStreamSettings(
                env,
                wsUrl,
                false,
                htsId,
                "P",
                Duration.ofSeconds(10),
                3,
                Duration.ofSeconds(10),
                ReconnectPolicy.DEFAULT);
    }

    public NoticeStreamSettings withTryitoutPath(boolean on) {
        return new NoticeStreamSettings(
                env, wsUrl, on, htsId, custType, pingInterval, deadAfterPings, connectTimeout, reconnect);
    }

    public NoticeStreamSettings withReconnect(ReconnectPolicy policy) {
        return new NoticeStreamSettings(
                env, wsUrl, tryitoutPath, htsId, custType, pingInterval, deadAfterPings, connectTimeout, policy);
    }

    public NoticeStreamSettings withPing(Duration interval, int deadAfter) {
        return new NoticeStreamSettings(
                env, wsUrl, tryitoutPath, htsId, custType, interval, deadAfter, connectTimeout, reconnect);
    }

    /** The notice TR id of the environment. */
    public String trId() {
        return env == KisEnv.REAL ? TR_REAL : TR_PAPER;
    }

    /** The URL to connect to, with {@code /tryitout} appended when configured (and not already there). */
    public String connectUrl() {
        String u = wsUrl.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (tryitoutPath && !u.endsWith("/tryitout")) {
            u = u + "/tryitout";
        }
        return u;
    }

    /** Silence longer than this means a dead peer. */
    public Duration deadAfter() {
        return pingInterval.multipliedBy(deadAfterPings);
    }

    @Override
    public String toString() {
        return "NoticeStreamSettings[" + env.key() + " " + connectUrl() + " tr=" + trId() + " htsId=****" + " ping="
                + pingInterval + "×" + deadAfterPings + " reconnect=" + reconnect + "]";
    }
}
