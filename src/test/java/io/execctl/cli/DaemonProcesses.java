package io.execctl.cli;

import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

import static org.awaitility.Awaitility.await;

/**
 * Real {@code execctl daemon} processes ({@code java -cp <test classpath> io.execctl.cli.Main
 * daemon}) against a PostgreSQL test database and an in-process simulator in real mode, plus what a
 * strategy does (write NEW intents) and the ground truth (the simulator's ledger).
 */
final class DaemonProcesses implements AutoCloseable {
    /** The order-call timeout the daemons run with: SIGTERM must end them within this + 5 s. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    /** Log lines of a daemon that bear on who owns an order and what became of a submission. */
    private static final Pattern EVIDENCE = Pattern.compile(
            "WARN|ERROR|UNKNOWN|[Aa]dopt|EXTERNAL|External|[Rr]esolv|absen|resen|REATTRIBUTED|Pending|accepted by");

    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    private final Path dir;
    private final List<Daemon> started = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");
    /** Settings added to (or overriding) {@link #env()} for the daemons started after the change. */
    final Map<String, String> extraEnv = new LinkedHashMap<>();

    DaemonProcesses(Path dir) {
        this(dir, 0);
    }

    /** @param speed the simulator's session seconds per wall second (0: frozen; 1: orders fill as the market moves) */
    DaemonProcesses(Path dir, double speed) {
        this.dir = dir;
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(speed).withRateLimit(0.0));
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EXECCTL_DB_URL", db.url());
        env.put("EXECCTL_DB_USER", db.user());
        if (db.password() != null) {
            env.put("EXECCTL_DB_PASSWORD", db.password());
        }
        env.put("EXECCTL_DB_LOCK_SESSION_TIMEOUT_S", "4");
        env.put("EXECCTL_DB_POOL_SIZE", "4");
        env.put("EXECCTL_INTENT_POLL_MS", "200");
        env.put("EXECCTL_DATA_DIR", dir.resolve("data").toString());
        env.put("KIS_ENV", "real");
        env.put("KIS_REST_URL", sim.restUrl());
        env.put("KIS_WS_URL", sim.wsUrl());
        env.put("KIS_APP_KEY", SimOptions.DEMO_APP_KEY);
        env.put("KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET);
        env.put("KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT);
        env.put("KIS_HTS_ID", SimOptions.DEMO_HTS_ID);
        env.put("KIS_CONNECT_TIMEOUT_MS", "1000");
        env.put("KIS_READ_TIMEOUT_MS", "2000");
        env.put("KIS_WRITE_TIMEOUT_MS", "2000");
        env.put("KIS_CALL_TIMEOUT_MS", Long.toString(CALL_TIMEOUT.toMillis()));
        env.put("EXECCTL_LOG_LEVEL", "INFO");
        // the simulator's ORD_TMD is its session clock (frozen at 09:00 here), not wall time
        env.put("EXECCTL_ORDER_TIME_SKEW_MS", DemoCommand.SIM_ORDER_TIME_SKEW_MS);
        env.put("EXECCTL_METRICS_PORT", "0");
        env.putAll(extraEnv);
        return env;
    }

    /** One daemon process; its stdout lines (the transitions) are collected. */
    final class Daemon {
        final String name;
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Path err;
        private final Thread reader;

        Daemon(String name) throws IOException {
            this.name = name;
            this.err = dir.resolve(name + "-" + seq.incrementAndGet() + ".err");
            List<String> cmd = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "daemon");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("EXECCTL_") || k.startsWith("KIS_"));
            pb.environment().putAll(env());
            process = pb.start();
            reader = new Thread(this::read, "daemon-" + name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }

        /** Waits until a line starting with {@code prefix} appears at or after index {@code from}. */
        int awaitLine(String prefix, int from, Duration atMost) {
            try {
                await().atMost(atMost)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> indexOf(prefix, from) >= 0 || !process.isAlive());
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "daemon " + name + ": no '" + prefix + "' line; lines " + lines + "\nstderr:\n" + stderr(), e);
            }
            int i = indexOf(prefix, from);
            if (i < 0) {
                try {
                    reader.join(2000); // the process ended: read what it printed last
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                i = indexOf(prefix, from);
            }
            if (i < 0) {
                throw new AssertionError("daemon " + name + " exited; lines " + lines + "\nstderr:\n" + stderr());
            }
            return i;
        }

        int indexOf(String prefix, int from) {
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            return -1;
        }

        String last() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        String stderr() {
            try {
                List<String> all = Files.readAllLines(err);
                return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code kill -TERM}: unlike {@link Process#destroy()} it leaves our end of its stdout open. */
        void sigterm() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -TERM failed");
            }
        }

        long pid() {
            return process.pid();
        }
    }

    Daemon start(String name) throws IOException {
        Daemon d = new Daemon(name);
        started.add(d);
        return d;
    }

    /** A NEW market ENTRY intent, as a strategy writes it. */
    UUID entry(String symbol, long qty) {
        UUID id = UUID.randomUUID();
        Instant at;
        synchronized (this) {
            at = created = created.plusSeconds(1);
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, NULL, :sym, 'ENTRY', :qty, 'MKT', NULL, 'TEST', :key, :at, :at)""")
                .bind("id", id)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("key", "k-" + seq.incrementAndGet() + "-" + id)
                .bind("at", at)
                .execute());
        return id;
    }

    long intents(String status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.order_intents WHERE status = :s")
                .bind("s", status)
                .mapTo(Long.class)
                .one());
    }

    /** New orders (not cancels or modifications) the simulated broker received. */
    List<OrderRecord> brokerOrders() {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty())
                .toList();
    }

    /** Broker orders per intent (through trade.orders); every value must be 1. */
    Map<UUID, Long> ordersPerIntent() {
        Map<UUID, Long> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT intent_id, count(*) AS n FROM trade.orders WHERE intent_id IS NOT NULL GROUP BY intent_id""")
                .map((rs, ctx) -> Map.entry(rs.getObject("intent_id", UUID.class), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private void appendRows(StringBuilder out, List<UUID> ids) {
        jdbi.useHandle(h -> {
            out.append("trade.orders:\n");
            h.createQuery(
                            "SELECT order_id, intent_id, source, status, submitted_ts, updated_ts FROM trade.orders ORDER BY order_id")
                    .mapToMap()
                    .forEach(r -> out.append("  ").append(r).append('\n'));
            out.append("intents and journal:\n");
            h.createQuery("""
                            SELECT i.intent_id, i.status, i.updated_ts, s.state, s.attempts, s.claimed_by, s.order_id, s.error,
                                   o.reason_code, o.msg_cd, o.msg1
                              FROM trade.order_intents i LEFT JOIN trade.submissions s USING (intent_id)
                                   LEFT JOIN trade.intent_outcomes o USING (intent_id)
                             WHERE i.intent_id IN (<ids>) ORDER BY i.created_ts""").bindList("ids", ids).mapToMap().forEach(r -> out.append("  ")
                    .append(r)
                    .append('\n'));
        });
    }

    /** Rows recorded {@code source = EXTERNAL}: none belongs in these tests (no HTS orders are placed). */
    long externalOrders() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.orders WHERE source = 'EXTERNAL'")
                .mapTo(Long.class)
                .one());
    }

    /** Sessions holding an advisory lock in this test's database (the daemon lock is the only long-held one). */
    long advisoryLockHolders() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(DISTINCT pid) FROM pg_locks
                         WHERE locktype = 'advisory' AND granted
                           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""").mapTo(Long.class).one());
    }

    /** Ends every other session of this database (what a database restart does to the daemons). */
    int terminateOtherBackends() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                         WHERE datname = current_database() AND application_name = 'execctl') t""").mapTo(Integer.class).one());
    }

    /**
     * How many of {@code ids} reached the broker as far as their intent says: SUBMITTED, or already
     * FILLED/CANCELLED by the notices and syncs.
     */
    long sent(List<UUID> ids) {
        // one statement: three counts taken one after another count an intent twice when it moves from
        // SUBMITTED to FILLED between them (a market order fills within milliseconds), and the sum then
        // reached ids.size() one order early — the "sent but no order" this class once reported
        return jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT count(*) FROM trade.order_intents
                         WHERE status IN ('SUBMITTED', 'FILLED', 'CANCELLED') AND intent_id IN (<ids>)""").bindList("ids", ids).mapTo(Long.class).one());
    }

    /** How many of {@code ids} have {@code status}. */
    long intents(List<UUID> ids, String status) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM trade.order_intents WHERE status = :s AND intent_id IN (<ids>)")
                .bind("s", status)
                .bindList("ids", ids)
                .mapTo(Long.class)
                .one());
    }

    /** Broker orders per intent of {@code ids} (through trade.orders); every value must be 1. */
    Map<UUID, Long> ordersPerIntent(List<UUID> ids) {
        Map<UUID, Long> all = ordersPerIntent();
        all.keySet().retainAll(ids);
        return all;
    }

    /**
     * What a failed count needs to be explained: the broker's new orders against {@code trade.orders},
     * the intents of {@code ids} with their submission journal, and where the daemons' logs are.
     */
    String evidence(List<UUID> ids) {
        StringBuilder out = new StringBuilder("broker orders (odno ordTmd status filled source):\n");
        for (OrderRecord o : brokerOrders()) {
            out.append("  ")
                    .append(o.odno())
                    .append(' ')
                    .append(o.ordTmd())
                    .append(' ')
                    .append(o.status())
                    .append(' ')
                    .append(o.filledQty())
                    .append(' ')
                    .append(o.source())
                    .append('\n');
        }
        try {
            appendRows(out, ids);
        } catch (RuntimeException e) {
            out.append("(rows unreadable: ").append(e).append(")\n");
        }
        // CI keeps only the test's output: the lines that decide ownership and outcomes go into it
        for (Daemon d : started) {
            out.append("daemon ").append(d.name).append(" (").append(d.err).append("):\n");
            try {
                Files.readAllLines(d.err).stream()
                        .filter(l -> EVIDENCE.matcher(l).find())
                        .limit(400)
                        .forEach(l -> out.append("  ").append(l).append('\n'));
            } catch (IOException e) {
                out.append("  (unreadable: ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    /** Kills (SIGKILL) every daemon started so far and waits for them: the next test starts clean. */
    void killAll() {
        for (Daemon d : started) {
            if (d.process.isAlive()) {
                d.process.destroyForcibly();
            }
        }
        for (Daemon d : started) {
            try {
                d.process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    @Override
    public void close() {
        for (Daemon d : started) {
            if (d.process.isAlive()) {
                d.process.destroyForcibly();
            }
        }
        for (Daemon d : started) {
            try {
                d.process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sim.close();
        } finally {
            db.close();
        }
    }
}
