package io.execctl.engine.notice;

import io.execctl.cli.WsAudit;
import io.execctl.config.BackoffTable;
import io.execctl.config.KisSettings;
import io.execctl.config.ReconnectPolicy;
import io.execctl.config.RetrySchedule;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Order;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.domain.TradingDate;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.RateBudget;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.ws.WsFaults;
import io.execctl.store.AuditWriter;
import io.execctl.store.Db;
import io.execctl.store.FillApplier;
import io.execctl.store.FillStore;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL (contract tables), the strict simulator in real mode (frozen market: tests move it),
 * the real notice WebSocket client subscribed to it, the audit writer and the notice pipeline, with
 * a rule-based ownership test double. Helpers place orders at the broker and record them the way the
 * submission path does (row + {@code applyParked} in one order transaction), and compare our rows
 * with the simulator's ledger.
 */
final class NoticeFixture implements AutoCloseable {
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(
            Duration.ofMillis(50),
            Duration.ofMillis(400),
            Duration.ofMillis(20),
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    private static final Timeouts TIMEOUTS =
            new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofMillis(1500));
    private static final BackoffTable QUICK = new BackoffTable(
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.linear(Duration.ofMillis(20), 2),
            RetrySchedule.exponential(Duration.ofMillis(20), 2, Duration.ofMillis(40)),
            0.0);

    final Clock clock = Clock.systemUTC();
    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    final KisClient client;
    final RuleOwnershipDouble ownership;
    final InMemoryNoticeMetrics metrics = new InMemoryNoticeMetrics();
    final AuditWriter audit;
    final NoticePipeline pipeline;
    final NoticeStream stream;
    final FillApplier applier;
    private final Map<OrderKey, String> branches = new ConcurrentHashMap<>();
    private int intents;

    /** Sets the WebSocket faults and the REST/market faults back to none. */
    void noFaults() {
        sim.wsServer().setFaults(WsFaults.NONE);
        sim.setFaults(Faults.NONE);
    }

    NoticeFixture(Path rateDir, NoticePipeline.Options options) {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(KisEnv.REAL)
                .withCash(100_000_000_000L)
                .withSpeed(0)
                .withRateLimit(0.0));
        KisSettings settings = KisSettings.builder(KisEnv.REAL)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .timeouts(TIMEOUTS)
                .backoff(QUICK)
                .rateStateDir(rateDir)
                .ratePerSecond(1000)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(RateBudget.UNLIMITED)
                .build();
        ownership = new RuleOwnershipDouble(jdbi);
        applier = new FillApplier(new OrderTx(jdbi), clock);
        pipeline = NoticePipeline.create(
                jdbi, AccountNo.parse(ACCOUNT), ownership, new DailyCcldLookup(client), metrics, clock, options);
        pipeline.start();
        audit = AuditWriter.start(jdbi, 100_000);
        stream = NoticeStream.builder(
                        NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID)
                                .withTryitoutPath(true)
                                .withReconnect(FAST),
                        client.tokens().approvalKeySupplier(),
                        client.tokens()::invalidateApproval,
                        new WsAudit(audit, pipeline))
                .build();
        stream.start();
        await().atMost(WAIT).until(stream::isSubscribed);
    }

    long price(String symbol) {
        return sim.broker().prices().get(symbol);
    }

    /** Places a limit buy at the broker; returns its key (our trading date, as the submission path takes it). */
    OrderKey placeLimit(String symbol, long qty, long price) {
        OrderOutcome out = client.placeCashOrder(OrderRequest.limit(symbol, Side.BUY, qty, BigDecimal.valueOf(price)));
        assertThat(out).as("%s", out).isInstanceOf(OrderOutcome.Accepted.class);
        OrderOutcome.Accepted a = (OrderOutcome.Accepted) out;
        OrderKey key = a.key(ACCOUNT, TradingDate.today(clock));
        branches.put(key, a.branch());
        return key;
    }

    /** Cancels the whole remainder through the client (order-rvsecncl). */
    void cancel(OrderKey key) {
        OrderOutcome out = client.cancel(OrderAddress.of(branches.get(key), key.odno()));
        assertThat(out).as("%s", out).isInstanceOf(OrderOutcome.Accepted.class);
    }

    OrderKey placeMarket(String symbol, long qty) {
        OrderOutcome out = client.placeCashOrder(OrderRequest.market(symbol, Side.BUY, qty));
        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        return ((OrderOutcome.Accepted) out).key(ACCOUNT, TradingDate.today(clock));
    }

    /**
     * Records the order as the submission path does on acceptance: an intent (SUBMITTED), the order row
     * and — in the same order transaction — the notices parked for it.
     */
    UUID record(OrderKey key, String symbol, OrderType type, long qty, Long limit) {
        UUID intent = UUID.randomUUID();
        int n = ++intents;
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                                                         reason_code, action_key, status, created_ts, updated_ts)
                        VALUES (:id, :sym, 'ENTRY', :qty, :ot, :price, 'TEST', :key, 'SUBMITTED', now(), now())""")
                .bind("id", intent)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("ot", type.name())
                .bind("price", limit == null ? null : BigDecimal.valueOf(limit))
                .bind("key", "notice-test-" + n)
                .execute());
        Instant now = clock.instant();
        Order o = new Order(
                key,
                intent,
                null,
                "00950",
                null,
                symbol,
                Side.BUY,
                type,
                qty,
                limit == null ? null : BigDecimal.valueOf(limit),
                0,
                qty,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.INTENT,
                null,
                now,
                now);
        new OrderTx(jdbi).useOrderTransaction(key, tx -> {
            tx.orders().upsert(o, null);
            pipeline.parked().applyParked(key);
        });
        return intent;
    }

    OrderRecord ledger(OrderKey key) {
        return sim.broker().ledger().orders().stream()
                .filter(r -> OrderKey.normalizeOdno(r.odno()).equals(key.odno()))
                .findFirst()
                .orElseThrow();
    }

    Order order(OrderKey key) {
        return OrderStore.of(jdbi).findByKey(key).orElseThrow();
    }

    FillStore.Totals live(OrderKey key) {
        return FillStore.of(jdbi).totals(key.orderId());
    }

    String intentStatus(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Waits until our live fills of {@code key} hold the ledger's executed quantity. */
    void awaitFilled(OrderKey key) {
        await().atMost(WAIT).until(() -> live(key).qty() == ledger(key).filledQty());
    }

    /** Ours agree with the ledger: executed quantity, exact amount, filled_qty, avg price. */
    void assertAgreesWithLedger(OrderKey key) {
        OrderRecord r = ledger(key);
        FillStore.Totals t = live(key);
        Order o = order(key);
        assertThat(t.qty()).as("live fill quantity of %s", key).isEqualTo(r.filledQty());
        assertThat(t.amount())
                .as("live fill amount of %s", key)
                .isEqualByComparingTo(BigDecimal.valueOf(r.filledAmount()));
        assertThat(o.filledQty()).isEqualTo(r.filledQty());
        assertThat(o.openQty()).isEqualTo(Math.max(0, r.remainingQty()));
    }

    /** The REST sync's part (not this path's): the broker's totals of the order as daily-ccld would give them. */
    BrokerTotals totals(OrderKey key) {
        OrderRecord r = ledger(key);
        return new BrokerTotals(
                r.qty(),
                r.filledQty(),
                BigDecimal.valueOf(r.filledAmount()),
                r.remainingQty(),
                r.cancelledQty(),
                r.rejectedQty());
    }

    void drain() throws InterruptedException {
        assertThat(pipeline.awaitIdle(WAIT)).as("pipeline drained").isTrue();
    }

    @Override
    public void close() {
        try {
            stream.close();
            pipeline.close();
            audit.close();
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
