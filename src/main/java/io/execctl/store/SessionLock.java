package io.execctl.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session-level PostgreSQL advisory lock (e.g. "one active daemon per account") that a frozen or
 * vanished process cannot hold forever.
 *
 * <p>The lock lives on a connection of its own, taken from an <em>unpooled</em> data source (a
 * pool would hand the session, and the lock with it, to someone else). That session sets
 * {@code idle_session_timeout} (PostgreSQL 14+), and a thread of its own runs {@code SELECT 1}
 * every {@link Options#heartbeatEvery()}. While the process runs, the session is never idle long;
 * when the process freezes (GC pause, SIGSTOP, a hung host) the heartbeat stops, the server ends
 * the session after the timeout and the lock is free for a standby. A heartbeat that fails (backend
 * terminated, network lost, session timed out) marks the lock lost and calls the
 * {@link LostListener} once.
 *
 * <p>The lock is an optimisation, never the safety: a process that was frozen learns that it lost
 * the lock only when it runs again, possibly after a successor has started sending. Before any
 * order is sent the engine must win the submission journal's conditional write
 * ({@link SubmissionStore}) — that write, not this lock, fences a stale holder.
 */
public final class SessionLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLock.class);

    /** Told once when the lock is lost without {@link #close()} (called on the heartbeat thread). */
    @FunctionalInterface
    public interface LostListener {
        void onLost(String reason);
    }

    /**
     * @param heartbeatEvery     how often the holder proves it is alive ({@code SELECT 1})
     * @param idleSessionTimeout the server ends the lock's session when it was idle this long, i.e.
     *                           when about this many heartbeats in a row did not happen; at least
     *                           three heartbeats, so one slow heartbeat does not lose the lock
     * @param retryEvery         how often a waiting {@link #acquire} asks again
     */
    public record Options(Duration heartbeatEvery, Duration idleSessionTimeout, Duration retryEvery) {
        public Options {
            positive(heartbeatEvery, "heartbeatEvery");
            positive(idleSessionTimeout, "idleSessionTimeout");
            positive(retryEvery, "retryEvery");
            if (idleSessionTimeout.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("idleSessionTimeout must be at least three heartbeats");
            }
            if (idleSessionTimeout.compareTo(retryEvery) <= 0) {
                throw new IllegalArgumentException("retryEvery must be shorter than idleSessionTimeout");
            }
        }

        /** The server ends a silent session after {@code timeout}; heartbeats four times as often. */
        public static Options releasingAfter(Duration timeout) {
            Duration beat = timeout.dividedBy(4);
            return new Options(beat, timeout, beat);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    private final String label;
    private final Connection connection;
    private final long key;
    private final int backendPid;
    private final LostListener listener;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean held = new AtomicBoolean(true);
    private volatile boolean heartbeatSuspended;

    private SessionLock(
            String label, Connection connection, long key, int backendPid, Options options, LostListener listener) {
        this.label = label;
        this.connection = connection;
        this.key = key;
        this.backendPid = backendPid;
        this.listener = listener;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "execctl-lock-" + label);
            t.setDaemon(true);
            return t;
        });
        long every = options.heartbeatEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock if it is free now; empty if another session holds it. */
    public static Optional<SessionLock> tryAcquire(
            DataSource direct, String namespace, String name, Options options, LostListener listener) {
        return acquire(direct, namespace, name, Duration.ZERO, options, listener);
    }

    /**
     * Takes the lock, asking again every {@link Options#retryEvery()} for up to {@code wait};
     * empty if it stayed taken.
     *
     * @param direct a data source that opens a new connection each time, never a pool
     * @throws IllegalStateException if the server cannot be reached or is older than PostgreSQL 14
     */
    public static Optional<SessionLock> acquire(
            DataSource direct, String namespace, String name, Duration wait, Options options, LostListener listener) {
        ConnectionPool.requireUnpooled(direct);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        long key = AdvisoryLocks.key(namespace, name);
        // the name may be an account number: logs and thread names see only its hash
        String label = namespace + ":" + Long.toHexString(key);
        long deadline = System.nanoTime() + wait.toNanos();
        Connection c = null;
        try {
            c = direct.getConnection();
            c.setAutoCommit(true);
            // bounds every heartbeat: a half-open TCP connection counts as lost instead of hanging
            c.setNetworkTimeout(Runnable::run, (int)
                    Math.min(Integer.MAX_VALUE, options.idleSessionTimeout().toMillis()));
            try (Statement st = c.createStatement()) {
                st.execute("SET idle_session_timeout = '"
                        + options.idleSessionTimeout().toMillis() + "ms'");
                st.execute("SET idle_in_transaction_session_timeout = '"
                        + options.idleSessionTimeout().toMillis() + "ms'");
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "session locks need PostgreSQL 14 or later (idle_session_timeout): " + e.getMessage(), e);
            }
            while (true) {
                if (tryLock(c, key)) {
                    int pid = c.unwrap(PGConnection.class).getBackendPID();
                    SessionLock lock = new SessionLock(label, c, key, pid, options, listener);
                    c = null;
                    log.info("session lock {} taken (backend {})", label, pid);
                    return Optional.of(lock);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                LockSupport.parkNanos(Math.min(left, options.retryEvery().toNanos()));
                if (Thread.currentThread().isInterrupted()) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take session lock " + label + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void beat() {
        if (heartbeatSuspended || !held.get()) {
            return;
        }
        synchronized (connection) {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (!held.get()) {
                    return; // closed meanwhile
                }
                lost("heartbeat failed: " + e.getMessage());
            }
        }
    }

    private void lost(String reason) {
        if (held.compareAndSet(true, false)) {
            log.warn("session lock {} lost ({})", label, reason);
            heartbeat.shutdown();
            closeQuietly(connection);
            try {
                listener.onLost(reason);
            } catch (RuntimeException e) {
                log.error("lost-lock listener of {} failed", label, e);
            }
        }
    }

    /** True until {@link #close()} or until a heartbeat found the session gone. */
    public boolean isHeld() {
        return held.get();
    }

    /** The server process holding the lock (for {@code pg_stat_activity}, or to end it by hand). */
    public int backendPid() {
        return backendPid;
    }

    /** The namespace and the lock's key in hex (never the name, which may be an account number). */
    public String label() {
        return label;
    }

    /** Test hook: the heartbeat stops, as when the process is frozen. */
    void suspendHeartbeat() {
        heartbeatSuspended = true;
    }

    /** Test hook: the frozen process runs again. */
    void resumeHeartbeat() {
        heartbeatSuspended = false;
    }

    /** Releases the lock and closes its session (the listener is not called). */
    @Override
    public void close() {
        if (!held.compareAndSet(true, false)) {
            return;
        }
        heartbeat.shutdownNow();
        synchronized (connection) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException e) {
                log.debug("unlock of {} failed; closing the session releases it", label);
            }
            closeQuietly(connection);
        }
        log.info("session lock {} released", label);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the session is gone already; closing it releases the lock either way
            }
        }
    }
}
