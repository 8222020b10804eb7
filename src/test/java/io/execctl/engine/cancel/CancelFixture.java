package io.execctl.engine.cancel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.config.BackoffTable;
import io.execctl.config.KisSettings;
import io.execctl.config.RetrySchedule;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.AccountNo;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Secret;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.submit.Submitter;
import io.execctl.kis.InMemoryKisMetrics;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.RateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL with the contract tables, the strict simulator in real mode and a KIS client on it;
 * intents are submitted by the real {@link Submitter}, and what reached the broker is read from the
 * simulator's ledger (the data of {@code /sim/ledger}).
 */
final class CancelFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;
    static final Timeouts FAST =
            new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofMillis(1500));
    static final BackoffTable QUICK = new BackoffTable(
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.linear(Duration.ofMillis(20), 2),
            RetrySchedule.exponential(Duration.ofMillis(20), 2, Duration.ofMillis(40)),
            0.0);
    static final KillSwitch.Options OPTIONS =
            new KillSwitch.Options(Duration.ofSeconds(6), Duration.ofMillis(100), Duration.ofMillis(500));

    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    final KisClient client;
    final InMemoryKisMetrics metrics = new InMemoryKisMetrics();
    final CancelCounters.InMemory counters = new CancelCounters.InMemory();
    final Incarnation owner = Incarnation.start();
    private final AtomicInteger seq = new AtomicInteger();
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * @param rateLimited the simulator enforces KIS's 20 requests/s and the client runs its real
     *                    host-wide budget (18/s); otherwise both are off
     */
    CancelFixture(Path rateDir, boolean rateLimited) {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withRateLimit(rateLimited ? 20.0 : 0.0));
        KisSettings.Builder b = KisSettings.builder(KisEnv.REAL)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .timeouts(FAST)
                .backoff(QUICK)
                .rateStateDir(rateDir);
        if (!rateLimited) {
            b.ratePerSecond(1000);
        }
        KisClient.Builder cb = KisClient.builder(b.build())
                .tokenStore(new InMemoryTokenStore())
                .metrics(metrics);
        if (!rateLimited) {
            cb.rateBudget(RateBudget.UNLIMITED);
        }
        client = cb.build();
    }

    KillSwitch killSwitch(KillSwitch.Options options) {
        return new KillSwitch(client, jdbi, ACCOUNT, Clock.systemUTC(), Sleeper.SYSTEM, counters, options);
    }

    PartialCanceller canceller() {
        return new PartialCanceller(client, jdbi, owner, JournalPolicy.defaults(), counters);
    }

    CancelResolver resolver(Duration historyLag) {
        return new CancelResolver(
                client,
                jdbi,
                owner,
                JournalPolicy.defaults(),
                new AbsenceRules(historyLag, KisEnv.REAL),
                Sleeper.SYSTEM,
                canceller());
    }

    /** A NEW buy intent, submitted for real: returns our order. */
    Order buy(String symbol, long qty, String orderType, String price) {
        UUID id = intent(symbol, qty, orderType, price);
        SubmitResult r = new Submitter(
                        jdbi,
                        client::placeCashOrder,
                        ACCOUNT,
                        owner,
                        JournalPolicy.defaults(),
                        Clock.systemUTC(),
                        SubmitAlerts.logging())
                .submitOne(id, false);
        assertThat(r.outcome()).isEqualTo(SubmitOutcome.SUBMITTED);
        return OrderStore.of(jdbi).findByIntent(id).orElseThrow();
    }

    UUID intent(String symbol, long qty, String orderType, String price) {
        UUID id = UUID.randomUUID();
        Instant at = created = created.plusSeconds(1);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, NULL, :sym, 'ENTRY', :qty, :ot, CAST(:price AS numeric), 'TEST', :key, :at, :at)""")
                .bind("id", id)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("ot", orderType)
                .bind("price", price)
                .bind("key", "k-" + seq.incrementAndGet() + "-" + id)
                .bind("at", at)
                .execute());
        return id;
    }

    String intentStatus(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    /** The ledger's row of ODNO {@code odno} today. */
    OrderRecord broker(String odno) {
        return sim.broker().ledger().orders().stream()
                .filter(o -> Long.parseLong(o.odno()) == Long.parseLong(odno))
                .findFirst()
                .orElseThrow();
    }

    /** Cancel rows (RVSE_CNCL_DVSN 02) of ODNO {@code odno} in the ledger. */
    List<OrderRecord> cancelsOf(String odno) {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().equals("02"))
                .filter(o -> !o.origOdno().isEmpty() && Long.parseLong(o.origOdno()) == Long.parseLong(odno))
                .toList();
    }

    /** Back to an empty book and empty tables (the simulator's ODNOs restart), for the next test. */
    void clear() {
        faults("{}");
        sim.broker().reset();
        jdbi.useHandle(h -> h.execute(
                "TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.submissions, trade.order_intents, "
                        + "trade.intent_outcomes, trade.outbox, trade.order_cancel_confirms CASCADE"));
    }

    void faults(String json) {
        sim.setFaults(Faults.parse(json));
    }

    /** An operator's modify or cancel typed into HTS; returns the new ODNO. */
    String htsRevise(String action, String origOdno, long price) throws Exception {
        String body = "{\"action\":\"%s\",\"orig_odno\":\"%s\",\"ord_dvsn\":\"00\",\"price\":%d}"
                .formatted(action, origOdno, price);
        HttpResponse<String> resp = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sim.adminUrl() + "/external-revise"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(resp.body());
        assertThat(n.path("result").asText()).as(resp.body()).isEqualTo("accepted");
        return OrderKey.normalizeOdno(n.path("odno").asText());
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                sim.close();
            } finally {
                db.close();
            }
        }
    }
}
