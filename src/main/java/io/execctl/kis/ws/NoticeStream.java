package io.execctl.kis.ws;

import io.execctl.domain.KoreaTime;
import io.execctl.domain.Secret;
import io.execctl.kis.KisMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution-notice WebSocket client: connects, subscribes {@code H0STCNI0}/{@code H0STCNI9}
 * with the HTS id, keeps the key/iv of the ack, hands every raw frame to the listener before
 * parsing, decodes notices, echoes PINGPONG, reports control codes, detects a silent peer and
 * reconnects with capped, jittered backoff — reporting a gap after every re-subscription, because
 * KIS does not replay notices missed while disconnected. See {@code docs/kis-websocket.md}.
 *
 * <p>The approval key comes from a supplier (the token manager's cache) and is asked for before
 * every connection attempt; when KIS refuses it, {@code invalidateApprovalKey} drops the cached
 * one so the next attempt gets a fresh key. Nothing here logs the key, the HTS id or notice
 * contents.
 *
 * <p>Thread model: OkHttp delivers one connection's frames on one reader thread, in order;
 * reconnects and the liveness check run on the injected {@link NoticeScheduler}. Stale
 * connections' callbacks are ignored.
 */
public final class NoticeStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NoticeStream.class);

    private final NoticeStreamSettings settings;
    private final Supplier<Secret> approvalKey;
    private final Consumer<Secret> invalidateApprovalKey;
    private final NoticeListener listener;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final NoticeScheduler scheduler;
    private final boolean ownsScheduler;
    private final Clock clock;
    private final RandomGenerator random;
    private final KisMetrics metrics;
    private final Request request;

    private final Object lock = new Object();
    // guarded by lock
    private boolean started;
    private boolean closed;
    private Instant startedAt;
    private Connection current;
    private long generation;
    private int failures;
    private int inUseStrikes;
    private Instant gapSince;
    private NoticeScheduler.Cancellable pendingReconnect;
    private NoticeScheduler.Cancellable watchdog;

    private NoticeStream(Builder b) {
        this.settings = b.settings;
        this.approvalKey = b.approvalKey;
        this.invalidateApprovalKey = b.invalidateApprovalKey;
        this.listener = b.listener;
        this.ownsClient = b.client == null;
        OkHttpClient base = b.client != null ? b.client : new OkHttpClient();
        this.client = base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(Duration.ZERO)
                .writeTimeout(settings.connectTimeout())
                .pingInterval(Duration.ZERO) // KIS keeps the session with PINGPONG text frames; client pings drop it
                .build();
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : NoticeScheduler.singleThread("kis-notice-stream");
        this.clock = b.clock;
        this.random = b.random;
        this.metrics = b.metrics;
        // built once, so a malformed URL fails here and not inside a scheduled reconnect
        this.request = new Request.Builder().url(settings.connectUrl()).build();
    }

    /**
     * @param approvalKey           supplies the current approval key (may block to issue one)
     * @param invalidateApprovalKey drops the given (refused) approval key from the cache, e.g.
     *                              {@code tokenManager::invalidateApproval}
     */
    public static Builder builder(
            NoticeStreamSettings settings,
            Supplier<Secret> approvalKey,
            Consumer<Secret> invalidateApprovalKey,
            NoticeListener listener) {
        return new Builder(settings, approvalKey, invalidateApprovalKey, listener);
    }

    /** Connects (asynchronously) and starts the liveness check. Call once. */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("notice stream already started");
            }
            if (closed) {
                throw new IllegalStateException("notice stream is closed");
            }
            started = true;
            startedAt = clock.instant();
            watchdog = scheduler.every(settings.pingInterval(), () -> guarded("liveness check", this::checkLiveness));
        }
        log.info("notice stream starting: {}", settings);
        connect();
    }

    /** Whether the current connection's subscription has been acknowledged. */
    public boolean isSubscribed() {
        synchronized (lock) {
            return current != null && current.subscribedAt != null;
        }
    }

    /** When the current connection last received a frame (for readiness probes). */
    public Optional<Instant> lastFrameAt() {
        synchronized (lock) {
            return current == null ? Optional.empty() : Optional.of(current.lastFrameAt);
        }
    }

    /** Unsubscribes if subscribed, closes the socket and stops reconnecting; idempotent. */
    @Override
    public void close() {
        Connection c;
        boolean wasSubscribed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (pendingReconnect != null) {
                pendingReconnect.cancel();
            }
            if (watchdog != null) {
                watchdog.cancel();
            }
            c = current;
            current = null;
            wasSubscribed = c != null && c.subscribedAt != null;
        }
        if (c != null && c.socket != null) {
            if (wasSubscribed) {
                c.socket.send(
                        SubscriptionRequest.unsubscribe(c.key, settings.custType(), settings.trId(), settings.htsId())
                                .toJson());
            }
            c.socket.close(1000, "client closing");
        }
        if (ownsScheduler) {
            scheduler.shutdown();
        }
        if (ownsClient) {
            client.dispatcher().executorService().shutdown(); // no lingering threads keep a CLI process alive
        }
        log.info("notice stream closed");
        if (c != null) {
            safe("onDisconnected", () -> listener.onDisconnected("closed by the client"));
        }
    }

    // ---------------------------------------------------------------- connection lifecycle

    private void connect() {
        synchronized (lock) {
            if (closed || current != null) {
                return;
            }
            pendingReconnect = null;
        }
        Secret key;
        try {
            key = Objects.requireNonNull(approvalKey.get(), "approval key supplier returned null");
        } catch (RuntimeException e) {
            log.warn(
                    "notice stream: no approval key ({}); will retry",
                    e.getClass().getSimpleName());
            lost(null, "approval key unavailable: " + e.getClass().getSimpleName(), null);
            return;
        }
        synchronized (lock) {
            if (closed || current != null) {
                return;
            }
            Connection c = new Connection(++generation, key, clock.instant());
            current = c;
            c.socket = client.newWebSocket(request, c);
        }
    }

    /**
     * Handles the loss of {@code conn} (or a failed attempt before any connection, when null):
     * remembers since when notices may be missing, tells the listener, schedules the reconnect.
     */
    private void lost(Connection conn, String reason, Duration override) {
        Duration delay;
        synchronized (lock) {
            if (conn != null) {
                if (conn.lost) {
                    return;
                }
                conn.lost = true;
                if (conn != current) {
                    return;
                }
                current = null;
            }
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            boolean wasSubscribed = conn != null && conn.subscribedAt != null;
            if (gapSince == null) {
                gapSince = wasSubscribed ? conn.lastFrameAt : startedAt;
            }
            if (wasSubscribed
                    && Duration.between(conn.subscribedAt, now)
                                    .compareTo(settings.reconnect().stableAfter())
                            >= 0) {
                failures = 0;
            }
            delay = override != null ? override : settings.reconnect().delay(failures, random);
            failures++;
        }
        String safeReason = conn == null ? reason : Secret.scrub(reason, conn.key);
        log.warn("notice stream disconnected: {}; reconnecting in {} ms", safeReason, delay.toMillis());
        safe("onDisconnected", () -> listener.onDisconnected(safeReason));
        synchronized (lock) {
            if (closed || current != null || pendingReconnect != null) {
                return;
            }
            metrics.wsReconnect();
            pendingReconnect = scheduler.schedule(delay, () -> guarded("reconnect", this::connect));
        }
    }

    /**
     * Declares the connection dead when no frame (not even PINGPONG) came for {@code deadAfter}, or
     * when the subscription got no answer at all (neither ack nor error code) for as long: a session
     * that keeps PINGPONG-ing without notices would otherwise look healthy forever. A refusal such as
     * {@code OPSP0008} is an answer and does not make the stream loop.
     */
    private void checkLiveness() {
        Connection c;
        String reason;
        synchronized (lock) {
            c = current;
            if (closed || c == null) {
                return;
            }
            Instant now = clock.instant();
            Duration silent = Duration.between(c.lastFrameAt, now);
            Instant opened = c.openedAt;
            if (silent.compareTo(settings.deadAfter()) > 0) {
                reason = "no frame for " + silent.toSeconds() + " s (dead peer)";
            } else if (opened != null
                    && !c.answered
                    && c.subscribedAt == null
                    && Duration.between(opened, now).compareTo(settings.deadAfter()) > 0) {
                reason = "no answer to the subscription for "
                        + Duration.between(opened, now).toSeconds() + " s";
            } else {
                return;
            }
        }
        lost(c, reason, null); // first, so the cancel's failure is ignored
        if (c.socket != null) {
            c.socket.cancel();
        }
    }

    /** Marks the subscription acknowledged; returns since when a gap must be reported, or null. */
    private Instant subscribed(Connection c, Instant now) {
        synchronized (lock) {
            if (c != current || closed) {
                return null;
            }
            c.subscribedAt = now;
            inUseStrikes = 0;
            Instant gap = gapSince;
            gapSince = null;
            return gap;
        }
    }

    private boolean isCurrent(Connection c) {
        synchronized (lock) {
            return c == current && !closed;
        }
    }

    // ---------------------------------------------------------------- frames

    private void onText(Connection c, WebSocket ws, String raw) {
        Instant now = clock.instant();
        c.lastFrameAt = now;
        safe("onRawFrame", () -> listener.onRawFrame(raw, now));
        DecodedFrame frame = c.decoder.decode(raw, now, KoreaTime.tradingDate(now));
        if (frame instanceof DecodedFrame.Control control) {
            onControl(c, ws, raw, control.message(), now);
        } else if (frame instanceof DecodedFrame.Notices notices) {
            if (!notices.encrypted()) {
                log.warn("notice stream: plain (unencrypted) notice frame — KIS encrypts notices; contract anomaly");
            }
            for (ExecutionNoticeEvent e : notices.events()) {
                metrics.wsFrame((notices.encrypted() ? FrameOutcome.NOTICE : FrameOutcome.PLAIN_NOTICE).label());
                safe("onNotice", () -> listener.onNotice(e));
            }
            for (DecodedFrame.BadRecord bad : notices.badRecords()) {
                metrics.wsFrame(FrameOutcome.BAD_RECORD.label());
                String reason = "record " + bad.index() + ": " + bad.reason();
                log.warn("notice stream: unreadable notice record ({}); raw frame kept", reason);
                safe("onCorrupt", () -> listener.onCorrupt(raw, reason));
            }
        } else if (frame instanceof DecodedFrame.Unusable unusable) {
            metrics.wsFrame(unusable.outcome().label());
            log.warn("notice stream: unusable frame, {} ({}); raw frame kept", unusable.outcome(), unusable.reason());
            safe("onCorrupt", () -> listener.onCorrupt(raw, unusable.reason()));
        }
    }

    private void onControl(Connection c, WebSocket ws, String raw, ControlMessage m, Instant now) {
        if (m.isPingPong()) {
            metrics.wsFrame(FrameOutcome.PINGPONG.label());
            ws.send(raw); // KIS expects the same text back; that is what keeps the session
            return;
        }
        c.answered = true;
        String code = m.msgCd().isEmpty() ? m.trId() : m.msgCd();
        metrics.wsFrame((m.isSubscribeAck()
                        ? FrameOutcome.ACK
                        : m.isKnownCode() ? FrameOutcome.CONTROL : FrameOutcome.UNKNOWN_CONTROL)
                .label());
        metrics.wsControl(m.msgCd().isEmpty() ? "(none)" : m.msgCd());
        if (m.isSuccess() && m.key().isPresent() && m.iv().isPresent()) {
            try {
                c.decoder.setKey(m.key().get(), m.iv().get());
            } catch (IllegalArgumentException e) {
                metrics.wsFrame(FrameOutcome.CORRUPT.label());
                safe("onCorrupt", () -> listener.onCorrupt(raw, "subscription ack: " + e.getMessage()));
            }
        }
        if (m.isSubscribeAck()) {
            if (!c.decoder.hasKey()) {
                log.warn("notice stream: subscription ack without a usable key/iv; encrypted notices cannot be read");
            }
            Instant gapFrom = subscribed(c, now);
            log.info("notice stream subscribed ({} {})", m.trId(), m.msg1());
            safe("onControl", () -> listener.onControl(code, m.msg1()));
            if (gapFrom != null) {
                metrics.wsGap();
                log.warn(
                        "notice stream: notices since {} may be missing (re-subscribed at {}); gap reported",
                        gapFrom,
                        now);
                safe("onGap", () -> listener.onGap(gapFrom, now));
            }
            return;
        }
        safe("onControl", () -> listener.onControl(code, m.msg1()));
        if (ControlMessage.ALREADY_IN_USE.equals(m.msgCd())) {
            Duration delay;
            synchronized (lock) {
                inUseStrikes++;
                delay = settings.reconnect().inUseDelay(inUseStrikes, random);
            }
            log.warn(
                    "notice stream: OPSP8996 ALREADY IN USE appkey — another session holds this app key; backing off {} s",
                    delay.toSeconds());
            lost(c, "OPSP8996 ALREADY IN USE appkey (another session holds the app key)", delay);
            ws.close(1000, "app key in use elsewhere");
        } else if (m.isInvalidApprovalKey()) {
            log.warn("notice stream: approval key refused ({} {}); dropping the cached key", m.msgCd(), m.msg1());
            safe("invalidateApprovalKey", () -> invalidateApprovalKey.accept(c.key));
            lost(c, "approval key refused: " + code + " " + m.msg1(), null);
            ws.close(1000, "approval key refused");
        } else if (ControlMessage.MAX_SUBSCRIBE_OVER.equals(m.msgCd())) {
            log.error("notice stream: OPSP0008 MAX SUBSCRIBE OVER — the app key's session has too many registrations; "
                    + "notices are NOT subscribed");
        } else if (!m.isKnownCode()) {
            log.warn("notice stream: unknown control frame {} {} (rt_cd {})", code, m.msg1(), m.rtCd());
        } else if (!m.isSuccess()) {
            log.warn("notice stream: control {} {} (rt_cd {})", code, m.msg1(), m.rtCd());
        } else {
            log.info("notice stream: control {} {}", code, m.msg1());
        }
    }

    /** Scheduled work must never die silently (a periodic task that throws is never run again). */
    private void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("notice stream: {} failed: {}", what, e.getClass().getName(), e);
            if ("reconnect".equals(what)) {
                Connection c;
                synchronized (lock) {
                    c = current;
                }
                lost(c, what + " failed: " + e.getClass().getSimpleName(), null);
            }
        }
    }

    private void safe(String callback, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            metrics.listenerError(callback);
            log.error(
                    "notice listener {} threw {}; the stream goes on",
                    callback,
                    e.getClass().getName(),
                    e);
        }
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

    /** One connection attempt: its own key/iv, decoder and liveness clock. */
    private final class Connection extends WebSocketListener {
        final long id;
        final Secret key;
        final NoticeFrameDecoder decoder = new NoticeFrameDecoder(settings.trId());
        volatile Instant lastFrameAt;
        volatile Instant openedAt;
        volatile boolean answered;
        volatile WebSocket socket;
        Instant subscribedAt; // guarded by lock
        boolean lost; // guarded by lock

        Connection(long id, Secret key, Instant createdAt) {
            this.id = id;
            this.key = key;
            this.lastFrameAt = createdAt;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            if (!isCurrent(this)) {
                ws.cancel();
                return;
            }
            lastFrameAt = clock.instant();
            openedAt = lastFrameAt;
            log.info("notice stream connected (attempt #{})", id);
            safe("onConnected", listener::onConnected);
            ws.send(SubscriptionRequest.subscribe(key, settings.custType(), settings.trId(), settings.htsId())
                    .toJson());
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            if (!isCurrent(this)) {
                return;
            }
            onText(this, ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            if (!isCurrent(this)) {
                return;
            }
            Instant now = clock.instant();
            lastFrameAt = now;
            String raw = bytes.base64();
            safe("onRawFrame", () -> listener.onRawFrame(raw, now));
            metrics.wsFrame(FrameOutcome.BINARY.label());
            safe(
                    "onCorrupt",
                    () -> listener.onCorrupt(raw, "binary frame of " + bytes.size() + " bytes (raw is base64)"));
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
            lost(this, "server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            lost(this, "connection closed (" + code + ")", null);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            lost(this, describe(t, response), null);
        }
    }

    /** Wires a stream; clock, random, scheduler, client and metrics have production defaults. */
    public static final class Builder {
        private final NoticeStreamSettings settings;
        private final Supplier<Secret> approvalKey;
        private final Consumer<Secret> invalidateApprovalKey;
        private final NoticeListener listener;
        private OkHttpClient client;
        private NoticeScheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SplittableRandom();
        private KisMetrics metrics = KisMetrics.NOOP;

        private Builder(
                NoticeStreamSettings settings,
                Supplier<Secret> approvalKey,
                Consumer<Secret> invalidateApprovalKey,
                NoticeListener listener) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.approvalKey = Objects.requireNonNull(approvalKey, "approvalKey");
            this.invalidateApprovalKey = Objects.requireNonNull(invalidateApprovalKey, "invalidateApprovalKey");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** A shared client to derive from (its pool and dispatcher are reused, not shut down). */
        public Builder client(OkHttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** A scheduler owned by the caller (not shut down on close). */
        public Builder scheduler(NoticeScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder metrics(KisMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public NoticeStream build() {
            return new NoticeStream(this);
        }
    }
}
