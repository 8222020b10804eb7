package io.execctl.engine;

import io.execctl.kis.ws.ControlMessage;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.Incarnation;
import io.execctl.store.NoticeCoverageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in {@code trade.notice_coverage} where the notice stream was receiving, around the
 * engine's own {@link NoticeListener}, which it calls first for every event.
 *
 * <p>Coverage may only claim what another process can check: that every notice in the span was
 * <em>handled</em> — made durable (applied or parked). A frame counts as covered only once its
 * callbacks have returned (at the next frame or the end of the connection) <em>and</em> the
 * delegate's {@link Durability} says every notice handed to it up to then is written: a
 * synchronous delegate is durable on return, the asynchronous notice pipeline only once its lanes
 * wrote what was queued, so frames wait here until then (coverage lags by the queue, never leads
 * it). A notice the delegate could not write ({@link Durability#lost}) ends the span before the
 * frames still waiting, as does a frame that could not be read (a notice we cannot read is a gap);
 * the next frame opens a new span; a disconnect closes it. A failed database write only ends the
 * span early: coverage is under-reported, never over-reported. Callbacks of one connection come
 * from one thread.
 */
public final class NoticeCoverageRecorder implements NoticeListener {
    private static final Logger log = LoggerFactory.getLogger(NoticeCoverageRecorder.class);
    /** Frames waiting for their notices to be written, at most; beyond it the span ends (under-reports). */
    static final int MAX_WAITING_FRAMES = 10_000;

    /**
     * How far the delegate's notices are durable. The delegate of a synchronous path is durable when
     * its callback returns ({@link #SYNCHRONOUS}); a queueing one (the notice pipeline) says so later.
     */
    public interface Durability {
        /** Durable on return, nothing ever lost. */
        Durability SYNCHRONOUS = new Durability() {
            @Override
            public Mark mark() {
                return () -> true;
            }

            @Override
            public long lost() {
                return 0;
            }
        };

        /** A mark of every notice handed to the delegate so far (taken on the stream's thread). */
        Mark mark();

        /**
         * Notices handed to the delegate that were given up without being written, ever (a count that
         * only grows); counted before they count toward any {@link Mark#durable}.
         */
        long lost();

        /** What {@link #mark} covered. */
        interface Mark {
            /** True once every notice the mark covers was written or counted {@link #lost}. */
            boolean durable();
        }
    }

    /** A frame whose callbacks returned, waiting for its notices to be written. */
    private record Waiting(Instant receivedAt, Durability.Mark mark) {}

    private final NoticeListener delegate;
    private final NoticeCoverageStore store;
    private final String streamKey;
    private final Incarnation owner;
    private final Clock clock;
    private final Durability durability;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private Long spanId;
    private Instant pending;
    private boolean subscribed;
    private long lostSeen;

    /**
     * @param clock the clock of the stream's {@code receivedAt} (only durations are taken from it)
     */
    public NoticeCoverageRecorder(
            NoticeListener delegate, NoticeCoverageStore store, String streamKey, Incarnation owner, Clock clock) {
        this(delegate, store, streamKey, owner, clock, Durability.SYNCHRONOUS);
    }

    /**
     * @param clock      the clock of the stream's {@code receivedAt} (only durations are taken from it)
     * @param durability when the delegate's notices are written (the pipeline's, for the async path)
     */
    public NoticeCoverageRecorder(
            NoticeListener delegate,
            NoticeCoverageStore store,
            String streamKey,
            Incarnation owner,
            Clock clock,
            Durability durability) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.store = Objects.requireNonNull(store, "store");
        this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.durability = Objects.requireNonNull(durability, "durability");
        this.lostSeen = durability.lost();
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
            pending = null; // the unreadable frame itself is not covered
            flushDurable();
            closeSpan("unreadable frame");
        }
    }

    private void unhandled() {
        pending = null;
        flushDurable();
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
        lostSeen = durability.lost(); // a loss before the span is not in it
        try {
            spanId = store.open(streamKey, owner);
        } catch (RuntimeException e) {
            log.warn("notice coverage: could not open a span ({}); the stream counts as uncovered", e.toString());
            spanId = null;
        }
    }

    /** The last frame's callbacks returned: it waits for its notices, then what is durable is recorded. */
    private void flushPending() {
        if (spanId == null || pending == null) {
            pending = null;
            return;
        }
        waiting.addLast(new Waiting(pending, durability.mark()));
        pending = null;
        if (waiting.size() > MAX_WAITING_FRAMES) {
            flushDurable();
            dropWaiting("notices not written in time");
            return;
        }
        flushDurable();
    }

    /**
     * Records the newest waiting frame whose notices (and every earlier one's) are written; a notice
     * given up meanwhile ends the span before the frames still waiting. The loss count is read after
     * the marks: a lost notice counts as lost before it counts toward a mark.
     */
    private void flushDurable() {
        Waiting last = null;
        while (!waiting.isEmpty() && waiting.peekFirst().mark().durable()) {
            last = waiting.pollFirst();
        }
        long lost = durability.lost();
        if (lost != lostSeen) {
            lostSeen = lost;
            dropWaiting("a notice was not written");
            return;
        }
        if (last == null || spanId == null) {
            return;
        }
        Duration waited = Duration.between(last.receivedAt(), clock.instant());
        try {
            store.frame(spanId, waited.isNegative() ? Duration.ZERO : waited);
        } catch (RuntimeException e) {
            log.warn("notice coverage: could not record a frame ({}); the span ends here", e.toString());
            dropWaiting("coverage write failed");
        }
    }

    private void dropWaiting(String reason) {
        waiting.clear();
        closeSpan(reason);
    }

    private void closeSpan(String reason) {
        waiting.clear(); // frames of a closed span never count
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
