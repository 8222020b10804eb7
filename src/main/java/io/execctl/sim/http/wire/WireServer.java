package io.execctl.sim.http.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's own small HTTP/1.1 server (persistent connections, Content-Length and chunked
 * request bodies, {@code Expect: 100-continue}). It exists because KIS writes its response header names
 * in lowercase and the JDK server capitalises them; clients that look headers up case-sensitively must
 * see what KIS sends. One thread per connection from a bounded pool; each phase of a request has a
 * deadline ({@link WireLimits}).
 */
public final class WireServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WireServer.class);

    /** Handles one request on the connection's thread; must answer or drop the exchange before returning. */
    @FunctionalInterface
    public interface Handler {
        void handle(WireExchange exchange) throws IOException;
    }

    /** The body of a transport-level refusal: the caller's choice of error shape (KIS JSON). */
    @FunctionalInterface
    public interface ErrorBody {
        WireReply render(int status);
    }

    /** A status-independent answer for transport errors: content type and body. */
    public record WireReply(String contentType, byte[] body) {}

    private final ServerSocket server;
    private final Handler handler;
    private final ErrorBody errors;
    private final WireLimits limits;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WireServer(ServerSocket server, Handler handler, ErrorBody errors, WireLimits limits, String name) {
        this.server = server;
        this.handler = handler;
        this.errors = errors;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                0, limits.maxConnections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Binds {@code host:port} (0 = any free port) and starts accepting. */
    public static WireServer start(
            String host, int port, Handler handler, ErrorBody errors, WireLimits limits, String name)
            throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 256);
        return new WireServer(s, Objects.requireNonNull(handler), Objects.requireNonNull(errors), limits, name);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing listener: {}", e.toString());
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("accept failed: {}", e.toString());
                }
                continue;
            }
            if (closed) {
                closeQuietly(s);
                return;
            }
            try {
                pool.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                log.warn("{} connections open: refusing one with 503", limits.maxConnections());
                try (s) {
                    s.setSoTimeout(1000);
                    OutputStream out = s.getOutputStream();
                    writeError(out, 503);
                } catch (IOException ignored) {
                    // the refusal is best effort
                }
            }
        }
    }

    private void serve(Socket s) {
        open.add(s);
        try (s) {
            if (closed) {
                return; // accepted while closing: close() may have missed it
            }
            s.setTcpNoDelay(true);
            DeadlineInput in = new DeadlineInput(s);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            RequestReader reader = new RequestReader(in, out, limits);
            while (!closed) {
                in.deadlineIn(limits.idleTimeout().toMillis());
                int first;
                try {
                    first = in.read();
                } catch (SocketTimeoutException e) {
                    return; // idle keep-alive connection: close quietly, as servers do
                }
                if (first < 0) {
                    return;
                }
                WireRequest req;
                try {
                    req = reader.read(first);
                } catch (WireException e) {
                    log.info("refused a malformed request with {}: {}", e.status, e.getMessage());
                    writeError(out, e.status);
                    return;
                } catch (SocketTimeoutException e) {
                    log.info("request not received in time (slow client): closing with 408");
                    writeError(out, 408);
                    return;
                }
                WireExchange ex = new WireExchange(req, out, keepAlive(req));
                try {
                    handler.handle(ex);
                } catch (RuntimeException e) {
                    log.error("handler failed on {} {}", req.method(), req.path(), e);
                    if (!ex.answered() && !ex.dropped()) {
                        writeError(out, 500);
                    }
                    return;
                }
                if (ex.dropped() || !ex.answered() || !ex.keepAlive()) {
                    return;
                }
            }
        } catch (SocketException e) {
            log.debug("connection ended: {}", e.toString());
        } catch (IOException e) {
            log.debug("connection failed: {}", e.toString());
        } finally {
            open.remove(s);
        }
    }

    private static boolean keepAlive(WireRequest req) {
        String c = req.header("connection").toLowerCase(Locale.ROOT);
        if (req.version().equals("HTTP/1.0")) {
            return c.contains("keep-alive");
        }
        return !c.contains("close");
    }

    private void writeError(OutputStream out, int status) throws IOException {
        WireReply r = errors.render(status);
        out.write(WireExchange.head(
                status, List.of(new WireExchange.Header("content-type", r.contentType())), r.body().length, false));
        out.write(r.body());
        out.flush();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing on shutdown
        }
    }
}
