package io.execctl.cli;

import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.AuditWriter;
import io.execctl.store.BrokerMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * Puts every raw notice-WebSocket frame (an ack's key/iv already redacted by the stream, notices
 * still encrypted) into {@code trade.broker_messages} through the {@link AuditWriter}, then passes
 * every callback on to the engine's listener unchanged. The reader thread only queues the frame.
 */
public final class WsAudit implements NoticeListener {
    private final AuditWriter writer;
    private final NoticeListener next;

    public WsAudit(AuditWriter writer, NoticeListener next) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onRawFrame(String raw, Instant receivedAt) {
        writer.submit(BrokerMessage.ok(receivedAt, BrokerMessage.Channel.WS, trId(raw), null, raw, null));
        next.onRawFrame(raw, receivedAt);
    }

    /** {@code 1|H0STCNI0|001|…} → {@code H0STCNI0}; null for a JSON control frame. */
    static String trId(String raw) {
        if (raw.length() > 2 && (raw.charAt(0) == '0' || raw.charAt(0) == '1') && raw.charAt(1) == '|') {
            int end = raw.indexOf('|', 2);
            if (end > 2 && end - 2 <= 16) {
                return raw.substring(2, end);
            }
        }
        return null;
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        next.onNotice(notice);
    }

    @Override
    public void onCorrupt(String raw, String reason) {
        next.onCorrupt(raw, reason);
    }

    @Override
    public void onControl(String code, String message) {
        next.onControl(code, message);
    }

    @Override
    public void onConnected() {
        next.onConnected();
    }

    @Override
    public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
        next.onGap(disconnectedAt, reconnectedAt);
    }

    @Override
    public void onDisconnected(String reason) {
        next.onDisconnected(reason);
    }
}
