package io.execctl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.PoolSettings;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Fill;
import io.execctl.domain.FillSource;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.store.ConnectionPool;
import io.execctl.store.Db;
import io.execctl.store.FillStore;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.OutboxEvent;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-fill database path on a real PostgreSQL: one {@link OrderTx} transaction that
 * takes the order's advisory lock, inserts the fill, updates the order's quantities and appends an
 * outbox event (which NOTIFYs at commit). {@code newFill} stores a new fill each time;
 * {@code duplicateFill} replays an already stored one (the idempotent WS/REST overlap).
 * Fills of one order are serialized by design, so a single thread is the meaningful measure.
 *
 * <p>Run (after {@code mvn -o test-compile}):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main FillPathBench}
 * with {@code cp.txt} from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
@Threads(1)
public class FillPathBench {
    private static final Instant T0 = Instant.parse("2026-01-13T00:30:00Z");

    /**
     * {@code pooled}: connections are reused from the HikariCP pool the commands use
     * ({@link ConnectionPool}, default settings); {@code unpooled}: a new PostgreSQL connection for every transaction, as a bare
     * {@code PGSimpleDataSource} gives.
     */
    @Param({"pooled", "unpooled"})
    public String connections;

    private TestDatabase db;
    private HikariDataSource pool;
    private OrderTx orderTx;
    private String orderId;
    private Fill stored;
    private final AtomicLong seq = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), false);
        Jdbi jdbi;
        if (connections.equals("pooled")) {
            pool = ConnectionPool.open(db.dataSource(), PoolSettings.defaults(), "execctl-bench");
            jdbi = Db.create(pool);
        } else {
            jdbi = Db.create(db.dataSource());
        }
        orderTx = new OrderTx(jdbi);
        OrderKey key = OrderKey.of(LocalDate.of(2026, 1, 13), "06010", "1");
        Order order = new Order(
                key,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "12345678-01",
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                Long.MAX_VALUE / 2,
                new BigDecimal("72000"),
                0,
                Long.MAX_VALUE / 2,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.INTENT,
                null,
                T0,
                T0);
        OrderStore.of(jdbi).upsert(order, null);
        orderId = order.orderId();
        stored = Fill.of(orderId, T0, 1, new BigDecimal("72000"), seq.incrementAndGet(), FillSource.WS);
        FillStore.of(jdbi).insert(stored, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
        db.close();
    }

    @Benchmark
    public boolean newFill() {
        long s = seq.incrementAndGet();
        Fill f = Fill.of(orderId, T0.plusMillis(s), 1, new BigDecimal("72000"), s, FillSource.WS);
        return orderTx.inOrderTransaction(orderId, tx -> {
            boolean isNew = tx.fills().insert(f, null);
            tx.orders()
                    .updateProgress(
                            orderId,
                            s,
                            Long.MAX_VALUE / 2 - s,
                            new BigDecimal("72000"),
                            BrokerStatus.ACCEPTED,
                            OrderStatus.PARTIAL,
                            f.ts());
            tx.outbox().append(OutboxEvent.of(OutboxEvent.FILL, orderId, "FILL:" + f.fillId(), "{\"qty\": 1}", f.ts()));
            return isNew;
        });
    }

    @Benchmark
    public boolean duplicateFill() {
        return orderTx.inOrderTransaction(orderId, tx -> tx.fills().insert(stored, null));
    }
}
