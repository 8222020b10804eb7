package io.execctl.sim.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated KIS real-time server for execution notices: RFC 6455 written by hand over plain
 * sockets (paths {@code /} and {@code /tryitout}), KIS subscribe/unsubscribe with its control codes,
 * AES-256-CBC notices ({@code 1|H0STCNI0|001|<base64>}), PINGPONG heartbeats, one session per app key
 * (OPSP8996), the 41-registration limit (OPSP0008) and the WebSocket faults of {@link WsFaults}.
 *
 * <p>{@link #publish} only enqueues (per subscribed session) and never blocks on a socket; a writer
 * thread per session encrypts and sends. Sessions that are not connected miss the notice: nothing is
 * replayed, as at KIS.
 */
public final class SimWsServer implements NoticeFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimWsServer.class);

    private final WsOptions options;
    private final Clock clock;
    private final ServerSocket serverSocket;
    private final ScheduledExecutorService scheduler;
    private final List<WsSession> sessions = new CopyOnWriteArrayList<>();
    /** Every accepted connection, upgraded or still in its handshake (closed with the server). */
    private final Set<WsSession> connections = ConcurrentHashMap.newKeySet();

    private final AppKeyRegistry registry = new AppKeyRegistry();
    private final WsCounters counters = new WsCounters();
    private final SubscriptionHandler handler;
    private final NoticeFaultDice dice;
    private final AtomicLong connectionIds = new AtomicLong();
    private final Object publishLock = new Object();
    private final Thread acceptThread;
    private volatile WsFaults faults = WsFaults.NONE;
    private ScheduledFuture<?> disconnectTask;
    private volatile boolean closed;

    private SimWsServer(WsOptions options, ApprovalKeys approvalKeys, Clock clock) throws IOException {
        this.options = options;
        this.clock = clock;
        this.handler =
                new SubscriptionHandler(options, approvalKeys, registry, new CipherKeys(options.seed()), counters);
        this.dice = new NoticeFaultDice(options.seed());
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-ws-timer");
            t.setDaemon(true);
            return t;
        });
        long pingMs = Math.max(1, options.pingInterval().toMillis());
        scheduler.scheduleAtFixedRate(this::pingTick, pingMs, pingMs, TimeUnit.MILLISECONDS);
        this.acceptThread = new Thread(this::acceptLoop, "sim-ws-accept-" + serverSocket.getLocalPort());
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    /** Starts the server on {@code options.host():options.port()} (0 = a free port), PINGPONG times from the system clock. */
    public static SimWsServer start(WsOptions options, ApprovalKeys approvalKeys) {
        return start(options, approvalKeys, Clock.systemUTC());
    }

    /** As {@link #start(WsOptions, ApprovalKeys)}, with the clock that stamps PINGPONG {@code datetime} (Korean time). */
    public static SimWsServer start(WsOptions options, ApprovalKeys approvalKeys, Clock clock) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(approvalKeys, "approvalKeys");
        Objects.requireNonNull(clock, "clock");
        try {
            SimWsServer s = new SimWsServer(options, approvalKeys, clock);
            log.info(
                    "simulated KIS WebSocket listening on ws://{}:{} ({}, notices {} for HTS id {})",
                    options.host(),
                    s.port(),
                    options.paper() ? "paper" : "real",
                    options.noticeTrId(),
                    options.htsId());
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code ws://host:port}, the base URL clients connect to (also served on {@code /tryitout}). */
    public String url() {
        return "ws://" + options.host() + ":" + port();
    }

    public WsOptions options() {
        return options;
    }

    public WsFaults faults() {
        return faults;
    }

    /** Replaces the fault configuration; a disconnect schedule restarts from now. */
    public synchronized void setFaults(WsFaults newFaults) {
        Objects.requireNonNull(newFaults, "faults");
        this.faults = newFaults;
        if (disconnectTask != null) {
            disconnectTask.cancel(false);
            disconnectTask = null;
        }
        if (newFaults.disconnectEverySeconds() > 0 && !closed) {
            long ms = Math.max(1, Math.round(newFaults.disconnectEverySeconds() * 1000));
            disconnectTask = scheduler.scheduleAtFixedRate(
                    () -> {
                        counters.scheduledDisconnects.increment();
                        dropAllSessions("scheduled disconnect (ws_disconnect_every_s)");
                    },
                    ms,
                    ms,
                    TimeUnit.MILLISECONDS);
        }
        log.info("WebSocket faults now {}", newFaults);
    }

    /** Closes every session abruptly, without a close frame, as a network cut would. */
    public void dropAll() {
        dropAllSessions("dropped (network cut)");
    }

    private void dropAllSessions(String reason) {
        for (WsSession s : sessions) {
            s.terminate(reason);
        }
    }

    /**
     * True when at least one session is open and every open session has gone half-open
     * ({@code ws_silent_after_s}): a test waits for it instead of guessing how long the silence takes.
     */
    public boolean everySessionSilent() {
        return !sessions.isEmpty() && sessions.stream().allMatch(WsSession::silentNow);
    }

    /** WebSocket sessions open now (handshake done). */
    public int sessionCount() {
        return sessions.size();
    }

    public WsStats stats() {
        return counters.snapshot(sessions.size());
    }

    @Override
    public void publish(ExecutionNotice notice) {
        Objects.requireNonNull(notice, "notice");
        counters.noticesPublished.increment();
        String subscriptionId = Subscription.id(options.noticeTrId(), notice.custId());
        synchronized (publishLock) {
            WsFaults f = faults;
            for (WsSession s : sessions) {
                Subscription sub = s.subscription(subscriptionId);
                if (sub == null) {
                    continue;
                }
                Outbound.Notice out = new Outbound.Notice(sub, notice, Outbound.Corruption.NONE);
                switch (dice.roll(f)) {
                    case DELIVER -> deliver(s, out);
                    case DROP -> counters.noticesDropped.increment();
                    case DUPLICATE -> {
                        counters.noticesDuplicated.increment();
                        s.enqueue(out);
                        deliver(s, out);
                    }
                    case REORDER -> {
                        if (s.held == null) {
                            counters.noticesReordered.increment();
                            s.held = out;
                        } else {
                            deliver(s, out);
                        }
                    }
                    case CORRUPT -> {
                        counters.noticesCorrupted.increment();
                        deliver(s, new Outbound.Notice(sub, notice, dice.corruption()));
                    }
                }
            }
        }
    }

    /** Sends a notice, then any notice the reorder fault held back (which thereby arrives after it). */
    private void deliver(WsSession s, Outbound.Notice out) {
        s.enqueue(out);
        releaseHeld(s);
    }

    private void releaseHeld(WsSession s) {
        Outbound.Notice h = s.held;
        if (h != null) {
            s.held = null;
            s.enqueue(h);
        }
    }

    /** One PINGPONG round (the scheduler's; package-private so a test can run a round at a moment it chooses). */
    void pingTick() {
        try {
            String ping = ControlMessages.pingpong(clock.instant());
            for (WsSession s : sessions) {
                synchronized (publishLock) {
                    releaseHeld(s);
                }
                if (!s.ping(ping)) {
                    counters.pingTimeouts.increment();
                    log.info("session {}: PINGPONG not echoed, closing", s.id());
                    s.closeWith(Opcode.CLOSE_NORMAL, "PINGPONG not answered");
                }
            }
        } catch (RuntimeException e) {
            log.error("PINGPONG round failed", e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                counters.connections.increment();
                long id = connectionIds.incrementAndGet();
                WsSession session = new WsSession(id, socket, host);
                connections.add(session);
                if (closed) {
                    session.terminate("server closed");
                    break;
                }
                Thread reader = new Thread(session::run, "sim-ws-reader-" + id);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("server socket close failed", e);
        }
        for (WsSession c : connections) {
            c.terminate("server closed");
        }
        scheduler.shutdownNow();
        try {
            acceptThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("simulated KIS WebSocket on port {} stopped", serverSocket.getLocalPort());
    }

    private final WsSession.Host host = new WsSession.Host() {
        @Override
        public WsOptions options() {
            return options;
        }

        @Override
        public SubscriptionHandler handler() {
            return handler;
        }

        @Override
        public WsCounters counters() {
            return counters;
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }

        @Override
        public WsFaults faults() {
            return faults;
        }

        @Override
        public void opened(WsSession session) {
            sessions.add(session);
            if (closed) {
                session.terminate("server closed");
            }
        }

        @Override
        public void closed(WsSession session) {
            connections.remove(session);
            sessions.remove(session);
            registry.release(session);
            synchronized (publishLock) {
                session.held = null;
            }
        }
    };
}
