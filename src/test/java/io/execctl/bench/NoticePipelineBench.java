package io.execctl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.cli.WsAudit;
import io.execctl.config.PoolSettings;
import io.execctl.domain.AccountNo;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.domain.TradingDate;
import io.execctl.engine.notice.InMemoryNoticeMetrics;
import io.execctl.engine.notice.NoticePipeline;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.store.AuditWriter;
import io.execctl.store.ConnectionPool;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.store.OrderTx;
import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;

/**
 * The notice fast path end to end on this machine: the simulator's WebSocket sends real
 * AES-encrypted fill notices, the real client decodes and stamps them, the audit queues every frame,
 * and the {@link NoticePipeline} writes them to PostgreSQL (pooled). The latency is the pipeline's
 * own metric: frame received (the stream's {@code onRawFrame}) to transaction committed.
 *
 * <ul>
 *   <li>{@code steady RATE SECONDS}: fills at RATE per second, paced, spread over 200 orders;
 *       prints p50/p99/max latency (target: p99 ≤ 10 ms at 200/s);</li>
 *   <li>{@code burst COUNT}: COUNT fill notices published at once (a reconnect burst); prints the
 *       time from the first publish to the last commit (target: 10,000 in ≤ 5 s).</li>
 *   <li>{@code floor RATE SECONDS}: no pipeline, the bare lock + outbox insert (NOTIFY) + commit loop
 *       on the same driver and pool ({@link NoticeFloor}): the floor under the steady latency.</li>
 * </ul>
 * Every mode but {@code floor} also prints the stages, the statements the lanes sent (round trips), the
 * CPU time per notice by thread group — figures the machine's load does not change — and the JIT and
 * GC activity during the measurement ({@link JvmActivity}).
 *
 * <p>Warm-up: {@code -Dbench.warmup=N} notices at {@code -Dbench.warmupRate=R}/s before measuring
 * (default 1,000 at 500/s). A per-transaction method runs once per notice at 200/s, so after 1,000
 * notices it is still C1 code and reaches C2 (5,000 invocations) only during or after a 4,000-notice
 * run; a daemon that has been taking fills for a while runs C2 code.
 * Run: {@code bin/bench io.execctl.bench.NoticePipelineBench steady 200 30} /
 * {@code bin/bench io.execctl.bench.NoticePipelineBench burst 10000}.
 */
public final class NoticePipelineBench {
    private static final int ORDERS = 200;
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1_000);
    private static final int WARMUP_RATE = Integer.getInteger("bench.warmupRate", 500);

    /** Counts the statements (each one round trip) the pipeline sends, by their first words. */
    private static final StatementCount STATEMENTS = new StatementCount();

    private NoticePipelineBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "steady";
        try (TestDatabase db = TestDatabase.create()) {
            Migrations.migrate(db.dataSource(), false);
            databaseSettings(db);
            try (HikariDataSource pool = ConnectionPool.open(db.dataSource(), PoolSettings.defaults(), "notice-bench");
                    Simulator sim = Simulator.start(SimOptions.defaults()
                            .withEnv(KisEnv.REAL)
                            .withSpeed(0)
                            .withRateLimit(0.0))) {
                Jdbi jdbi = Db.create(pool);
                Clock clock = Clock.systemUTC();
                OrderKey[] keys = orders(jdbi, clock);
                if ("floor".equals(mode)) {
                    NoticeFloor.run(pool, args);
                    return;
                }
                jdbi.setSqlLogger(STATEMENTS);
                InMemoryNoticeMetrics metrics = new InMemoryNoticeMetrics();
                NoticePipeline pipeline = NoticePipeline.create(
                        jdbi,
                        AccountNo.parse(SimOptions.DEMO_ACCOUNT),
                        s -> new OwnershipVerdict.Pending(s.key(), "bench"),
                        k -> Optional.empty(),
                        metrics,
                        clock,
                        options());
                pipeline.start();
                AuditWriter audit = AuditWriter.start(jdbi, 200_000);
                Secret approval = approvalKey(sim);
                NoticeStream stream = NoticeStream.builder(
                                NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID)
                                        .withTryitoutPath(true),
                                () -> approval,
                                k -> {},
                                new WsAudit(audit, pipeline))
                        .build();
                try {
                    run(mode, args, sim, jdbi, keys, metrics, stream);
                } finally {
                    stream.close();
                    pipeline.close();
                    audit.close();
                }
            }
        }
    }

    private static void run(
            String mode,
            String[] args,
            Simulator sim,
            Jdbi jdbi,
            OrderKey[] keys,
            InMemoryNoticeMetrics metrics,
            NoticeStream stream) {
        stream.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stream.isSubscribed() && System.nanoTime() < until) {
            LockSupport.parkNanos(1_000_000);
        }
        // warm-up: JIT, pool, prepared statements
        publish(sim, keys, WARMUP, WARMUP_RATE);
        waitFor(jdbi, WARMUP, Duration.ofSeconds(60 + WARMUP / 100));
        metrics.resetFillSamples();
        STATEMENTS.reset();
        System.out.printf(
                "warm-up: %d notices at %d/s; %d lanes%n",
                WARMUP, WARMUP_RATE, options().lanes());
        ThreadCpu cpu = ThreadCpu.start();
        JvmActivity jvm = JvmActivity.start();
        PostgresCpu pg = PostgresCpu.start();
        try {
            measure(mode, args, sim, jdbi, keys, metrics);
        } finally {
            long tx = Math.max(1, metrics.batches());
            long n = Math.max(1, metrics.batchedNotices());
            System.out.printf(
                    "stages: decode+route p50 %.3f p99 %.3f ms; frame->tx start p50 %.3f p99 %.3f ms;"
                            + " transaction p50 %.3f p99 %.3f ms%n",
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_DECODE, 0.5) / 1e6,
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_DECODE, 0.99) / 1e6,
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_QUEUE, 0.5) / 1e6,
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_QUEUE, 0.99) / 1e6,
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_WRITE, 0.5) / 1e6,
                    metrics.stageQuantileNanos(NoticePipeline.STAGE_WRITE, 0.99) / 1e6);
            long separate = Math.max(0, tx - STATEMENTS.inBandCommits());
            System.out.printf(
                    "round trips: %d statements in %d transactions (%d of them carried the COMMIT) = %.2f statements"
                            + " + %.2f separate commit per transaction = %.2f round trips per transaction,"
                            + " %.3f statements per notice%n",
                    STATEMENTS.count(),
                    tx,
                    STATEMENTS.inBandCommits(),
                    (double) STATEMENTS.count() / tx,
                    (double) separate / tx,
                    (double) (STATEMENTS.count() + separate) / tx,
                    (double) STATEMENTS.count() / n);
            System.out.print(STATEMENTS.report(tx));
            System.out.print(cpu.report(n));
            System.out.print(jvm.report());
            System.out.print(pg.report(n));
        }
    }

    private static void measure(
            String mode, String[] args, Simulator sim, Jdbi jdbi, OrderKey[] keys, InMemoryNoticeMetrics metrics) {
        if ("burst".equals(mode)) {
            int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            long t0 = System.nanoTime();
            publish(sim, keys, count, 0);
            long published = System.nanoTime();
            waitFor(jdbi, WARMUP + count, Duration.ofSeconds(120));
            long t1 = System.nanoTime();
            System.out.printf(
                    "burst: %d notices published in %.0f ms, all committed after %.0f ms (%.0f notices/s); "
                            + "%d transactions, %.1f notices per transaction; latency p50 %.1f ms p99 %.1f ms%n",
                    count,
                    (published - t0) / 1e6,
                    (t1 - t0) / 1e6,
                    count / ((t1 - t0) / 1e9),
                    metrics.batches(),
                    (double) metrics.batchedNotices() / metrics.batches(),
                    metrics.fillQuantileNanos(0.5) / 1e6,
                    metrics.fillQuantileNanos(0.99) / 1e6);
        } else {
            int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
            int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
            publish(sim, keys, rate * seconds, rate);
            waitFor(jdbi, WARMUP + (long) rate * seconds, Duration.ofSeconds(120));
            System.out.printf(
                    "steady: %d fills at %d/s; frame received -> committed p50 %.2f ms, p90 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms (%d samples, %d transactions)%n",
                    rate * seconds,
                    rate,
                    metrics.fillQuantileNanos(0.5) / 1e6,
                    metrics.fillQuantileNanos(0.9) / 1e6,
                    metrics.fillQuantileNanos(0.99) / 1e6,
                    metrics.fillQuantileNanos(1.0) / 1e6,
                    metrics.fillSamples(),
                    metrics.batches());
        }
    }

    /**
     * {@code -Dbench.dbset="plan_cache_mode=force_generic_plan;jit=off"}: server settings for the
     * benchmark's database ({@code ALTER DATABASE … SET}, before the pool connects) — a probe of the
     * server side, never the product's configuration.
     */
    private static void databaseSettings(TestDatabase db) throws SQLException {
        String spec = System.getProperty("bench.dbset", "");
        for (String kv : spec.split(";")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=", 2);
            if (!p[0].strip().matches("[a-z_]+") || !p[1].strip().matches("[A-Za-z0-9_.]+")) {
                throw new IllegalArgumentException("bench.dbset: name=value;... expected, got " + kv);
            }
            try (Connection c = db.connect()) {
                c.createStatement()
                        .execute("ALTER DATABASE " + db.name() + " SET " + p[0].strip() + " = '" + p[1].strip() + "'");
            }
            System.out.println("database setting: " + p[0].strip() + " = " + p[1].strip());
        }
    }

    /** The pipeline's defaults; {@code -Dbench.lanes=N} tries another number of lanes. */
    private static NoticePipeline.Options options() {
        NoticePipeline.Options d = NoticePipeline.Options.defaults();
        return new NoticePipeline.Options(Integer.getInteger("bench.lanes", d.lanes()), d.laneCapacity(), d.maxBatch());
    }

    private static OrderKey[] orders(Jdbi jdbi, Clock clock) {
        OrderKey[] keys = new OrderKey[ORDERS];
        Instant now = clock.instant();
        for (int i = 0; i < ORDERS; i++) {
            OrderKey key = OrderKey.of(SimOptions.DEMO_ACCOUNT, TradingDate.today(clock), String.valueOf(90_000 + i));
            Order o = new Order(
                    key,
                    null,
                    null,
                    "00950",
                    null,
                    "005930",
                    Side.BUY,
                    OrderType.LMT,
                    10_000_000,
                    new BigDecimal("72000"),
                    0,
                    10_000_000,
                    null,
                    BrokerStatus.ACCEPTED,
                    OrderStatus.SUBMITTED,
                    OrderSource.EXTERNAL,
                    null,
                    now,
                    now);
            new OrderTx(jdbi).useOrderTransaction(key, tx -> tx.orders().upsert(o, null));
            keys[i] = key;
        }
        return keys;
    }

    /** Publishes {@code count} one-share fills round-robin over the orders, at {@code rate}/s (0: at once). */
    private static void publish(Simulator sim, OrderKey[] keys, int count, int rate) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + (long) (i * (1e9 / rate));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            sim.wsServer().publish(fill(keys[i % keys.length].odno()));
        }
    }

    private static void waitFor(Jdbi jdbi, long fills, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            long n = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.fills")
                    .mapTo(Long.class)
                    .one());
            if (n >= fills) {
                return;
            }
            // 20 ms, not 2: a count(*) over the growing fills table 500 times a second took a large
            // share of this 2-core machine's CPU from the burst it was measuring
            LockSupport.parkNanos(20_000_000);
        }
        throw new IllegalStateException("fills not committed within " + timeout);
    }

    private static ExecutionNotice fill(String odno) {
        return new ExecutionNotice(
                SimOptions.DEMO_HTS_ID,
                SimOptions.DEMO_ACCOUNT.replace("-", ""),
                odno,
                "",
                "02",
                "0",
                "00",
                "0",
                "005930",
                "0000000001",
                "0000072000",
                "093000",
                "0",
                "2",
                "2",
                "00950",
                "0010000000",
                "BENCH",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "0000072000");
    }

    private static Secret approvalKey(Simulator sim) throws IOException, InterruptedException {
        String body = "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + SimOptions.DEMO_APP_KEY
                + "\",\"secretkey\":\"" + SimOptions.DEMO_APP_SECRET + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sim.restUrl() + "/oauth2/Approval"))
                                .header("content-type", "application/json; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        int at = text.indexOf("\"approval_key\"");
        int q1 = text.indexOf('"', text.indexOf(':', at) + 1);
        return Secret.of(text.substring(q1 + 1, text.indexOf('"', q1 + 1)));
    }
}
