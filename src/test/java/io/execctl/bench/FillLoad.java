package io.execctl.bench;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * A background stream of real fill writes ({@link FillApplier#applyNotice}: one {@link OrderTx}
 * transaction with outbox events that NOTIFY at commit) at a fixed rate, on a thread of its own: the
 * load the submission path shares the database with (NOTIFY serialises commits cluster-wide).
 */
final class FillLoad implements AutoCloseable {
    private static final Instant T0 = Instant.parse("2026-01-13T00:30:00Z");

    private static final int WRITERS = 4;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-fills-timer");
        t.setDaemon(true);
        return t;
    });
    /** Fills of one order are serialised (OrderTx), so each writer thread fills orders of its own. */
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "bench-fills");
        t.setDaemon(true);
        return t;
    });

    private final Semaphore backlog = new Semaphore(WRITERS * 2);
    private final AtomicLong skipped = new AtomicLong();
    private final ThreadLocal<OrderKey> current = new ThreadLocal<>();
    private final OrderStore orders;
    private final FillApplier applier;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong odno = new AtomicLong(900_000);
    private final long started = System.nanoTime();

    private FillLoad(Jdbi jdbi) {
        this.orders = OrderStore.of(jdbi);
        this.applier = new FillApplier(new OrderTx(jdbi), Clock.systemUTC());
    }

    static FillLoad start(Jdbi jdbi, int perSecond) {
        FillLoad l = new FillLoad(jdbi);
        long periodMicros = 1_000_000L / perSecond;
        l.timer.scheduleAtFixedRate(l::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        return l;
    }

    /** One fill due: handed to a writer, or counted as skipped when the writers are all behind. */
    private void tick() {
        if (!backlog.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        writers.execute(() -> {
            try {
                oneFill();
            } finally {
                backlog.release();
            }
        });
    }

    private void oneFill() {
        try {
            long s = seq.incrementAndGet();
            OrderKey k = current.get();
            if (k == null || s % 100 < WRITERS) {
                k = newOrder();
                current.set(k);
            }
            applier.applyNotice(k, new NoticeReceipt("bench-load", s, 0), T0, 1, new BigDecimal("72000"), null);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    /** Fills that were due but not written because the writers were behind. */
    long skipped() {
        return skipped.get();
    }

    long errors() {
        return errors.get();
    }

    private OrderKey newOrder() {
        OrderKey k = OrderKey.of("12345678-01", LocalDate.of(2026, 1, 13), Long.toString(odno.incrementAndGet()));
        orders.upsert(
                new Order(
                        k,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "06010",
                        null,
                        "005930",
                        Side.BUY,
                        OrderType.LMT,
                        1_000_000,
                        new BigDecimal("72000"),
                        0,
                        1_000_000,
                        null,
                        BrokerStatus.ACCEPTED,
                        OrderStatus.SUBMITTED,
                        OrderSource.INTENT,
                        null,
                        T0,
                        T0),
                null);
        return k;
    }

    /** Fills written per second so far (the schedule may fall behind on a loaded machine). */
    double rate() {
        return seq.get() / ((System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
