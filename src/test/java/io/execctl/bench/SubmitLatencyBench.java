package io.execctl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.KisSettings;
import io.execctl.config.PoolSettings;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.engine.submit.IntentPump;
import io.execctl.engine.submit.PumpCounters;
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
 * <p>Run: {@code bin/bench io.execctl.bench.SubmitLatencyBench [latency|sustained|all] [short]}.
 */
public final class SubmitLatencyBench {
    private SubmitLatencyBench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        boolean quick = args.length > 1 && args[1].equals("short");
        System.out.printf(
                "machine: %d cores, %s %s, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
        if (what.equals("latency") || what.equals("all")) {
            int n = quick ? 100 : 300;
            latency("LISTEN, alone", true, false, n);
            latency("LISTEN, 200 fills/s", true, true, n);
            latency("polling only (1-3 s), alone", false, false, quick ? 5 : 20);
            latency("polling only (1-3 s), 200 fills/s", false, true, quick ? 5 : 20);
        }
        if (what.equals("sustained") || what.equals("all")) {
            sustained(quick ? 200 : 1000);
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
                        return client.placeCashOrder(req, fence);
                    },
                    SimOptions.DEMO_ACCOUNT,
                    Incarnation.start(),
                    JournalPolicy.defaults(),
                    Clock.systemUTC(),
                    SubmitAlerts.logging());
            Function<NotificationListener.Handler, NotificationListener> l = h -> new NotificationListener(
                    db.dataSource(),
                    List.of(IntentPump.CHANNEL),
                    h,
                    NotificationListener.Options.defaults().withGapOnFirstConnect(true));
            return new IntentPump(s, 4, Duration.ofSeconds(1), listen ? l : IntentPump.POLLING_ONLY, counters);
        }

        /** One ENTRY MKT intent committed; returns the instant right after the commit. */
        Instant intent(String symbol, long qty) {
            UUID id = UUID.randomUUID();
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
                int warm = listen ? 50 : 0;
                Map<Long, Instant> committed = new ConcurrentHashMap<>();
                for (int i = 1; i <= warm + n; i++) {
                    // One at a time: each intent is committed when nothing else is in flight, so this
                    // measures a latency, not a queue.
                    Instant t = rig.intent(SYMBOLS.get(i % SYMBOLS.size()), i);
                    if (i > warm) {
                        committed.put((long) i, t);
                    }
                    long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (rig.orders().size() < i && System.nanoTime() < wait) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(5);
                }
                List<Double> ms = new ArrayList<>();
                List<Double> toPort = new ArrayList<>();
                List<Double> portToSim = new ArrayList<>();
                for (OrderRecord o : rig.orders()) {
                    Instant t0 = committed.get(o.qty());
                    Instant tp = rig.portCalled.get(o.qty());
                    if (t0 != null) {
                        ms.add(Duration.between(t0, o.acceptedAt()).toNanos() / 1e6);
                        if (tp != null) {
                            toPort.add(Duration.between(t0, tp).toNanos() / 1e6);
                            portToSim.add(Duration.between(tp, o.acceptedAt()).toNanos() / 1e6);
                        }
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

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
