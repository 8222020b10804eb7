package io.execctl.engine.submit;

import io.execctl.config.BackoffTable;
import io.execctl.config.KisSettings;
import io.execctl.config.RetrySchedule;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.kis.HostRateBudget;
import io.execctl.kis.InMemoryKisMetrics;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.Sleeper;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel lanes against the simulator with its real per-app-key rate limit (20/s) on: under
 * injected EGW00201 storms every intent still reaches the broker exactly once; with the client's
 * shared budget at 19/s and no faults, many symbols at once never draw an EGW00201.
 */
class SubmitStormSimTest {
    static final List<String> SYMBOLS = List.of("005930", "000660", "035420", "051910", "068270");

    @TempDir
    Path dir;

    TestDatabase db;
    Jdbi jdbi;
    Simulator sim;
    KisClient client;
    HostRateBudget budget;
    InMemoryKisMetrics metrics = new InMemoryKisMetrics();
    Instant created = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withCash(10_000_000_000L));
        // Rate-limit retries generous enough that an intermittent storm never exhausts them.
        BackoffTable backoff = new BackoffTable(
                RetrySchedule.exponential(Duration.ofMillis(20), 15, Duration.ofMillis(100)),
                SubmitFixture.QUICK.serverError(),
                SubmitFixture.QUICK.timeout(),
                SubmitFixture.QUICK.connect(),
                0.0);
        KisSettings settings = KisSettings.builder(KisEnv.REAL)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(SubmitFixture.ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .timeouts(SubmitFixture.FAST)
                .backoff(backoff)
                .rateStateDir(dir)
                .ratePerSecond(19)
                .build();
        budget = HostRateBudget.forSettings(settings, Clock.systemUTC(), Sleeper.SYSTEM, metrics);
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(budget)
                .metrics(metrics)
                .build();
        client.balance(); // the token first
    }

    @AfterEach
    void tearDown() {
        client.close();
        budget.close();
        sim.close();
        db.close();
    }

    private UUID intent(String symbol, long qty) {
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

    private Map<UUID, Long> intents(int n) {
        Map<UUID, Long> qty = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            qty.put(intent(SYMBOLS.get(i % SYMBOLS.size()), i), (long) i);
        }
        return qty;
    }

    private List<SubmitResult> submitAll() {
        Submitter s = new Submitter(
                jdbi,
                client::placeCashOrder,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                SubmitAlerts.logging());
        List<SubmitResult> all = new ArrayList<>();
        try (SubmitPass pass = new SubmitPass(s, SYMBOLS.size())) {
            for (int i = 0; i < 5 && !IntentStore.of(jdbi).findNew(1).isEmpty(); i++) {
                all.addAll(pass.runForResults());
            }
        }
        return all;
    }

    private void assertExactlyOneOrderPerIntent(Map<UUID, Long> qtyOf, List<SubmitResult> results) {
        assertThat(results).hasSize(qtyOf.size());
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.SUBMITTED));
        Map<Long, Long> ordersPerQty = sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty())
                .collect(Collectors.groupingBy(OrderRecord::qty, Collectors.counting()));
        assertThat(ordersPerQty).hasSize(qtyOf.size());
        qtyOf.values().forEach(q -> assertThat(ordersPerQty.get(q))
                .as("orders of qty %d", q)
                .isEqualTo(1));
    }

    @Test
    void underEgw00201StormsEveryIntentReachesTheBrokerExactlyOnce() {
        sim.setFaults(Faults.parse("{\"egw00201_rate\":0.3,\"egw00201_burst\":1}"));
        Map<UUID, Long> qtyOf = intents(20);

        List<SubmitResult> results = submitAll();

        assertExactlyOneOrderPerIntent(qtyOf, results);
        assertThat(metrics.count("request", "order_cash", "rate_limited"))
                .as("the storm really happened")
                .isPositive();
    }

    @Test
    void atNineteenPerSecondManySymbolsAtOnceNeverDrawAnEgw00201() {
        Map<UUID, Long> qtyOf = intents(40);
        long start = System.nanoTime();

        List<SubmitResult> results = submitAll();

        double seconds = (System.nanoTime() - start) / 1e9;
        assertExactlyOneOrderPerIntent(qtyOf, results);
        assertThat(metrics.count("request", "order_cash", "rate_limited")).isZero();
        // 40 orders under a 19/s budget cannot take less than ~2 s: the budget, not the pool, set the pace.
        assertThat(seconds).isGreaterThan(39 / 19.0 * 0.9);
    }
}
