package io.execctl.engine;

import io.execctl.kis.ws.ControlMessage;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.Incarnation;
import io.execctl.store.NoticeCoverageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in {@code trade.notice_coverage} where the notice stream was receiving, around the
 * engine's own {@link NoticeListener}, which it calls first for every event.
 *
 * <p>Coverage may only claim what another process can check: that every notice in the span was
 * <em>handled</em>. So a frame counts as covered only once its callbacks have returned — when the
 * next frame arrives or the connection ends (one frame late; PINGPONG comes about every 10 s) — and
 * the delegate must have made each notice durable (applied or parked) before its
 * {@code onNotice} returns. A span opens at the subscription ack ({@code OPSP0000}); a frame that
 * could not be read ends the span (a notice we cannot read is a gap) and the next frame opens a new
 * one; a disconnect closes it. A failed database write only ends the span early: coverage is
 * under-reported, never over-reported. Callbacks of one connection come from one thread.
 */
public final class NoticeCoverageRecorder implements NoticeListener {
    private static final Logger log = LoggerFactory.getLogger(NoticeCoverageRecorder.class);

    private final NoticeListener delegate;
    private final NoticeCoverageStore store;
    private final String streamKey;
    private final Incarnation owner;
    private final Clock clock;
    private Long spanId;
    private Instant pending;
    private boolean subscribed;

    /**
     * @param clock the clock of the stream's {@code receivedAt} (only durations are taken from it)
     */
    public NoticeCoverageRecorder(
            NoticeListener delegate, NoticeCoverageStore store, String streamKey, Incarnation owner, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.store = Objects.requireNonNull(store, "store");
        this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onRawFrame(String raw, Instant receivedAt) {
        flushPending();
        if (spanId == null && subscribed) {
            openSpan();
        }
        try {
            delegate.onRawFrame(raw, receivedAt);
        } catch (RuntimeException e) {
            unhandled();
            throw e;
        }
        pending = receivedAt;
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        try {
            delegate.onNotice(notice);
        } catch (RuntimeException e) {
            unhandled(); // the notice may not be durable: its frame must not count as covered
            throw e;
        }
    }

    @Override
    public void onCorrupt(String raw, String reason) {
        try {
            delegate.onCorrupt(raw, reason);
        } finally {
            pending = null;
            closeSpan("unreadable frame");
        }
    }

    private void unhandled() {
        pending = null;
        closeSpan("a frame was not handled");
    }

    @Override
    public void onControl(String code, String message) {
        delegate.onControl(code, message);
        if (ControlMessage.SUBSCRIBED.equals(code) && !subscribed) {
            subscribed = true;
            pending = null; // the ack itself: coverage starts at the span's opening
            openSpan();
        }
    }

    @Override
    public void onConnected() {
        delegate.onConnected();
    }

    @Override
    public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
        delegate.onGap(disconnectedAt, reconnectedAt);
    }

    @Override
    public void onDisconnected(String reason) {
        delegate.onDisconnected(reason);
        flushPending();
        closeSpan("disconnected");
        subscribed = false;
    }

    private void openSpan() {
        try {
            spanId = store.open(streamKey, owner);
        } catch (RuntimeException e) {
            log.warn("notice coverage: could not open a span ({}); the stream counts as uncovered", e.toString());
            spanId = null;
        }
    }

    private void flushPending() {
        if (spanId == null || pending == null) {
            pending = null;
            return;
        }
        Duration waited = Duration.between(pending, clock.instant());
        pending = null;
        try {
            store.frame(spanId, waited.isNegative() ? Duration.ZERO : waited);
        } catch (RuntimeException e) {
            log.warn("notice coverage: could not record a frame ({}); the span ends here", e.toString());
            spanId = null;
        }
    }

    private void closeSpan(String reason) {
        if (spanId == null) {
            return;
        }
        long id = spanId;
        spanId = null;
        try {
            store.close(id, reason);
        } catch (RuntimeException e) {
            log.warn("notice coverage: could not close span {} ({}); it ends at its last frame", id, e.toString());
        }
    }
}
