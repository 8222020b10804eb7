package io.execctl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.PoolSettings;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.store.ConnectionPool;
import io.execctl.store.Db;
import io.execctl.store.FillApplier;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The engine's per-fill database path on a real PostgreSQL: {@link FillApplier#applyNotice}, one
 * {@link OrderTx} transaction that takes the order's advisory lock, reads the order's fill rows, runs
 * the fill model, inserts the fill, updates the order's quantities and status and appends outbox
 * events (which NOTIFY at commit). {@code newFill} applies a new notice receipt each time (a new
 * order every 100 fills, since the model reads the order's rows); {@code duplicateFill} applies an
 * already applied receipt again (a retry after a crash).
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
    private static final NoticeReceipt STORED = new NoticeReceipt("bench-stored", 0, 0);

    private OrderTx orderTx;
    private OrderStore orders;
    private FillApplier applier;
    private OrderKey key;
    private OrderKey current;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong odno = new AtomicLong();

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
        orders = OrderStore.of(jdbi);
        applier = new FillApplier(orderTx, Clock.fixed(T0, ZoneOffset.UTC));
        key = newOrder();
        applier.applyNotice(key, STORED, T0, 1, new BigDecimal("72000"), null);
    }

    private OrderKey newOrder() {
        OrderKey k = OrderKey.of("12345678-01", LocalDate.of(2026, 1, 13), Long.toString(odno.incrementAndGet()));
        Order order = new Order(
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
                T0);
        orders.upsert(order, null);
        return k;
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
        if (s % 100 == 0) {
            current = newOrder();
        }
        OrderKey k = current == null ? key : current;
        return !applier.applyNotice(k, new NoticeReceipt("bench", s, 0), T0, 1, new BigDecimal("72000"), null)
                .inserted()
                .isEmpty();
    }

    @Benchmark
    public boolean duplicateFill() {
        return !applier.applyNotice(key, STORED, T0, 1, new BigDecimal("72000"), null)
                .inserted()
                .isEmpty();
    }
}
