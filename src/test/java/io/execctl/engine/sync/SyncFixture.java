package io.execctl.engine.sync;

import io.execctl.config.KisSettings;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.Fill;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.Secret;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.submit.Submitter;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.RateBudget;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Db;
import io.execctl.store.FillApplier;
import io.execctl.store.FillStore;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL with the contract tables, the strict simulator (frozen session, one mutable clock shared
 * by the simulator's wall clock, the client and the syncs), orders placed through intents by the real
 * {@link Submitter}, and the ledger check: {@code trade.orders}/{@code trade.fills} against the
 * simulator's ledger, executed quantity and amount per order.
 */
final class SyncFixture implements AutoCloseable {
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;

    final TestDatabase db;
    final Jdbi jdbi;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    final Simulator sim;
    final KisClient client;
    final ExternalOwnershipTestDouble ownership;
    SyncCounters counters = new SyncCounters();
    private final Submitter submitter;
    private final AtomicInteger seq = new AtomicInteger();

    SyncFixture(Path rateDir, KisEnv env, String faults) {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        SimOptions opts = SimOptions.defaults()
                .withEnv(env)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(clock);
        sim = Simulator.start(faults == null ? opts : opts.withFaults(Faults.parse(faults)));
        KisSettings settings = KisSettings.builder(env)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .rateStateDir(rateDir)
                .ratePerSecond(1000)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(RateBudget.UNLIMITED)
                .clock(clock)
                .build();
        ownership = new ExternalOwnershipTestDouble(jdbi, this::branchOf, clock);
        submitter = new Submitter(
                jdbi,
                client::placeCashOrder,
                ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                clock,
                SubmitAlerts.logging());
    }

    /** Between tests: the market back to its initial state, faults cleared, execution tables emptied. */
    void reset() {
        sim.setFaults(Faults.parse("{}"));
        sim.broker().reset();
        ownership.asked.clear();
        ownership.pending = false;
        counters = new SyncCounters();
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.orders, trade.fills, trade.outbox, trade.submissions,"
                + " trade.intent_outcomes, trade.order_intents, trade.sync_runs, trade.fill_deficits CASCADE"));
    }

    SyncParts parts(Duration lag) {
        return new SyncParts(jdbi, BrokerInquiries.of(client), ACCOUNT, ownership, lag, clock, counters);
    }

    LocalDate today() {
        return KoreaTime.tradingDate(clock.instant());
    }

    void faults(String json) {
        sim.setFaults(Faults.parse(json));
    }

    /** A NEW entry intent sent by the real submitter; returns the order it became. */
    OrderKey buy(String symbol, long qty, String orderType, String price) {
        UUID id = intent(symbol, qty, orderType, price);
        SubmitResult r = submitter.submitOne(id, false);
        assertThat(r.orderId()).as("submitted: %s", r).isNotNull();
        return OrderStore.of(jdbi).findByIntent(id).orElseThrow().key();
    }

    /** A market buy whose POST outcome is unknown (the caller set a fault): the submission stays UNKNOWN. */
    void buyExpectingUnknown(String symbol, long qty) {
        SubmitResult r = submitter.submitOne(intent(symbol, qty, "MKT", null), false);
        assertThat(r.outcome()).as("%s", r).isEqualTo(SubmitOutcome.UNKNOWN);
    }

    private UUID intent(String symbol, long qty, String orderType, String price) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq.incrementAndGet());
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                                                         reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, :sym, 'ENTRY', :qty, :ot, CAST(:price AS numeric), 'TEST', :key, :at, :at)""")
                .bind("id", id)
                .bind("sym", symbol)
                .bind("qty", qty)
                .bind("ot", orderType)
                .bind("price", price)
                .bind("key", "k-" + id)
                .bind("at", at)
                .execute());
        return id;
    }

    /** The simulator's row of an order (new orders only). */
    OrderRecord broker(OrderKey key) {
        return ledgerOrders(key.orderDate()).stream()
                .filter(o -> o.odno().equals(key.odno()))
                .findFirst()
                .orElseThrow();
    }

    List<OrderRecord> ledgerOrders(LocalDate date) {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty() && o.orderDate().equals(date))
                .toList();
    }

    private String branchOf(OrderKey key) {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.orderDate().equals(key.orderDate()) && o.odno().equals(key.odno()))
                .map(OrderRecord::branch)
                .findFirst()
                .orElseThrow();
    }

    /**
     * What the notice path would record for the broker's executions of {@code key} so far (one receipt
     * per execution, replaying an execution already recorded changes nothing): WS fills "running ahead".
     */
    void noticesFor(OrderKey key) {
        FillApplier applier = new FillApplier(new OrderTx(jdbi), clock);
        List<OrderRecord.Execution> ex = broker(key).executions();
        for (int i = 0; i < ex.size(); i++) {
            OrderRecord.Execution e = ex.get(i);
            applier.applyNotice(
                    key,
                    new NoticeReceipt("test-" + key.odno(), i, 0),
                    clock.instant(),
                    e.qty(),
                    BigDecimal.valueOf(e.price()),
                    "{}");
        }
    }

    Order order(OrderKey key) {
        return OrderStore.of(jdbi).findByKey(key).orElseThrow();
    }

    List<Fill> fills(OrderKey key) {
        return FillStore.of(jdbi).listAll(key.orderId());
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** trade.orders/trade.fills agree with the ledger for every order of {@code date}: executed qty and amount. */
    void assertAgreesWithLedger(LocalDate date) {
        List<OrderRecord> ledger = ledgerOrders(date);
        assertThat(ledger).isNotEmpty();
        for (OrderRecord b : ledger) {
            OrderKey key = OrderKey.of(ACCOUNT, b.orderDate(), b.odno());
            Order o = order(key);
            FillStore.Totals t = FillStore.of(jdbi).totals(key.orderId());
            assertThat(o.filledQty()).as("filled qty of %s", key.orderId()).isEqualTo(b.filledQty());
            assertThat(t.qty()).as("live fill qty of %s", key.orderId()).isEqualTo(b.filledQty());
            assertThat(t.amount())
                    .as("live fill amount of %s", key.orderId())
                    .isEqualByComparingTo(BigDecimal.valueOf(b.filledAmount()));
            assertThat(o.status())
                    .as("status of %s (broker %s)", key.orderId(), b.status())
                    .isEqualTo(expected(b));
        }
    }

    static OrderStatus expected(OrderRecord b) {
        return switch (b.status()) {
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELLED", "EXPIRED" -> b.filledQty() > 0 ? OrderStatus.CANCELLED_PARTIAL : OrderStatus.CANCELLED;
            case "REJECTED" -> OrderStatus.REJECTED;
            default -> b.filledQty() > 0 ? OrderStatus.PARTIAL : OrderStatus.SUBMITTED;
        };
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
