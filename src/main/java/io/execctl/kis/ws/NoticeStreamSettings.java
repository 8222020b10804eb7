package io.execctl.kis.ws;

import io.execctl.config.KisSettings;
import io.execctl.config.NoticeSettings;
import io.execctl.config.ReconnectPolicy;
import io.execctl.domain.KisEnv;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the notice stream needs: the environment, URL and HTS id of the client's settings plus the
 * transport settings ({@link NoticeSettings}: ping, liveness, connect timeout, reconnect), whose
 * defaults and rules live in {@code config} so that {@code execctl config} shows them.
 *
 * @param env      real ({@code H0STCNI0}) or paper ({@code H0STCNI9})
 * @param wsUrl    {@code ws://host:port} (KIS: {@code ws://ops.koreainvestment.com:21000} real,
 *                 {@code :31000} paper) or the simulator's URL
 * @param htsId    the HTS id ({@code tr_key}); treated as personal data, never logged
 * @param custType {@code P} (personal)
 * @param notices  ping interval, liveness, connect timeout, {@code /tryitout}, reconnect policy
 */
public record NoticeStreamSettings(KisEnv env, String wsUrl, String htsId, String custType, NoticeSettings notices) {

    public static final String TR_REAL = "H0STCNI0";
    public static final String TR_PAPER = "H0STCNI9";

    public NoticeStreamSettings {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(custType, "custType");
        Objects.requireNonNull(notices, "notices");
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
    }

    /** The defaults of {@link NoticeSettings#DEFAULT}, custtype P. */
    public static NoticeStreamSettings of(KisEnv env, String wsUrl, String htsId) {
        return new NoticeStreamSettings(env, wsUrl, htsId, "P", NoticeSettings.DEFAULT);
    }

    /** The stream of the client's settings (its HTS id must be set). */
    public static NoticeStreamSettings from(KisSettings s) {
        return new NoticeStreamSettings(s.env(), s.wsUrl(), s.htsId(), s.custType(), s.notices());
    }

    public NoticeStreamSettings withTryitoutPath(boolean on) {
        return new NoticeStreamSettings(env, wsUrl, htsId, custType, notices.withTryitoutPath(on));
    }

    public NoticeStreamSettings withReconnect(ReconnectPolicy policy) {
        return new NoticeStreamSettings(env, wsUrl, htsId, custType, notices.withReconnect(policy));
    }

    public NoticeStreamSettings withPing(Duration interval, int deadAfter) {
        return new NoticeStreamSettings(env, wsUrl, htsId, custType, notices.withPing(interval, deadAfter));
    }

    public boolean tryitoutPath() {
        return notices.tryitoutPath();
    }

    public Duration pingInterval() {
        return notices.pingInterval();
    }

    public int deadAfterPings() {
        return notices.deadAfterPings();
    }

    public Duration connectTimeout() {
        return notices.connectTimeout();
    }

    public ReconnectPolicy reconnect() {
        return notices.reconnect();
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
        if (tryitoutPath() && !u.endsWith("/tryitout")) {
            u = u + "/tryitout";
        }
        return u;
    }

    /** Silence longer than this means a dead peer. */
    public Duration deadAfter() {
        return notices.deadAfter();
    }

    @Override
    public String toString() {
        return "NoticeStreamSettings[" + env.key() + " " + connectUrl() + " tr=" + trId() + " htsId=****" + " ping="
                + pingInterval() + "×" + deadAfterPings() + " reconnect=" + reconnect() + "]";
    }
}
