package io.execctl.bench;

import com.sun.management.OperatingSystemMXBean;
import io.execctl.cli.Cli;
import io.execctl.cli.CliContext;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.PriceGrid;
import io.execctl.sim.market.Source;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code execctl bootstrap} (the real command, in-process: the same wiring, steps and rate budget)
 * over a day of N orders and H holdings on the strict simulator in real mode at real page sizes and
 * the real rate (19 requests/s on the client, 20/s at the simulator's gateway), the account quiet.
 * Target (issue #15/#16): within 10 % + 1 s of pages ÷ budget.
 *
 * <p>Two cases: {@code empty} — a database whose trade tables are empty (every order is new to it);
 * {@code stale} — the after-restart case: the database knew the day, then the market moved while no
 * daemon ran (resting limits filled), so today's totals are ahead of the stored fills.
 *
 * <p>Printed per case: pages per endpoint (from the REST audit, {@code trade.broker_messages}),
 * requests, the floor (inquiry pages ÷ budget), wall time, ratio to the floor, the process CPU time
 * (simulator and client together; independent of other load on the machine), and the command's own
 * per-step table.
 *
 * <p>{@code bin/bench io.execctl.bench.BootstrapBench [orders=2000] [holdings=200] [cases=empty,stale]}
 */
public final class BootstrapBench {
    private static final double BUDGET = 19;
    private static final RoundTrips ROUND_TRIPS = RoundTrips.install();

    private BootstrapBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int holdings = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<String> cases = List.of((args.length > 2 ? args[2] : "empty,stale").split(","));
        Path dataDir = Files.createTempDirectory("bootstrap-bench");
        try (TestDatabase db = TestDatabase.create();
                Simulator sim = Simulator.start(SimOptions.defaults()
                        .withEnv(KisEnv.REAL)
                        .withSpeed(0)
                        .withSymbols(Integer.toString(holdings))
                        .withCash(10_000_000_000_000L)
                        .withRateLimit(20.0))) {
            Migrations.migrate(db.dataSource(), true);
            Jdbi jdbi = Db.create(db.dataSource());
            Map<String, String> env = env(db, sim, dataDir);
            List<String> symbols = new ArrayList<>(sim.broker().prices().keySet());
            placeDay(sim, symbols, n);
            LocalDate today = sim.broker().clock().tradingDate();
            printDay(sim, today);
            run("warm-up (token, JIT; not measured)", jdbi, env, "sync", "holdings");
            for (String c : cases) {
                switch (c) {
                    case "empty" -> {
                        truncate(jdbi);
                        measure("empty: trade tables empty", jdbi, env);
                    }
                    case "stale" -> {
                        truncate(jdbi);
                        run("stale: the day as the database knew it (not measured)", jdbi, env, "bootstrap");
                        moveMarket(sim, symbols);
                        printDay(sim, today);
                        measure("stale: after-restart, the market moved", jdbi, env);
                    }
                    default -> throw new IllegalArgumentException("unknown case " + c);
                }
            }
        }
    }

    /** Half market orders (filled, some in several executions), a quarter resting limits, a quarter partly filled. */
    private static void placeDay(Simulator sim, List<String> symbols, int n) {
        Map<String, Long> prices = sim.broker().prices();
        Map<String, Integer> rejected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String s = symbols.get(i % symbols.size());
            long p = prices.get(s);
            PlaceOrder o =
                    switch ((i / symbols.size()) % 4) {
                        case 0, 1 -> new PlaceOrder(s, Side.BUY, "01", 1 + i % 3, 0, Source.API);
                        case 2 -> new PlaceOrder(s, Side.BUY, "00", 1 + i % 5, tick(p * 8 / 10), Source.API);
                        default -> new PlaceOrder(s, Side.BUY, "00", 2_000, tick(p), Source.API);
                    };
            if (sim.broker().placeOrder(o) instanceof OrderResult.Rejected r) {
                rejected.merge(r.msgCd() + " " + r.msg1(), 1, Integer::sum);
            }
        }
        if (!rejected.isEmpty()) {
            System.out.println("rejected by the simulator: " + rejected);
        }
    }

    /** Drops every symbol's price to cross the resting limits: fills the database has not seen. */
    private static void moveMarket(Simulator sim, List<String> symbols) {
        Map<String, Long> prices = sim.broker().prices();
        for (String s : symbols) {
            sim.broker().setPrice(s, tick(prices.get(s) * 79 / 100));
        }
        sim.broker().advance(Duration.ofSeconds(30));
    }

    private static long tick(long price) {
        return PriceGrid.floor(price);
    }

    private static void printDay(Simulator sim, LocalDate today) {
        int filled = 0;
        int partial = 0;
        int open = 0;
        for (OrderRecord o : sim.broker().orders(today)) {
            if (o.remainingQty() == 0) {
                filled++;
            } else if (o.filledQty() > 0) {
                partial++;
            } else {
                open++;
            }
        }
        System.out.printf(
                "day %s: %d orders (%d done, %d partly filled, %d open), %d holdings%n",
                today,
                filled + partial + open,
                filled,
                partial,
                open,
                sim.broker().holdings().size());
    }

    private static void measure(String what, Jdbi jdbi, Map<String, String> env) {
        sleep(1100); // the budget refills
        long id0 = lastAudit(jdbi);
        long[] db0 = dbStats(jdbi);
        long cpu0 = cpu();
        ROUND_TRIPS.reset();
        long t0 = System.nanoTime();
        String out = run(what, jdbi, env, "bootstrap");
        String trips = ROUND_TRIPS.report();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpu() - cpu0) / 1e9;
        sleep(500); // the REST audit is written behind the calls
        long[] db1 = dbStats(jdbi);
        System.out.printf(
                "  database (pg_stat_database of this database, the bench's own reads included): %d commits,"
                        + " %d rows inserted, %d updated, %d returned+fetched%n",
                db1[0] - db0[0], db1[1] - db0[1], db1[2] - db0[2], db1[3] - db0[3]);
        System.out.printf("  driver protocol (by thread): %s%n", trips);
        Map<String, Integer> pages = new HashMap<>();
        jdbi.useHandle(
                h -> h.createQuery("SELECT coalesce(endpoint, tr_id) AS e, count(*) AS c FROM trade.broker_messages"
                                + " WHERE id > :id AND channel = 'REST' GROUP BY 1 ORDER BY 1")
                        .bind("id", id0)
                        .map((rs, ctx) -> Map.entry(rs.getString("e"), rs.getInt("c")))
                        .forEach(e -> pages.put(e.getKey(), e.getValue())));
        int requests = pages.values().stream().mapToInt(Integer::intValue).sum();
        int inquiryPages = pages.entrySet().stream()
                .filter(e -> e.getKey().contains("inquire"))
                .mapToInt(Map.Entry::getValue)
                .sum();
        double floor = inquiryPages / BUDGET;
        double target = floor * 1.1 + 1.0;
        System.out.printf("  pages per endpoint: %s%n", pages);
        System.out.printf(
                "  %d requests, %d inquiry pages; floor (pages ÷ %.0f/s) %.2f s, target %.2f s; wall %.2f s"
                        + " (ratio %.2f): %s; CPU %.2f s; load %s%n",
                requests,
                inquiryPages,
                BUDGET,
                floor,
                target,
                wall,
                wall / Math.max(floor, 1e-9),
                wall <= target ? "OK" : "OVER",
                cpu,
                load());
        System.out.print(out.indent(2));
    }

    /** Commits, rows inserted, updated, read of this database: figures the machine's load does not change. */
    private static long[] dbStats(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            h.createQuery("SELECT pg_stat_force_next_flush()")
                    .mapTo(String.class)
                    .one();
            h.createQuery("SELECT pg_stat_clear_snapshot()").mapTo(String.class).one();
            return h.createQuery("SELECT xact_commit, tup_inserted, tup_updated, tup_returned + tup_fetched"
                            + " FROM pg_stat_database WHERE datname = current_database()")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                    .one();
        });
    }

    private static String run(String what, Jdbi jdbi, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Cli.run(new CliContext(env), new PrintWriter(out), new PrintWriter(err), args);
        System.out.printf(
                "%s — execctl %s: exit %d in %.2f s%n",
                what, String.join(" ", args), code, (System.nanoTime() - t0) / 1e9);
        if (code != 0 && code != 4) {
            System.out.println(err.toString().indent(2));
        }
        return out.toString();
    }

    private static Map<String, String> env(TestDatabase db, Simulator sim, Path dataDir) {
        Map<String, String> m = new HashMap<>(Map.of(
                "EXECCTL_DB_URL", db.url(),
                "EXECCTL_DB_USER", db.user(),
                "KIS_ENV", "real",
                "KIS_REST_URL", sim.restUrl(),
                "KIS_WS_URL", sim.wsUrl(),
                "KIS_APP_KEY", SimOptions.DEMO_APP_KEY,
                "KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET,
                "KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT,
                "EXECCTL_DATA_DIR", dataDir.toString(),
                "KIS_RATE_PER_SEC", Double.toString(BUDGET)));
        m.put("KIS_RATE_STATE_DIR", dataDir.resolve("rate").toString());
        m.put("EXECCTL_LOG_LEVEL", "WARN");
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    private static void truncate(Jdbi jdbi) {
        jdbi.useHandle(
                h -> h.execute(
                        "TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.outbox,"
                                + " trade.submissions, trade.intent_outcomes, trade.order_intents, trade.holdings, trade.sync_runs CASCADE"));
    }

    private static long lastAudit(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM trade.broker_messages")
                .mapTo(Long.class)
                .one());
    }

    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
