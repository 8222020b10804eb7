package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import io.execctl.kis.KisMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution-notice WebSocket client: connects, subscribes {@code H0STCNI0}/{@code H0STCNI9}
 * with the HTS id, detects a silent peer and reconnects with capped, jittered backoff after every
 * loss — a refused subscription included — reporting a gap after every re-subscription, because
 * KIS does not replay notices missed while disconnected. See {@code docs/kis-websocket.md}.
 *
 * <p>This class owns the connection lifecycle and its state (under one lock); reading frames is
 * {@link NoticeFrames}' job, what each control code does is the {@link ControlPolicy} table, and a
 * connection attempt is a {@link NoticeConnection}.
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
    private final SafeListener safe;
    private final NoticeFrames frames;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final NoticeScheduler scheduler;
    private final boolean ownsScheduler;
    private final Clock clock;
    private final RandomGenerator random;
    private final KisMetrics metrics;
    private final Request request;

    private final Object lock = new Object();
    private final Hooks hooks = new Hooks();
    // guarded by lock
    private boolean started;
    private boolean closed;
    private Instant startedAt;
    private NoticeConnection current;
    private long generation;
    private int failures;
    private int inUseStrikes;
    private Instant gapSince;
    private NoticeScheduler.Cancellable pendingReconnect;
    private NoticeScheduler.Cancellable watchdog;

    NoticeStream(NoticeStreamBuilder b) {
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
        this.safe = new SafeListener(listener, metrics);
        this.frames = new NoticeFrames(safe, metrics, clock, hooks);
        // built once, so a malformed URL fails here and not inside a scheduled reconnect
        this.request = new Request.Builder().url(settings.connectUrl()).build();
    }

    /**
     * @param approvalKey           supplies the current approval key (may block to issue one)
     * @param invalidateApprovalKey drops the given (refused) approval key from the cache, e.g.
     *                              {@code tokenManager::invalidateApproval}
     */
    public static NoticeStreamBuilder builder(
            NoticeStreamSettings settings,
            Supplier<Secret> approvalKey,
            Consumer<Secret> invalidateApprovalKey,
            NoticeListener listener) {
        return new NoticeStreamBuilder(settings, approvalKey, invalidateApprovalKey, listener);
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
        NoticeConnection c;
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
            safe.run("onDisconnected", () -> listener.onDisconnected("closed by the client"));
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
            NoticeConnection c =
                    new NoticeConnection(++generation, key, settings.trId(), clock.instant(), hooks, frames, clock);
            current = c;
            c.socket = client.newWebSocket(request, c);
        }
    }

    /**
     * Handles the loss of {@code conn} (or a failed attempt before any connection, when null):
     * remembers since when notices may be missing, tells the listener, schedules the reconnect.
     */
    private void lost(NoticeConnection conn, String reason, Duration override) {
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
        safe.run("onDisconnected", () -> listener.onDisconnected(safeReason));
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
        NoticeConnection c;
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

    /** Scheduled work must never die silently (a periodic task that throws is never run again). */
    private void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("notice stream: {} failed: {}", what, e.getClass().getName(), e);
            if ("reconnect".equals(what)) {
                NoticeConnection c;
                synchronized (lock) {
                    c = current;
                }
                lost(c, what + " failed: " + e.getClass().getSimpleName(), null);
            }
        }
    }

    /** The stream's side of its connections, kept off the public API. */
    private final class Hooks implements StreamHooks {
        @Override
        public boolean isCurrent(NoticeConnection c) {
            synchronized (lock) {
                return c == current && !closed;
            }
        }

        @Override
        public void opened(NoticeConnection c, WebSocket ws) {
            log.info("notice stream connected (attempt #{})", c.id);
            safe.run("onConnected", listener::onConnected);
            ws.send(SubscriptionRequest.subscribe(c.key, settings.custType(), settings.trId(), settings.htsId())
                    .toJson());
        }

        @Override
        public void lost(NoticeConnection c, String reason, Duration override) {
            NoticeStream.this.lost(c, reason, override);
        }

        @Override
        public Instant subscribed(NoticeConnection c, Instant now) {
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

        @Override
        public Duration nextInUseDelay() {
            synchronized (lock) {
                inUseStrikes++;
                return settings.reconnect().inUseDelay(inUseStrikes, random);
            }
        }

        @Override
        public void invalidateApprovalKey(Secret key) {
            invalidateApprovalKey.accept(key);
        }
    }
}
