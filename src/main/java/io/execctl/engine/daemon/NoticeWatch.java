package io.execctl.engine.daemon;

import io.execctl.kis.ws.ControlMessage;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the notice stream and the engine's notice handler: keeps {@link DaemonStatus}'s
 * {@code wsSubscribed} (which also switches the sync loops to their WebSocket-down cadence) and
 * starts the gap-fill after a reconnect. Every callback goes on to the handler unchanged. Without a
 * handler (none built) notices are counted and dropped: no coverage is claimed for them, so the
 * REST syncs remain the only evidence of those fills.
 */
final class NoticeWatch implements NoticeListener {
    private static final Logger log = LoggerFactory.getLogger(NoticeWatch.class);

    private final NoticeListener handler;
    private final DaemonStatus status;
    private final Runnable onGap;
    private final LongAdder dropped = new LongAdder();

    /** @param handler the engine's handler, or null when none is built */
    NoticeWatch(NoticeListener handler, DaemonStatus status, Runnable onGap) {
        this.handler = handler;
        this.status = Objects.requireNonNull(status, "status");
        this.onGap = Objects.requireNonNull(onGap, "onGap");
    }

    @Override
    public void onRawFrame(String raw, Instant receivedAt) {
        if (handler != null) {
            handler.onRawFrame(raw, receivedAt);
        }
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        if (handler != null) {
            handler.onNotice(notice);
        } else {
            dropped.increment();
            log.debug("execution notice not applied: no notice handler in this build");
        }
    }

    @Override
    public void onCorrupt(String raw, String reason) {
        if (handler != null) {
            handler.onCorrupt(raw, reason);
        }
    }

    @Override
    public void onControl(String code, String message) {
        if (ControlMessage.SUBSCRIBED.equals(code)) {
            status.wsSubscribed(true);
        }
        if (handler != null) {
            handler.onControl(code, message);
        }
    }

    @Override
    public void onConnected() {
        if (handler != null) {
            handler.onConnected();
        }
    }

    @Override
    public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
        if (handler != null) {
            handler.onGap(disconnectedAt, reconnectedAt);
        }
        onGap.run();
    }

    @Override
    public void onDisconnected(String reason) {
        status.wsSubscribed(false);
        if (handler != null) {
            handler.onDisconnected(reason);
        }
    }

    long dropped() {
        return dropped.sum();
    }
}
