package io.execctl.cli;

import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code execctl} processes ({@code java -cp <test classpath> io.execctl.cli.Main}) against an
 * in-process strict simulator (real mode) and a test database with the contract tables: for the
 * kill tests and the two-process tests, which need a JVM that really dies.
 */
final class ExecctlProcesses implements AutoCloseable {
    record Run(int code, String out, String err) {}

    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    private final Path dir;
    private final AtomicInteger seq = new AtomicInteger();
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");

    ExecctlProcesses(Path dir) {
        this.dir = dir;
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withCash(10_000_000_000L));
    }

    /** Settings added to (or overriding) {@link #env()} for the processes started after the change. */
    final Map<String, String> extraEnv = new HashMap<>();

    Map<String, String> env() {
        Map<String, String> m = new HashMap<>();
        m.put("EXECCTL_DB_URL", db.url());
        m.put("EXECCTL_DB_USER", db.user());
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        m.put("KIS_ENV", "real");
        m.put("KIS_REST_URL", sim.restUrl());
        m.put("KIS_WS_URL", sim.wsUrl());
        m.put("KIS_APP_KEY", SimOptions.DEMO_APP_KEY);
        m.put("KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET);
        m.put("KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT);
        m.put("EXECCTL_DATA_DIR", dir.resolve("data").toString());
        m.put("KIS_READ_TIMEOUT_MS", "2000");
        m.put("EXECCTL_LOG_LEVEL", "WARN");
        m.putAll(extraEnv);
        return m;
    }

    /** Starts {@code execctl args...}; {@code failpoints} null for none. */
    Process start(String failpoints, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        int n = seq.incrementAndGet();
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out-" + n + ".txt").toFile())
                .redirectError(dir.resolve("err-" + n + ".txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("EXECCTL_") || k.startsWith("KIS_"));
        pb.environment().putAll(env());
        if (failpoints != null) {
            pb.environment().put("EXECCTL_FAILPOINTS", failpoints);
        }
        Process p = pb.start();
        outputs.put(p, n);
        return p;
    }

    private final Map<Process, Integer> outputs = new HashMap<>();

    Run await(Process p) throws IOException, InterruptedException {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
        int n = outputs.get(p);
        return new Run(
                p.exitValue(),
                Files.readString(dir.resolve("out-" + n + ".txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err-" + n + ".txt"), StandardCharsets.UTF_8));
    }

    Run run(String failpoints, String... args) throws IOException, InterruptedException {
        return await(start(failpoints, args));
    }

    UUID intent(String symbol, long qty) {
        UUID id = UUID.randomUUID();
        Instant at = created = created.plusMillis(1);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code,
                                                         action_key, created_ts, updated_ts)
                        VALUES (:id, :sym, 'ENTRY', :qty, 'MKT', 'TEST', :key, :at, :at)""")
                .bind("id", id)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("key", id.toString())
                .bind("at", at)
                .execute());
        return id;
    }

    String one(String sql, UUID id) {
        return jdbi.withHandle(h ->
                h.createQuery(sql).bind("id", id).mapTo(String.class).findOne().orElse(null));
    }

    String intentStatus(UUID id) {
        return one("SELECT status FROM trade.order_intents WHERE intent_id = :id", id);
    }

    String journalState(UUID id) {
        return one("SELECT state FROM trade.submissions WHERE intent_id = :id", id);
    }

    long ordersRows(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.orders WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(Long.class)
                .one());
    }

    /** The claim's lease or the send deadline ran out (what a restart after the lease would find). */
    void leaseRunsOut(UUID id) {
        jdbi.useHandle(h -> h.execute("""
                        UPDATE trade.submissions
                           SET send_deadline = GREATEST(now() - interval '1 second', COALESCE(first_sent_ts, claimed_ts))
                         WHERE intent_id = ?""", id));
    }

    /** New orders (not cancel/modify rows) at the simulated broker: the ground truth. */
    List<OrderRecord> brokerOrders() {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty())
                .toList();
    }

    List<OrderRecord> brokerOrders(String symbol, long qty) {
        return brokerOrders().stream()
                .filter(o -> o.symbol().equals(symbol) && o.qty() == qty)
                .toList();
    }

    @Override
    public void close() {
        try {
            sim.close();
        } finally {
            db.close();
        }
    }
}
