package io.execctl.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.KisSettings;
import io.execctl.config.PoolSettings;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.Intent;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.engine.submit.IntentPump;
import io.execctl.engine.submit.PumpCounters;
import io.execctl.engine.submit.SubmitAdmission;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.Submitter;
import io.execctl.kis.InMemoryKisMetrics;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.RateBudget;
import io.execctl.kis.SharedRateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.ConnectionPool;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.store.NotificationListener;
import io.execctl.store.PgRateSlots;
import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Issue 12's submission benchmark (a program, never a test): a strategy commits an intent, the
 * {@link IntentPump} picks it up, claims, sends, and the simulator accepts the order-cash POST.
 *
 * <ul>
 *   <li>{@code latency}: intent committed → order-cash received by the simulator (its acceptance
 *       stamp), p50/p99, with LISTEN and with polling only, rate budget off, alone and under a
 *       concurrent stream of 200 fills/s written through {@code FillApplier} (each commit NOTIFYs,
 *       and NOTIFY serialises commits cluster-wide).</li>
 *   <li>{@code sustained}: {@code n} intents at once under the shared database budget at 19 requests/s
 *       against the simulator's real 20/s limit: order rate over the budget, and EGW00201 answers.</li>
 * </ul>
 *
 * <p>Run: {@code bin/bench io.execctl.bench.SubmitLatencyBench [latency|listen|sustained|all] [short]}
 * ({@code listen}: the two LISTEN latency runs only; {@code alone}: LISTEN without fills only;
 * {@code -Dbench.warmup=N}: uncounted intents first, default 50).
 */
public final class SubmitLatencyBench {
    private SubmitLatencyBench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        boolean quick = args.length > 1 && args[1].equals("short");
        System.out.println("start: " + load());
        System.out.printf(
                "machine: %d cores, %s %s, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
        int n = quick ? 100 : 300;
        if (what.equals("latency") || what.equals("all") || what.equals("listen") || what.equals("alone")) {
            latency("LISTEN, alone", true, false, n);
        }
        if (what.equals("latency") || what.equals("all") || what.equals("listen")) {
            latency("LISTEN, 200 fills/s", true, true, n);
        }
        if (what.equals("latency") || what.equals("all")) {
            latency("polling only (1-3 s), alone", false, false, quick ? 5 : 20);
            latency("polling only (1-3 s), 200 fills/s", false, true, quick ? 5 : 20);
        }
        if (what.equals("sustained") || what.equals("all")) {
            sustained(quick ? 200 : 1000);
        }
        System.out.println("end: " + load());
    }

    /** {@code uptime}'s load line, so every run says how busy the machine was. */
    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return Instant.now() + "  load average: " + f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return Instant.now() + "  load average: n/a";
        }
    }

    /** The database, the simulator and a client; closes them in order. */
    private static final class Rig implements AutoCloseable {
        final TestDatabase db = TestDatabase.create();
        final HikariDataSource pool;
        final Jdbi jdbi;
        final Simulator sim;
        final KisSettings settings;
        final InMemoryKisMetrics metrics = new InMemoryKisMetrics();
        PgRateSlots slots;
        KisClient client;
        /** When the claimed intent reached the port (claim committed), by quantity: for the breakdown. */
        final Map<Long, Instant> portCalled = new ConcurrentHashMap<>();
        /** When the listener thread got the intent's notification, by quantity. */
        final Map<Long, Instant> notified = new ConcurrentHashMap<>();
        /** When a scan had read the intent (the gate is asked right after {@code findNew}), by quantity. */
        final Map<Long, Instant> scanned = new ConcurrentHashMap<>();
        /** When the fencing write returned (just before the POST), by quantity. */
        final Map<Long, Instant> fenced = new ConcurrentHashMap<>();
        /** Intent id to quantity (the notification carries the id). */
        final Map<String, Long> qtyOf = new ConcurrentHashMap<>();

        Rig(Double simRateLimit) {
            Migrations.migrate(db.dataSource(), true);
            pool = ConnectionPool.open(db.dataSource(), PoolSettings.defaults(), "bench");
            jdbi = Db.create(pool);
            sim = Simulator.start(SimOptions.defaults()
                    .withEnv(KisEnv.REAL)
                    .withSpeed(0)
                    .withRateLimit(simRateLimit)
                    .withCash(1_000_000_000_000L));
            settings = KisSettings.builder(KisEnv.REAL)
                    .restUrl(sim.restUrl())
                    .wsUrl(sim.wsUrl())
                    .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                    .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                    .account(AccountNo.parse(SimOptions.DEMO_ACCOUNT))
                    .htsId(SimOptions.DEMO_HTS_ID)
                    .trIdSet(TrIdSet.NEW)
                    .ratePerSecond(19)
                    .build();
        }

        KisClient client(boolean budget) {
            RateBudget b = RateBudget.UNLIMITED;
            if (budget) {
                slots = new PgRateSlots(jdbi);
                b = SharedRateBudget.forSettings(settings, slots, Clock.systemUTC(), Sleeper.SYSTEM, metrics);
            }
            client = KisClient.builder(settings)
                    .tokenStore(new InMemoryTokenStore())
                    .rateBudget(b)
                    .metrics(metrics)
                    .build();
            client.balance(); // the token, before anything is timed
            return client;
        }

        IntentPump pump(boolean listen, PumpCounters counters) {
            Submitter s = new Submitter(
                    jdbi,
                    (req, fence) -> {
                        portCalled.put(req.qty(), Instant.now());
                        return client.placeCashOrder(req, () -> {
                            boolean ok = fence.mayFire();
                            fenced.putIfAbsent(req.qty(), Instant.now());
                            return ok;
                        });
                    },
                    SimOptions.DEMO_ACCOUNT,
                    Incarnation.start(),
                    JournalPolicy.defaults(),
                    Clock.systemUTC(),
                    SubmitAlerts.logging());
            Function<NotificationListener.Handler, NotificationListener> l = h -> new NotificationListener(
                    db.dataSource(),
                    List.of(IntentPump.CHANNEL),
                    new NotificationListener.Handler() {
                        @Override
                        public void onNotification(String channel, String payload) {
                            Long q = qtyOf.get(payload);
                            if (q != null) {
                                notified.putIfAbsent(q, Instant.now());
                            }
                            h.onNotification(channel, payload);
                        }

                        @Override
                        public void onGap() {
                            h.onGap();
                        }
                    },
                    NotificationListener.Options.defaults().withGapOnFirstConnect(true));
            SubmitAdmission stamp = new SubmitAdmission() {
                @Override
                public boolean claiming() {
                    return true;
                }

                @Override
                public boolean admits(Intent intent) {
                    scanned.putIfAbsent(intent.qty(), Instant.now());
                    return true;
                }
            };
            return new IntentPump(
                    s, 4, Duration.ofSeconds(1), listen ? l : IntentPump.POLLING_ONLY, counters, stamp, r -> {});
        }

        /** One ENTRY MKT intent committed; returns the instant right after the commit. */
        Instant intent(String symbol, long qty) {
            UUID id = UUID.randomUUID();
            qtyOf.put(id.toString(), qty);
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type,
                                                             reason_code, action_key)
                            VALUES (:id, :sym, 'ENTRY', :qty, 'MKT', 'BENCH', :key)""")
                    .bind("id", id)
                    .bind("sym", symbol)
                    .bind("qty", qty)
                    .bind("key", id.toString())
                    .execute());
            return Instant.now();
        }

        List<OrderRecord> orders() {
            return sim.broker().ledger().orders().stream()
                    .filter(o -> o.rvseCnclDvsn().isEmpty())
                    .toList();
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
            if (slots != null) {
                slots.close();
            }
            sim.close();
            pool.close();
            db.close();
        }
    }

    static final List<String> SYMBOLS = List.of("005930", "000660", "035420", "051910", "068270");

    private static void latency(String label, boolean listen, boolean fillLoad, int n) throws Exception {
        try (Rig rig = new Rig(0.0)) {
            rig.client(false);
            PumpCounters counters = new PumpCounters();
            try (FillLoad load = fillLoad ? FillLoad.start(rig.jdbi, 200) : null;
                    IntentPump pump = rig.pump(listen, counters)) {
                pump.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (listen && !pump.listening() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                int warm = listen ? Integer.getInteger("bench.warmup", 50) : 0;
                Map<Long, Instant> committed = new ConcurrentHashMap<>();
                long cpu0 = 0;
                int cpuFrom = warm;
                for (int i = 1; i <= warm + n; i++) {
                    if (i == warm + 1) {
                        cpu0 = processCpuNanos();
                    }
                    // One at a time: each intent is committed when nothing else is in flight, so this
                    // measures a latency, not a queue.
                    Instant t = rig.intent(SYMBOLS.get(i % SYMBOLS.size()), i);
                    if (i > warm) {
                        committed.put((long) i, t);
                    }
                    long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    // Waits on the pump's counter (cheap), not on the simulator's ledger: rebuilding the
                    // ledger every millisecond took a core's worth of CPU from the path being measured.
                    while (counters.outcomes(SubmitOutcome.SUBMITTED) < i && System.nanoTime() < wait) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(5);
                }
                long cpuNanos = processCpuNanos() - cpu0;
                List<Double> ms = new ArrayList<>();
                List<Double> toPort = new ArrayList<>();
                List<Double> portToSim = new ArrayList<>();
                Stages stages = new Stages();
                for (OrderRecord o : rig.orders()) {
                    Instant t0 = committed.get(o.qty());
                    Instant tp = rig.portCalled.get(o.qty());
                    if (t0 != null) {
                        ms.add(Duration.between(t0, o.acceptedAt()).toNanos() / 1e6);
                        if (tp != null) {
                            toPort.add(Duration.between(t0, tp).toNanos() / 1e6);
                            portToSim.add(Duration.between(tp, o.acceptedAt()).toNanos() / 1e6);
                        }
                        stages.add(
                                t0,
                                rig.notified.get(o.qty()),
                                rig.scanned.get(o.qty()),
                                tp,
                                rig.fenced.get(o.qty()),
                                o.acceptedAt());
                    }
                }
                Collections.sort(toPort);
                Collections.sort(portToSim);
                Collections.sort(ms);
                System.out.printf(
                        "latency  %-36s n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms  submitted=%d"
                                + "  notifications=%d  fills/s=%s%n",
                        label,
                        ms.size(),
                        pct(ms, 50),
                        pct(ms, 90),
                        pct(ms, 99),
                        ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1),
                        counters.outcomes(SubmitOutcome.SUBMITTED),
                        counters.notifications(),
                        load == null
                                ? "0"
                                : String.format(
                                        "%.0f (errors %d, skipped %d)", load.rate(), load.errors(), load.skipped()));
                System.out.printf(
                        "         breakdown: commit->claimed (pickup + claim tx) p50=%.2f p99=%.2f ms;"
                                + " claimed->simulator (fence + token + HTTP) p50=%.2f p99=%.2f ms%n",
                        pct(toPort, 50), pct(toPort, 99), pct(portToSim, 50), pct(portToSim, 99));
                System.out.printf("         stages p50/p99 ms: %s%n", stages);
                System.out.printf(
                        "         CPU (this JVM: pump, client, simulator, bench): %.2f ms per intent%n",
                        cpuNanos / 1e6 / (warm + n - cpuFrom));
            }
        }
    }

    private static void sustained(int n) throws Exception {
        try (Rig rig = new Rig(null)) { // the simulator's real limit: 20/s per app key
            rig.client(true);
            PumpCounters counters = new PumpCounters();
            try (IntentPump pump = rig.pump(true, counters)) {
                pump.start();
                for (int i = 1; i <= n; i++) {
                    rig.intent(SYMBOLS.get(i % SYMBOLS.size()), i);
                }
                long wait = System.nanoTime() + Duration.ofSeconds(n / 10 + 30).toNanos();
                while (rig.orders().size() < n && System.nanoTime() < wait) {
                    Thread.sleep(50);
                }
            }
            List<Instant> at =
                    rig.orders().stream().map(OrderRecord::acceptedAt).sorted().toList();
            double seconds = Duration.between(at.get(0), at.get(at.size() - 1)).toNanos() / 1e9;
            double rate = (at.size() - 1) / seconds;
            System.out.printf(
                    "sustained n=%d  orders=%d  over %.2f s  rate=%.2f/s  budget=19/s  share=%.1f %%  EGW00201=%d"
                            + "  submitted=%d%n",
                    n,
                    at.size(),
                    seconds,
                    rate,
                    100 * rate / 19,
                    rig.metrics.count("request", "order_cash", "rate_limited"),
                    counters.outcomes(SubmitOutcome.SUBMITTED));
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The finer breakdown: each stage between two stamps, p50/p99. */
    private static final class Stages {
        private static final String[] NAMES = {
            "commit->notified", "notified->scanned", "scanned->claimed", "claimed->fenced", "fenced->simulator"
        };
        private final List<List<Double>> d = new ArrayList<>();

        Stages() {
            for (int i = 0; i < NAMES.length; i++) {
                d.add(new ArrayList<>());
            }
        }

        void add(Instant... t) {
            for (int i = 0; i + 1 < t.length; i++) {
                if (t[i] != null && t[i + 1] != null) {
                    d.get(i).add(Duration.between(t[i], t[i + 1]).toNanos() / 1e6);
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < NAMES.length; i++) {
                List<Double> x = d.get(i);
                Collections.sort(x);
                if (x.isEmpty()) {
                    continue;
                }
                b.append(String.format("%s %.2f/%.2f; ", NAMES[i], pct(x, 50), pct(x, 99)));
            }
            return b.toString().trim();
        }
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
