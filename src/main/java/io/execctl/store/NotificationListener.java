package io.execctl.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on PostgreSQL channels over a dedicated connection, on a thread of its own, and hands
 * each notification (channel, payload) to a {@link Handler}. When the connection dies it reconnects
 * with exponential backoff, LISTENs again and then calls {@link Handler#onGap()}: notifications sent
 * while it was away are lost for good (NOTIFY is not queued for absent listeners), so the caller
 * must rescan its tables. Notifications are a wake-up, never the only path: callers poll as well.
 *
 * <p>Give it an unpooled data source (one that opens a new connection each time, e.g.
 * {@code cli.Database.directDataSource()}): the connection is held for the listener's lifetime and
 * carries its LISTEN state, which must never be handed to a pool's next borrower. A
 * {@link ConnectionPool} is refused.
 *
 * <p>Outbox consumers: a notification on {@link OutboxEvent#CHANNEL} only says "read now"; read with
 * {@link OutboxStore#readAfter} from the stored cursor, never from the notified id (docs/outbox.md).
 *
 * <p>The handler runs on the listener thread: keep it short (e.g. wake a loop). An exception it
 * throws is logged and counted; the listener keeps running.
 */
public final class NotificationListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    /** What the listener reports. */
    public interface Handler {
        /** A notification arrived (called on the listener thread). */
        void onNotification(String channel, String payload);

        /**
         * The connection was lost and is back (LISTENing again): notifications may have been missed
         * in between, rescan. Called on the listener thread after the new LISTEN is in place.
         */
        void onGap();
    }

    /**
     * @param pollTimeout     how long one wait for notifications blocks (also bounds how fast
     *                        {@link #close()} takes effect)
     * @param keepAliveEvery  how often an idle connection is checked with {@code SELECT 1}, so that
     *                        a silently dead connection is noticed
     * @param initialBackoff  first wait before reconnecting; doubles per failure up to {@code maxBackoff}
     * @param gapOnFirstConnect also call {@link Handler#onGap()} when the first LISTEN is in place
     *                        (lets the caller do its startup scan there, with no window between
     *                        scan and LISTEN)
     */
    public record Options(
            Duration pollTimeout,
            Duration keepAliveEvery,
            Duration initialBackoff,
            Duration maxBackoff,
            boolean gapOnFirstConnect) {
        public Options {
            positive(pollTimeout, "pollTimeout");
            positive(keepAliveEvery, "keepAliveEvery");
            positive(initialBackoff, "initialBackoff");
            positive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
            }
        }

        /** 500 ms polls, a keep-alive every 15 s, backoff 200 ms doubling to 10 s, no startup gap. */
        public static Options defaults() {
            return new Options(
                    Duration.ofMillis(500),
                    Duration.ofSeconds(15),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(10),
                    false);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(pollTimeout, keepAliveEvery, initial, max, gapOnFirstConnect);
        }

        public Options withGapOnFirstConnect(boolean gap) {
            return new Options(pollTimeout, keepAliveEvery, initialBackoff, maxBackoff, gap);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    private final DataSource dataSource;
    private final List<String> channels;
    private final Handler handler;
    private final Options options;
    private final Object monitor = new Object();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile int backendPid;
    private Thread thread;

    public NotificationListener(DataSource dataSource, Collection<String> channels, Handler handler, Options options) {
        this.dataSource = ConnectionPool.requireUnpooled(dataSource);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.channels = List.copyOf(channels);
        if (this.channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel to LISTEN on");
        }
        for (String c : this.channels) {
            if (c.isBlank() || c.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad channel name: '" + c + "'");
            }
        }
    }

    /** Starts the listener thread (once). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "execctl-listen-" + String.join(",", channels));
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the LISTEN is in place; false if that did not happen within {@code timeout}. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!listening) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public boolean isListening() {
        return listening;
    }

    /** The server process id of the current LISTEN connection (0 when not connected). */
    public int backendPid() {
        return backendPid;
    }

    /** How many times the connection was re-established after a loss. */
    public long reconnects() {
        return reconnects.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long handlerErrors() {
        return handlerErrors.get();
    }

    /** Failed attempts to connect or stay connected. */
    public long connectionFailures() {
        return connectionFailures.get();
    }

    private void run() {
        boolean everConnected = false;
        Duration backoff = options.initialBackoff();
        while (running) {
            Connection c = null;
            try {
                c = dataSource.getConnection();
                c.setAutoCommit(true);
                // Bounds every blocking read (the keep-alive query included), so a half-open TCP
                // connection is noticed instead of hanging the thread forever.
                c.setNetworkTimeout(Runnable::run, networkTimeoutMillis());
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement st = c.createStatement()) {
                    for (String ch : channels) {
                        st.execute("LISTEN " + quoteIdentifier(ch));
                    }
                }
                backendPid = pg.getBackendPID();
                boolean gap = everConnected || options.gapOnFirstConnect();
                if (everConnected) {
                    reconnects.incrementAndGet();
                    log.info("LISTEN on {} re-established", channels);
                }
                everConnected = true;
                backoff = options.initialBackoff();
                setListening(true);
                if (gap) {
                    safely(handler::onGap);
                }
                pump(c, pg);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                connectionFailures.incrementAndGet();
                setListening(false);
                log.warn(
                        "LISTEN connection on {} lost or unavailable ({}); retrying in {} ms",
                        channels,
                        e.getMessage(),
                        backoff.toMillis());
                closeQuietly(c);
                c = null;
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0
                        ? options.maxBackoff()
                        : backoff.multipliedBy(2);
            } finally {
                closeQuietly(c);
            }
        }
        setListening(false);
    }

    private int networkTimeoutMillis() {
        long ms = Math.max(
                options.pollTimeout().toMillis() * 4, options.keepAliveEvery().toMillis() * 2);
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private void pump(Connection c, PGConnection pg) throws SQLException {
        int timeoutMs = (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, options.pollTimeout().toMillis()));
        long keepAliveNanos = options.keepAliveEvery().toNanos();
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] ns = pg.getNotifications(timeoutMs);
            if (ns != null && ns.length > 0) {
                for (PGNotification n : ns) {
                    delivered.incrementAndGet();
                    safely(() -> handler.onNotification(n.getName(), n.getParameter()));
                }
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck >= keepAliveNanos) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
            log.error("notification handler failed", e);
        }
    }

    private void setListening(boolean value) {
        synchronized (monitor) {
            listening = value;
            if (!value) {
                backendPid = 0;
            }
            monitor.notifyAll();
        }
    }

    private void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (monitor) {
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
        }
    }

    /** Stops the thread (within about one poll timeout) and closes the connection. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(options.pollTimeout().toMillis() * 4 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is already broken; nothing more to release
            }
        }
    }

    /** The channels this listener LISTENs on. */
    public List<String> channels() {
        return new ArrayList<>(channels);
    }
}
