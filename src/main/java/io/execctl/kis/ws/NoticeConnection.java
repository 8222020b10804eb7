package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import java.time.Clock;
import java.time.Instant;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One connection attempt: its own approval key, key/iv (in its decoder) and liveness clock, so a
 * late frame of a replaced connection can never be decrypted with, or counted against, the new one.
 */
final class NoticeConnection extends WebSocketListener {
    final long id;
    final Secret key;
    final NoticeFrameDecoder decoder;
    volatile Instant lastFrameAt;
    volatile Instant openedAt;
    /** Whether the subscription got any answer (ack or refusal). */
    volatile boolean answered;

    volatile WebSocket socket;
    /** Guarded by the stream's lock. */
    Instant subscribedAt;
    /** Guarded by the stream's lock. */
    boolean lost;

    private final StreamHooks hooks;
    private final NoticeFrames frames;
    private final Clock clock;

    NoticeConnection(
            long id, Secret key, String trId, Instant createdAt, StreamHooks hooks, NoticeFrames frames, Clock clock) {
        this.id = id;
        this.key = key;
        this.decoder = new NoticeFrameDecoder(trId, NoticeFrameDecoder.newConnectionId());
        this.lastFrameAt = createdAt;
        this.hooks = hooks;
        this.frames = frames;
        this.clock = clock;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
        if (!hooks.isCurrent(this)) {
            ws.cancel();
            return;
        }
        lastFrameAt = clock.instant();
        openedAt = lastFrameAt;
        hooks.opened(this, ws);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
        if (hooks.isCurrent(this)) {
            frames.onText(this, ws, text);
        }
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
        if (hooks.isCurrent(this)) {
            frames.onBinary(this, bytes);
        }
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
        ws.close(1000, null);
        hooks.lost(this, "server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
        hooks.lost(this, "connection closed (" + code + ")", null);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
        hooks.lost(this, describe(t, response), null);
    }

    private static String describe(Throwable t, Response response) {
        StringBuilder b = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            b.append(": ").append(t.getMessage());
        }
        if (response != null) {
            b.append(" (HTTP ").append(response.code()).append(')');
        }
        return b.toString();
    }
}
