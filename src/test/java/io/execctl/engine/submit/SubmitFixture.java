package io.execctl.engine.submit;

import io.execctl.config.BackoffTable;
import io.execctl.config.KisSettings;
import io.execctl.config.RetrySchedule;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.RateBudget;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
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
 * A real PostgreSQL database with the contract tables, a strict simulator in real mode and a KIS
 * client wired to it, plus helpers to write intents and positions as a strategy would and to read
 * the simulator's ledger (the ground truth of what reached the broker).
 */
final class SubmitFixture implements AutoCloseable {
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;
    static final Timeouts FAST =
            new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofMillis(1500));

    /** Short retry schedules, so that an EGW00201 storm exhausts them in well under a second. */
    static final BackoffTable QUICK = new BackoffTable(
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.linear(Duration.ofMillis(20), 2),
            RetrySchedule.exponential(Duration.ofMillis(20), 2, Duration.ofMillis(40)),
            0.0);

    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    final KisClient client;
    final SubmitAlerts.Logging alerts = SubmitAlerts.logging();
    private final AtomicInteger seq = new AtomicInteger();
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");

    SubmitFixture(Path rateDir) {
        this(rateDir, KisEnv.REAL);
    }

    SubmitFixture(Path rateDir, KisEnv env) {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(env).withSpeed(0).withRateLimit(0.0));
        KisSettings settings = KisSettings.builder(env)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .timeouts(FAST)
                .backoff(QUICK)
                .rateStateDir(rateDir)
                .ratePerSecond(1000)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(RateBudget.UNLIMITED)
                .build();
    }

    Submitter submitter() {
        return submitter(Incarnation.start());
    }

    Submitter submitter(Incarnation owner) {
        return new Submitter(
                jdbi, client::placeCashOrder, ACCOUNT, owner, JournalPolicy.defaults(), Clock.systemUTC(), alerts);
    }

    /** Buys {@code qty} at market directly (not through an intent), so that exits have stock to sell. */
    void holdAtBroker(String symbol, long qty) {
        OrderOutcome out = client.placeCashOrder(OrderRequest.market(symbol, Side.BUY, qty));
        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
    }

    UUID position(String symbol, long qty, String status) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status)
                        VALUES (:id, :acc, :sym, 'LONG', :qty, 72000, now(), :status)""")
                .bind("id", id)
                .bind("acc", ACCOUNT)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("status", status)
                .execute());
        return id;
    }

    /** Inserts a NEW intent, each one a second later than the previous (the pass goes oldest first). */
    UUID intent(UUID positionId, String symbol, String type, long qty, String orderType, String price) {
        UUID id = UUID.randomUUID();
        Instant at = created = created.plusSeconds(1);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, :pos, :sym, :type, :qty, :ot, CAST(:price AS numeric), 'TEST', :key, :at, :at)""")
                .bind("id", id)
                .bind("pos", positionId)
                .bind("sym", symbol)
                .bind("type", type)
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

    String journalState(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM trade.submissions WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    String outcomeReason(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT reason_code FROM trade.intent_outcomes WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    long count(String sql, UUID p) {
        return jdbi.withHandle(
                h -> h.createQuery(sql).bind("p", p).mapTo(Long.class).one());
    }

    /** New orders (not cancel/modify rows) the simulated broker holds today. */
    List<OrderRecord> brokerOrders() {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty())
                .toList();
    }

    List<OrderRecord> brokerOrders(Side side, long qty) {
        return brokerOrders().stream()
                .filter(o -> o.side() == side && o.qty() == qty)
                .toList();
    }

    List<OrderRecord> brokerOrders(String symbol, Side side, long qty) {
        return brokerOrders(side, qty).stream()
                .filter(o -> o.symbol().equals(symbol))
                .toList();
    }

    void faults(String json) {
        sim.setFaults(Faults.parse(json));
    }

    static BigDecimal price(String p) {
        return new BigDecimal(p);
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
