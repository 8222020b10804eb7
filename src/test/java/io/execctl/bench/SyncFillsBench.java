package io.execctl.bench;

import io.execctl.config.KisSettings;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.engine.PassReport;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.engine.sync.BrokerInquiries;
import io.execctl.engine.sync.FillsSync;
import io.execctl.engine.sync.SyncCounters;
import io.execctl.engine.sync.SyncParts;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderSyncState;
import io.execctl.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code sync fills} over N orders at the real page size (100 rows) and the real rate (20 calls/s on
 * the client's host budget and at the simulator's gateway), the account quiet: PostgreSQL, the strict
 * simulator, the real client. The budget is pages ÷ rate; the target is within 10 % + 1 s of it.
 * Reported: the first pass (every order's fills inferred: one transaction per order) and the quiet
 * passes after it (nothing to change: no per-order transaction).
 *
 * <p>{@code bin/bench io.execctl.bench.SyncFillsBench [orders=2000] [quietPasses=5]}
 */
public final class SyncFillsBench {
    private SyncFillsBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int quiet = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double rate = 20;
        Path rateDir = Files.createTempDirectory("sync-bench");
        try (TestDatabase db = TestDatabase.create();
                Simulator sim = Simulator.start(SimOptions.defaults()
                        .withEnv(KisEnv.REAL)
                        .withSpeed(0)
                        .withCash(1_000_000_000_000L)
                        .withRateLimit(rate))) {
            Migrations.migrate(db.dataSource(), true);
            Jdbi jdbi = Db.create(db.dataSource());
            KisSettings settings = KisSettings.builder(KisEnv.REAL)
                    .restUrl(sim.restUrl())
                    .wsUrl(sim.wsUrl())
                    .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                    .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                    .account(AccountNo.parse(SimOptions.DEMO_ACCOUNT))
                    .htsId(SimOptions.DEMO_HTS_ID)
                    .trIdSet(TrIdSet.NEW)
                    .rateStateDir(rateDir)
                    .ratePerSecond(rate)
                    .build();
            String[] symbols = {"005930", "000660", "035420", "051910", "068270"};
            for (int i = 0; i < n; i++) {
                sim.broker()
                        .placeOrder(
                                new PlaceOrder(symbols[i % symbols.length], Side.BUY, "01", 1 + i % 3, 0, Source.API));
            }
            LocalDate today = sim.broker().clock().tradingDate();
            OrderStore orders = OrderStore.of(jdbi);
            Instant now = Instant.now();
            for (OrderRecord o : sim.broker().orders(today)) {
                orders.upsert(
                        new Order(
                                OrderKey.of(SimOptions.DEMO_ACCOUNT, o.orderDate(), o.odno()),
                                null,
                                null,
                                o.branch(),
                                null,
                                o.symbol(),
                                o.side(),
                                OrderType.MKT,
                                o.qty(),
                                null,
                                0,
                                o.qty(),
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.SUBMITTED,
                                OrderSource.EXTERNAL,
                                null,
                                now,
                                now),
                        null);
            }
            if (!today.equals(KoreaTime.tradingDate(Instant.now()))) {
                throw new IllegalStateException("the simulator's date is not today's Korean date");
            }
            try (KisClient client = KisClient.builder(settings)
                    .tokenStore(new InMemoryTokenStore())
                    .build()) {
                SyncParts parts = new SyncParts(
                        jdbi,
                        BrokerInquiries.of(client),
                        SimOptions.DEMO_ACCOUNT,
                        s -> new OwnershipVerdict.Pending(s.key(), "bench: every order is stored"),
                        Duration.ZERO,
                        Clock.systemUTC(),
                        new SyncCounters());
                FillsSync sync = new FillsSync(parts);
                client.balance(); // the access token, outside the measurement
                Thread.sleep(1100); // let the budget refill
                measure("first pass (every order inferred)", sync, rate);
                for (int i = 0; i < quiet; i++) {
                    Thread.sleep(1100);
                    measure("quiet pass " + (i + 1), sync, rate);
                }
                Thread.sleep(1100);
                long t0 = System.nanoTime();
                var d = client.dailyOrders(DailyOrderQuery.range(today, today));
                System.out.printf(
                        "the inquiry alone: %d pages in %.2f s%n", d.orders().pages(), (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                int stored = OrderSyncState.forDate(jdbi, SimOptions.DEMO_ACCOUNT, today)
                        .size();
                System.out.printf("stored state of %d orders read in %.2f s%n", stored, (System.nanoTime() - t1) / 1e9);
            }
        } finally {
            Files.deleteIfExists(rateDir.resolve("rate-real"));
        }
    }

    private static void measure(String what, FillsSync sync, double rate) throws Exception {
        long t0 = System.nanoTime();
        PassReport r = sync.run();
        double s = (System.nanoTime() - t0) / 1e9;
        int pages = Integer.parseInt(r.summary().replaceAll("^\\d+ orders, (\\d+) pages.*$", "$1"));
        double budget = pages / rate;
        double target = budget * 1.1 + 1.0;
        System.out.printf(
                "%-36s %s | %d pages, budget %.2f s, target %.2f s, took %.2f s: %s%n",
                what, r.complete() ? "complete" : "INCOMPLETE", pages, budget, target, s, s <= target ? "OK" : "OVER");
    }
}
