package io.execctl.engine.notice;

import io.execctl.domain.AccountNo;
import io.execctl.domain.OrderKey;
import io.execctl.engine.EnginePass;
import io.execctl.engine.NoticeCoverageRecorder;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OrderOwnership;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNoticeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notice fast path, fed by the {@code NoticeStream} (through the audit, which stores every raw
 * frame first). The reader thread only routes and queues: a notice of our account goes to the lane
 * of its order (hash of the order key), so one order's notices are applied in arrival order while
 * different orders proceed in parallel; each lane writes what has queued up (up to
 * {@link Options#maxBatch}) in one transaction ({@link NoticeWriter}). A burst (a reconnect, the
 * open) therefore drains in a few large commits instead of one commit per fill, and a fill arriving
 * behind it waits for at most the batches ahead of it in its own lane, never for other lanes.
 * Queues are bounded: when a lane is full the reader waits (the socket applies back-pressure) —
 * nothing is ever dropped from memory.
 *
 * <p>A notice for an unknown order is parked in its batch's transaction and its sighting goes to
 * {@link UnknownOrders}. A write that fails is retried one notice at a time; a notice that still
 * fails is parked with the error (counted {@code apply_failed}); if even that fails (the database
 * is away) the lane retries with backoff and does not move on.
 */
public final class NoticePipeline implements NoticeListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NoticePipeline.class);

    /**
     * @param lanes        parallel writers (each with its own connection while it writes)
     * @param laneCapacity notices a lane may hold before the reader waits
     * @param maxBatch     notices written in one transaction at most
     */
    public record Options(int lanes, int laneCapacity, int maxBatch) {
        public Options {
            if (lanes < 1 || laneCapacity < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("lanes, laneCapacity and maxBatch must be positive");
            }
        }

        public static Options defaults() {
            return new Options(4, 20_000, 256);
        }
    }

    private final NoticeRouter router;
    private final NoticeWriter writer;
    private final ParkedNotices parked;
    private final UnknownOrders unknown;
    private final NoticeMetrics metrics;
    private final Options options;
    /** Stage names for {@link NoticeMetrics#stage}: frame received → routed and queued (reader thread). */
    public static final String STAGE_DECODE = "decode+route";
    /** Frame received → its lane starts the transaction: decode, route, the hand-off, any batch ahead. */
    public static final String STAGE_QUEUE = "frame->tx start";
    /** The batch's transaction: locks, reads, writes, commit (one sample per batch). */
    public static final String STAGE_WRITE = "transaction";
    /** Parked notices one retry pass looks at, at most. */
    static final int PARKED_PASS_LIMIT = 1_000;

    private EnginePass parkedPass;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final LaneWatermarks watermarks;
    private volatile boolean started;
    private volatile boolean closing;
    private volatile long frameNanos;

    public NoticePipeline(
            NoticeRouter router,
            NoticeWriter writer,
            ParkedNotices parked,
            UnknownOrders unknown,
            NoticeMetrics metrics,
            Options options) {
        this.router = Objects.requireNonNull(router, "router");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.parked = Objects.requireNonNull(parked, "parked");
        this.unknown = Objects.requireNonNull(unknown, "unknown");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.options = Objects.requireNonNull(options, "options");
        this.watermarks = new LaneWatermarks(options.lanes());
        for (int i = 0; i < options.lanes(); i++) {
            lanes.add(new Lane(i));
        }
    }

    /** The whole path over one database for one account: what the daemon builds. */
    public static NoticePipeline create(
            Jdbi jdbi,
            AccountNo account,
            OrderOwnership ownership,
            ExternalOrderLookup lookup,
            NoticeMetrics metrics,
            Clock clock,
            Options options) {
        OrderTx orderTx = new OrderTx(jdbi);
        NoticeWriter writer =
                new NoticeWriter(jdbi, new FillApplier(orderTx, clock, (key, notice) -> metrics.held()), clock);
        ParkedNotices parked = new ParkedNotices(orderTx, writer, metrics, clock);
        OrderStore orders = OrderStore.of(jdbi);
        UnknownOrders unknown = new UnknownOrders(
                ownership, lookup, parked, key -> orders.findByKey(key).isPresent());
        NoticePipeline p = new NoticePipeline(new NoticeRouter(account), writer, parked, unknown, metrics, options);
        p.parkedPass = new ParkedNoticesPass(
                ParkedNoticeStore.of(jdbi),
                parked,
                unknown,
                key -> orders.findByKey(key).isPresent(),
                PARKED_PASS_LIMIT);
        return p;
    }

    /** Where the submission path and ownership call {@code applyParked(key)} in the order's transaction. */
    public ParkedNotices parked() {
        return parked;
    }

    /**
     * The retry pass over parked notices ({@link ParkedNoticesPass}) for the daemon to schedule (every
     * few seconds); null when the pipeline was built without {@link #create}.
     */
    public EnginePass parkedPass() {
        return parkedPass;
    }

    /** Starts the lanes. Call once, before the stream starts. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("notice pipeline already started");
        }
        started = true;
        for (Lane l : lanes) {
            l.thread.start();
        }
    }

    @Override
    public void onRawFrame(String raw, Instant receivedAt) {
        frameNanos = System.nanoTime(); // the reader thread: its notices follow this call
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        long received = frameNanos != 0 ? frameNanos : System.nanoTime();
        NoticeRouter.Route route = router.route(notice, received);
        if (route.command().isEmpty()) {
            if (route.unrouted() == NoticeRouter.Unrouted.OTHER_ACCOUNT) {
                metrics.otherAccount();
            } else {
                metrics.unusable("no_original");
                log.warn("notice {} not routed: {}", notice.receipt(), route.unrouted());
            }
            return;
        }
        submit(route.command().get());
        metrics.stage(STAGE_DECODE, System.nanoTime() - received);
    }

    /** Queues a routed command on its order's lane (waits while the lane is full). */
    public void submit(NoticeCommand c) {
        if (closing) {
            watermarks.givenUp(1);
            metrics.unusable("closed");
            log.warn(
                    "notice {} for {} arrived after close; not applied (the REST sync covers it)",
                    c.receipt(),
                    c.key());
            return;
        }
        Lane lane = lanes.get(Math.floorMod(c.key().hashCode(), lanes.size()));
        queued.incrementAndGet();
        watermarks.queued(lane.index);
        try {
            lane.queue.put(c);
        } catch (InterruptedException e) {
            queued.decrementAndGet();
            watermarks.givenUp(1);
            watermarks.finished(lane.index, 1);
            Thread.currentThread().interrupt();
            metrics.unusable("interrupted");
        }
    }

    @Override
    public void onCorrupt(String raw, String reason) {
        metrics.decodeError();
        log.warn("notice stream: unreadable frame or record ({}); raw kept in the audit", reason);
    }

    /** How far the queued notices are written, for the notice coverage ({@link NoticeCoverageRecorder}). */
    public NoticeCoverageRecorder.Durability durability() {
        return watermarks;
    }

    /** Notices queued and not yet written. */
    public long backlog() {
        return queued.get() - done.get();
    }

    /** Waits until every notice queued so far is written (tests, benchmarks, shutdown). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (backlog() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return true;
    }

    /** Stops taking notices, writes what is queued (up to 10 s), stops the lanes and the ownership thread. */
    @Override
    public void close() {
        closing = true;
        for (Lane l : lanes) {
            l.stop = true;
        }
        for (Lane l : lanes) {
            if (l.thread.isAlive()) {
                try {
                    l.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        unknown.close();
        if (backlog() > 0) {
            log.warn("notice pipeline closed with {} notice(s) unwritten; the REST sync covers them", backlog());
        }
    }

    private void process(List<NoticeCommand> batch) {
        long start = System.nanoTime();
        List<NoticeWriter.Result> results = writeWithFallback(batch);
        long now = System.nanoTime();
        metrics.stage(STAGE_WRITE, now - start);
        Set<OrderKey> orders = new HashSet<>();
        Set<OrderKey> asked = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            NoticeCommand c = batch.get(i);
            NoticeWriter.Result r = results.get(i);
            orders.add(c.key());
            metrics.notice(c.action());
            if (r == NoticeWriter.Result.APPLIED && c.action() == NoticeAction.FILL && c.receivedNanos() != 0) {
                metrics.fillCommitted(now - c.receivedNanos());
                metrics.stage(STAGE_QUEUE, start - c.receivedNanos()); // includes decode+route
            } else if (r == NoticeWriter.Result.PARKED) {
                metrics.parked();
                Optional<BrokerOrderSighting> s = c.sighting();
                if (s.isPresent() && asked.add(c.key())) {
                    unknown.sighted(s.get());
                }
            }
        }
        metrics.batch(batch.size(), orders.size());
        done.addAndGet(batch.size());
    }

    private List<NoticeWriter.Result> writeWithFallback(List<NoticeCommand> batch) {
        long backoffMs = 100;
        while (true) {
            try {
                return writer.writeBatch(batch);
            } catch (RuntimeException batchFailure) {
                log.warn(
                        "notice batch of {} failed ({}); writing one by one",
                        batch.size(),
                        batchFailure.getClass().getSimpleName());
            }
            try {
                List<NoticeWriter.Result> out = new ArrayList<>(batch.size());
                for (NoticeCommand c : batch) {
                    out.add(writeOneOrPark(c));
                }
                return out;
            } catch (RuntimeException databaseAway) {
                if (closing) {
                    log.error(
                            "notice lane closing with {} unwritten notice(s) ({}); the REST sync covers them",
                            batch.size(),
                            databaseAway.getClass().getSimpleName());
                    throw databaseAway;
                }
                log.error(
                        "notice lane cannot write or park ({}); retrying in {} ms",
                        databaseAway.getClass().getSimpleName(),
                        backoffMs);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("notice lane interrupted with unwritten notices", e);
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        }
    }

    private NoticeWriter.Result writeOneOrPark(NoticeCommand c) {
        try {
            return writer.writeOne(c);
        } catch (RuntimeException e) {
            metrics.unusable("apply_failed");
            log.error("notice {} for {} could not be applied; parked with the error", c.receipt(), c.key(), e);
            writer.parkFailed(c, e.getClass().getSimpleName() + ": " + e.getMessage());
            return NoticeWriter.Result.PARKED;
        }
    }

    /** One writer thread and its queue. */
    private final class Lane implements Runnable {
        final BlockingQueue<NoticeCommand> queue = new ArrayBlockingQueue<>(options.laneCapacity());
        final Thread thread;
        final int index;
        volatile boolean stop;

        Lane(int index) {
            this.index = index;
            this.thread = new Thread(this, "notice-lane-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<NoticeCommand> batch = new ArrayList<>(options.maxBatch());
            while (true) {
                try {
                    NoticeCommand first = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stop) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, options.maxBatch() - 1);
                    process(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.error("notice lane failed on a batch; continuing", e);
                    watermarks.givenUp(batch.size());
                    done.addAndGet(batch.size());
                } finally {
                    watermarks.finished(index, batch.size());
                    batch.clear();
                }
            }
        }
    }
}
