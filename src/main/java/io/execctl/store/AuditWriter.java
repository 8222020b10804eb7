package io.execctl.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the raw broker audit ({@code trade.broker_messages}) off the trading path: callers hand a
 * message over and return at once; one writer thread inserts them in batches on a connection of its
 * own. The audit never joins, waits for or aborts the engine's transaction, and nothing the engine
 * decides may depend on an audit row existing (it may be late, or lost).
 *
 * <p>The queue is bounded. When it is full the OLDEST message is dropped (a trading thread is never
 * blocked by the audit; the newest frames are the ones an operator looks at first): drops are
 * counted ({@link #dropped()}) and logged. A batch the database refuses for its data (a constraint,
 * a NUL character) is retried row by row and only the bad rows are lost ({@link #failed()}); while
 * the database is unreachable the batch is kept and retried after {@code retryDelay}, the queue
 * bound still applying. {@link #close()} writes what is queued before returning (bounded by
 * {@code closeTimeout}).
 *
 * <p>Linger: once a message is queued the writer waits up to {@code linger} (or until a batch is
 * full, a {@link #flush} or {@link #close}) before inserting, so frames arriving a few milliseconds
 * apart share one insert and one commit. Without it, a fill stream at 200 frames/s costs 200 audit
 * commits a second — each a wake-up of this thread, a statement and a WAL flush of its backend — that
 * compete on the same cores and WAL with the notice lanes' transactions, woken by the same frames
 * (docs/benchmarks.md, "Notice fast path"). A row is at most {@code linger} later; nothing waits for it.
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    public static final int DEFAULT_BATCH = 200;
    /** How long {@link #start} lets a batch gather: 20 ms (≈ 50 audit commits a second at most). */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);

    private final Jdbi jdbi;
    private final int capacity;
    private final int batchSize;
    private final Duration retryDelay;
    private final Duration closeTimeout;
    private final long lingerNanos;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition idle = lock.newCondition();
    /** Ends a retry wait early: only {@link #close()} signals it (new messages must not). */
    private final Condition wake = lock.newCondition();
    /** Ends a linger early: a full batch, a flush, close. */
    private final Condition full = lock.newCondition();

    private final ArrayDeque<BrokerMessage> queue = new ArrayDeque<>(); // guarded by lock
    private boolean closing; // guarded by lock
    private boolean writing; // guarded by lock
    private boolean started; // guarded by lock
    private int flushing; // callers in flush(), guarded by lock: no lingering while one waits

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    /** Not started yet, no linger: call {@link #start()}. */
    public AuditWriter(Jdbi jdbi, int capacity, int batchSize, Duration retryDelay, Duration closeTimeout) {
        this(jdbi, capacity, batchSize, retryDelay, closeTimeout, Duration.ZERO);
    }

    /**
     * Not started yet: call {@link #start()}.
     *
     * @param linger how long a batch may gather before it is inserted (zero: at once)
     */
    public AuditWriter(
            Jdbi jdbi, int capacity, int batchSize, Duration retryDelay, Duration closeTimeout, Duration linger) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be positive");
        }
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::run, "execctl-audit-writer");
        this.thread.setDaemon(true); // close() flushes; a forgotten writer must not keep a CLI alive
    }

    /**
     * A started writer with the default batch size, a 1 s retry delay, a 10 s close bound and the
     * {@link #DEFAULT_LINGER}.
     */
    public static AuditWriter start(Jdbi jdbi, int capacity) {
        AuditWriter w = new AuditWriter(
                jdbi, capacity, DEFAULT_BATCH, Duration.ofSeconds(1), Duration.ofSeconds(10), DEFAULT_LINGER);
        w.start();
        return w;
    }

    public void start() {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("audit writer already started");
            }
            started = true;
        } finally {
            lock.unlock();
        }
        thread.start();
    }

    /** Queues {@code m}; never blocks, never throws for a full queue (the oldest message goes). */
    public void submit(BrokerMessage m) {
        Objects.requireNonNull(m, "message");
        BrokerMessage lost = null;
        lock.lock();
        try {
            if (closing) {
                lost = m;
            } else {
                if (queue.size() >= capacity) {
                    lost = queue.pollFirst();
                }
                queue.addLast(m);
                notEmpty.signal(); // no system call unless the writer waits for a first message
                if (queue.size() >= batchSize) {
                    full.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        submitted.incrementAndGet();
        if (lost != null) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8 ...: visible, never a log flood
                log.warn(
                        "audit queue full (capacity {}) or closed: {} broker message(s) dropped so far, latest {}",
                        capacity,
                        n,
                        lost);
            }
        }
    }

    /** Waits until everything queued so far is written (or given up); false on timeout. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            flushing++;
            full.signalAll();
            while (!queue.isEmpty() || writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) {
                    return queue.isEmpty() && !writing;
                }
                idle.awaitNanos(left);
            }
            return true;
        } finally {
            flushing--;
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<BrokerMessage> batch = new ArrayList<>(batchSize);
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    idle.signalAll();
                    notEmpty.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    idle.signalAll();
                    return; // closing and drained
                }
                linger();
                while (batch.size() < batchSize && !queue.isEmpty()) {
                    batch.add(queue.pollFirst());
                }
                writing = true;
            } finally {
                lock.unlock();
            }
            try {
                write(batch);
            } finally {
                lock.lock();
                try {
                    writing = false;
                    idle.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Lets a batch gather (lock held): until {@code linger} passed, the batch is full, a flush or close. */
    private void linger() {
        long left = lingerNanos;
        while (left > 0 && queue.size() < batchSize && !closing && flushing == 0) {
            try {
                left = full.awaitNanos(left);
            } catch (InterruptedException e) {
                // like the wait for a first message, the writer is not stopped by an interrupt
                // (close() stops it); an interrupt only ends the linger
                return;
            }
        }
    }

    private void write(List<BrokerMessage> batch) {
        try {
            insert(batch);
            return;
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                requeue(batch, e);
                return;
            }
            log.warn(
                    "audit batch of {} refused ({}); writing its rows one by one",
                    batch.size(),
                    e.getClass().getSimpleName());
        }
        for (BrokerMessage m : batch) {
            try {
                insert(List.of(m));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.warn("audit row not written ({}): {}", e.getClass().getSimpleName(), m);
            }
        }
    }

    private void insert(List<BrokerMessage> batch) {
        try (Handle h = jdbi.open()) {
            BrokerMessageStore.on(h).appendAll(batch);
        }
        written.addAndGet(batch.size());
        batches.incrementAndGet();
    }

    /** Puts the batch back in front (the bound still applies: the oldest go first) and waits a little. */
    private void requeue(List<BrokerMessage> batch, RuntimeException e) {
        log.warn(
                "audit database unreachable ({}); {} message(s) kept, retrying in {} ms",
                e.getClass().getSimpleName(),
                batch.size(),
                retryDelay.toMillis());
        int lost = 0;
        lock.lock();
        try {
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (queue.size() >= capacity) {
                    lost++;
                } else {
                    queue.addFirst(batch.get(i));
                }
            }
            if (!closing) {
                wake.await(retryDelay.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                // closing with the database down: give up rather than hold the process
                lost += queue.size();
                queue.clear();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (lost > 0) {
            dropped.addAndGet(lost);
            log.warn("audit: {} broker message(s) dropped (database unreachable)", lost);
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** Messages handed over so far. */
    public long submitted() {
        return submitted.get();
    }

    /** Rows written. */
    public long written() {
        return written.get();
    }

    /** Messages dropped: queue full, database unreachable at close, or submitted after close. */
    public long dropped() {
        return dropped.get();
    }

    /** Rows the database refused (bad data); each was logged without its payload. */
    public long failed() {
        return failed.get();
    }

    /** Successful insert statements (a batch, or a single row after a refused batch). */
    public long batches() {
        return batches.get();
    }

    /** Messages waiting. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting, writes what is queued (at most {@code closeTimeout}), stops the thread. */
    @Override
    public void close() {
        int unwritten = 0;
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
            wake.signalAll();
            full.signalAll();
            if (!started) {
                unwritten = queue.size();
                queue.clear();
            }
        } finally {
            lock.unlock();
        }
        if (unwritten > 0) {
            dropped.addAndGet(unwritten);
            log.warn("audit writer closed before it was started: {} message(s) not written", unwritten);
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn(
                    "audit writer still busy after {} s; {} message(s) not written",
                    closeTimeout.toSeconds(),
                    queued());
        }
    }
}
