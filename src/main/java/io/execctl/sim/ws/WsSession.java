package io.execctl.sim.ws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a reader thread (handshake, then frames and requests) and, once upgraded, a
 * writer thread draining a bounded queue. Everything the server sends goes through the queue, so acks,
 * PINGPONG and notices keep their order and the market never waits for a socket; a session whose queue
 * overflows is closed at once (a client that cannot keep up loses its session, as a cut connection
 * would, and must reconcile after reconnecting).
 */
final class WsSession {
    private static final Logger log = LoggerFactory.getLogger(WsSession.class);
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long CLOSE_GRACE_MS = 1_000;

    /** What a session needs from its server. */
    interface Host {
        WsOptions options();

        SubscriptionHandler handler();

        WsCounters counters();

        ScheduledExecutorService scheduler();

        /** The WebSocket faults in force now (the half-open fault is checked per session). */
        WsFaults faults();

        void opened(WsSession session);

        void closed(WsSession session);
    }

    private final long id;
    private final Socket socket;
    private final Host host;
    private final BlockingQueue<Outbound> queue;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile boolean closing;
    private volatile boolean closeSent;
    private volatile boolean peerClosed;
    private volatile boolean awaitingEcho;
    /** System.nanoTime() of the upgrade (the half-open fault counts from it). */
    private volatile long openedNanos;
    /** Half-open (ws_silent_after_s): nothing more is sent, nothing closes the session but the peer. */
    private volatile boolean silent;

    private volatile Thread writerThread;
    private FrameWriter writer;
    /** A notice held back by the reorder fault; guarded by the server's publish lock. */
    Outbound.Notice held;

    WsSession(long id, Socket socket, Host host) {
        this.id = id;
        this.socket = socket;
        this.host = host;
        this.queue = new LinkedBlockingQueue<>(host.options().queueCapacity());
    }

    long id() {
        return id;
    }

    boolean isClosed() {
        return terminated.get();
    }

    Subscription subscription(String subscriptionId) {
        return subscriptions.get(subscriptionId);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    void addSubscription(Subscription s) {
        subscriptions.put(s.id(), s);
    }

    Subscription removeSubscription(String subscriptionId) {
        return subscriptions.remove(subscriptionId);
    }

    /**
     * True once the half-open fault has struck this session: from then on it sends nothing (no notice, ack,
     * PINGPONG, pong or close frame) and never closes on its own, as a connection whose far side vanished.
     */
    boolean silentNow() {
        if (silent) {
            return true;
        }
        double after = host.faults().silentAfterSeconds();
        if (after > 0 && openedNanos != 0 && System.nanoTime() - openedNanos >= (long) (after * 1e9)) {
            silent = true;
            log.info("session {}: fault ws_silent_after_s: half-open from now on (nothing sent, no close)", id);
        }
        return silent;
    }

    /** The client echoed PINGPONG (text, ping or pong frame). */
    void pingEchoed() {
        awaitingEcho = false;
    }

    /**
     * Sends a PINGPONG unless the previous one is still unanswered; returns false in that case (the
     * caller closes the session).
     */
    boolean ping(String pingJson) {
        if (closing || terminated.get() || silentNow()) {
            return true;
        }
        if (awaitingEcho) {
            return false;
        }
        awaitingEcho = true;
        enqueue(new Outbound.Text(pingJson));
        return true;
    }

    /** Queues a frame; false if the session is closing or the queue overflowed (the session is then closed). */
    boolean enqueue(Outbound o) {
        if (closing || terminated.get()) {
            return false;
        }
        if (silentNow()) {
            return true; // sent into the void
        }
        if (!queue.offer(o)) {
            host.counters().overflowCloses.increment();
            log.warn(
                    "session {}: send queue full ({} frames), closing: the client does not keep up",
                    id,
                    host.options().queueCapacity());
            terminate("send queue overflow");
            return false;
        }
        return true;
    }

    /** Closes with a close frame (code, reason); the socket goes after the peer's answer or a short grace. */
    void closeWith(int code, String reason) {
        if (closing || terminated.get() || silentNow()) {
            return;
        }
        if (queue.offer(new Outbound.Close(code, reason))) {
            closing = true;
            try {
                host.scheduler()
                        .schedule(() -> terminate("close grace elapsed"), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                terminate("server stopping");
            }
        } else {
            terminate("close on a full queue");
        }
    }

    /** Closes the socket at once, without a close frame (a network cut). Idempotent. */
    void terminate(String reason) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("session {}: socket close failed", id, e);
        }
        Thread w = writerThread;
        if (w != null) {
            w.interrupt();
        }
        queue.clear();
        subscriptions.clear();
        log.info("session {} closed: {}", id, reason);
        host.closed(this);
    }

    /** The reader thread's body: handshake, then frames until the connection ends. */
    void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            WsHandshake.Outcome outcome = WsHandshake.answer(WsHandshake.read(in));
            out.write(outcome.bytes());
            out.flush();
            if (!outcome.upgraded()) {
                host.counters().handshakesRefused.increment();
                terminate("handshake refused with HTTP " + outcome.status());
                return;
            }
            socket.setSoTimeout(0);
            writer = new FrameWriter(out);
            openedNanos = System.nanoTime();
            host.opened(this);
            Thread w = new Thread(this::writeLoop, "sim-ws-writer-" + id);
            w.setDaemon(true);
            writerThread = w;
            w.start();
            readLoop(new FrameReader(in, MAX_MESSAGE_BYTES));
        } catch (IOException e) {
            if (!terminated.get()) {
                log.debug("connection {}: {}", id, e.toString());
            }
            terminate(e instanceof EOFException ? "peer closed the connection" : "connection error: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("connection {}: unexpected failure", id, e);
            terminate("internal error");
        }
    }

    private void readLoop(FrameReader reader) throws IOException {
        while (!terminated.get()) {
            FrameReader.Message m;
            try {
                m = reader.next();
            } catch (WsProtocolException e) {
                host.counters().protocolErrors.increment();
                log.warn("session {}: protocol error ({}): {}", id, e.closeCode(), e.getMessage());
                closeWith(e.closeCode(), e.getMessage());
                return;
            }
            if (m.opcode() == Opcode.CLOSE && silentNow()) {
                continue; // half-open: the close goes unanswered; the session ends when the peer drops the socket
            }
            switch (m.opcode()) {
                case Opcode.TEXT, Opcode.BINARY -> onData(m.text());
                case Opcode.PING -> {
                    enqueue(new Outbound.Pong(m.payload()));
                    if (mentionsPingpong(m.payload())) {
                        pingEchoed();
                    }
                }
                case Opcode.PONG -> {
                    if (mentionsPingpong(m.payload())) {
                        pingEchoed();
                    }
                }
                case Opcode.CLOSE -> {
                    peerClosed = true;
                    if (closeSent) {
                        terminate("close handshake complete");
                    } else {
                        int code = closeCode(m.payload());
                        if (!closing && queue.offer(new Outbound.Close(code, ""))) {
                            closing = true;
                        } else if (!closing) {
                            terminate("close on a full queue");
                        }
                    }
                    return;
                }
                default ->
                    throw new WsProtocolException(Opcode.CLOSE_PROTOCOL_ERROR, "unexpected opcode " + m.opcode());
            }
        }
    }

    private void onData(String text) {
        SubscriptionHandler.Reply reply = host.handler().handle(this, text);
        if (reply == null) {
            return;
        }
        enqueue(new Outbound.Text(reply.text()));
        if (reply.closeAfter()) {
            closeWith(Opcode.CLOSE_POLICY_VIOLATION, "ALREADY IN USE appkey");
        }
    }

    private static boolean mentionsPingpong(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8).contains("PINGPONG");
    }

    private static int closeCode(byte[] payload) {
        if (payload.length < 2) {
            return Opcode.CLOSE_NORMAL;
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return code == Opcode.CLOSE_NO_STATUS || code < 1000 || code >= 5000 ? Opcode.CLOSE_NORMAL : code;
    }

    private void writeLoop() {
        try {
            while (!terminated.get()) {
                Outbound o = queue.take();
                if (!write(o)) {
                    return;
                }
                while ((o = queue.poll()) != null) {
                    if (!write(o)) {
                        return;
                    }
                }
                writer.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            terminate(
                    e instanceof SocketException ? "connection lost while writing" : "write failed: " + e.getMessage());
        }
    }

    /** Writes one item; false after a close frame (the writer stops). */
    private boolean write(Outbound o) throws IOException {
        if (silentNow()) {
            return true; // queued before the session went half-open: never leaves
        }
        if (o instanceof Outbound.Text t) {
            writer.text(t.text());
        } else if (o instanceof Outbound.Notice n) {
            writeNotice(n);
        } else if (o instanceof Outbound.Pong p) {
            writer.write(Opcode.PONG, p.payload());
        } else if (o instanceof Outbound.Close c) {
            writer.close(c.code(), c.reason());
            writer.flush();
            closeSent = true;
            if (peerClosed) {
                terminate("close handshake complete");
            }
            return false;
        }
        return true;
    }

    private void writeNotice(Outbound.Notice n) throws IOException {
        Subscription sub = n.subscription();
        if (subscriptions.get(sub.id()) != sub) {
            return; // unsubscribed since it was queued
        }
        List<ExecutionNotice> records = new ArrayList<>();
        records.add(n.notice());
        if (n.corruption() == Outbound.Corruption.NONE) {
            int max = host.options().maxRecordsPerFrame();
            while (records.size() < max
                    && queue.peek() instanceof Outbound.Notice next
                    && next.subscription() == sub
                    && next.corruption() == Outbound.Corruption.NONE) {
                queue.poll();
                records.add(next.notice());
            }
        }
        writer.text(NoticeFrames.frame(sub, records, host.options().layout23(), n.corruption()));
        host.counters().noticeFramesSent.increment();
    }

    @Override
    public String toString() {
        return "WsSession[" + id + "]";
    }
}
