package io.execctl.engine;

import io.execctl.cli.KisWiring;
import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.domain.Holding;
import io.execctl.domain.KisEnv;
import io.execctl.domain.MismatchKind;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import io.execctl.kis.Balance;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.Paged;
import io.execctl.kis.RateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.report.PositionsReport;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.store.CursorStore;
import io.execctl.store.Db;
import io.execctl.store.HoldingStore;
import io.execctl.store.Migrations;
import io.execctl.store.OutboxEvent;
import io.execctl.store.OutboxStore;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The holdings sync and check against the simulator (real HTTP, real matching) and real PostgreSQL. */
class HoldingsSyncTest {
    static final Instant OPEN = Instant.parse("2026-11-24T00:00:00Z"); // 09:00 in Seoul
    static final String ACC = SimOptions.DEMO_ACCOUNT;
    static final Duration QUIET = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(OPEN);
    final LoggingAlerter alerter = new LoggingAlerter();
    final HoldingsCounters counters = new HoldingsCounters();

    TestDatabase db;
    Jdbi jdbi;
    Simulator sim;
    KisClient client;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(KisEnv.REAL)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(clock));
        Sleeper movesTheClock = clock::advance;
        // Through the configuration, as the commands build it (the settings type is not named here).
        var settings = KisWiring.settings(Config.fromEnvironment(Map.of(
                        "KIS_ENV",
                        "real",
                        "KIS_REST_URL",
                        sim.restUrl(),
                        "KIS_WS_URL",
                        sim.wsUrl(),
                        "KIS_APP_KEY",
                        SimOptions.DEMO_APP_KEY,
                        "KIS_APP_SECRET",
                        SimOptions.DEMO_APP_SECRET,
                        "KIS_ACCOUNT",
                        ACC,
                        "EXECCTL_DATA_DIR",
                        dir.toString()))
                .require(Need.KIS));
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .clock(clock)
                .sleeper(movesTheClock)
                .random(new SplittableRandom(3))
                .rateBudget(RateBudget.UNLIMITED)
                .build();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private HoldingsSync sync(BalanceSource source) {
        return new HoldingsSync(jdbi, source, ACC, clock, new HoldingsCheck(QUIET), alerter, counters);
    }

    private HoldingsSync sync() {
        return sync(client::balance);
    }

    private void buy(String symbol, long qty) {
        assertThat(client.placeCashOrder(OrderRequest.market(symbol, Side.BUY, qty)))
                .isInstanceOf(OrderOutcome.Accepted.class);
    }

    /** A strategy-owned position row (tests write it; execctl never does). */
    private UUID position(String symbol, long qty, String avg, Instant updated) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts,
                                                     status, strategy_id, updated_ts)
                        VALUES (:id, :acc, :s, 'BUY', :q, :avg, :t, 'OPEN', 'test', :t)
                        """)
                .bind("id", id)
                .bind("acc", ACC)
                .bind("s", symbol)
                .bind("q", qty)
                .bind("avg", new BigDecimal(avg))
                .bind("t", updated)
                .execute());
        return id;
    }

    private void setPositionQty(UUID id, long qty, Instant updated) {
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE trade.positions SET qty = :q, updated_ts = :t WHERE position_id = :id")
                        .bind("q", qty)
                        .bind("t", updated)
                        .bind("id", id)
                        .execute());
    }

    private Instant longAgo() {
        return clock.instant().minus(Duration.ofHours(2));
    }

    private List<OutboxEvent> events() {
        return OutboxStore.of(jdbi).findAfter(0, 1000);
    }

    private List<Holding> holdings() {
        return HoldingStore.of(jdbi).findByAccount(ACC);
    }

    private static HoldingsSync.Result.Synced synced(HoldingsSync.Result r) {
        assertThat(r).isInstanceOf(HoldingsSync.Result.Synced.class);
        return (HoldingsSync.Result.Synced) r;
    }

    @Test
    void aCompleteBalanceReplacesHoldingsAndRemovesVanishedOnes() {
        buy("005930", 10);
        buy("000660", 5);
        // A line the broker no longer reports (sold and settled while nobody synced).
        HoldingStore.of(jdbi)
                .replaceAccount(
                        ACC,
                        List.of(HoldingStore.Line.of(
                                new Holding(ACC, "035420", 3, new BigDecimal("210000"), null, null, null, longAgo()))));

        HoldingsSync.Result.Synced s = synced(sync().run());

        assertThat(s.holdings()).isEqualTo(2);
        assertThat(s.deleted()).isEqualTo(1);
        assertThat(holdings()).extracting(Holding::symbol).containsExactly("000660", "005930");
        assertThat(holdings()).extracting(Holding::qty).containsExactly(5L, 10L);
        assertThat(holdings()).allSatisfy(h -> {
            assertThat(h.avgPrice().signum()).isPositive();
            assertThat(h.updatedTs()).isEqualTo(s.at());
        });
        assertThat(CursorStore.of(jdbi).updatedAt(HoldingsSync.cursorName(ACC))).contains(s.at());
        assertThat(PositionsReport.holdingsCursor(ACC)).isEqualTo(HoldingsSync.cursorName(ACC));
        assertThat(counters.completeSyncs()).isEqualTo(1);
        assertThat(counters.lastSync()).isEqualTo(s.at());
    }

    @Test
    void aFaultThatMakesPagingFailChangesAndJudgesNothing() {
        buy("005930", 10);
        position("035420", 4, "210000", longAgo()); // would be MISSING if judged
        HoldingsSync.Result.Synced first = synced(sync().run());
        List<Holding> before = holdings();
        List<OutboxEvent> eventsBefore = events();
        clock.advance(Duration.ofMinutes(1));
        buy("000660", 5);

        sim.setFaults(Faults.parse("{\"rest_5xx_rate\":1.0}"));
        HoldingsSync.Result r = sync().run();

        assertThat(r).isInstanceOf(HoldingsSync.Result.Incomplete.class);
        assertThat(((HoldingsSync.Result.Incomplete) r).reason()).isNotBlank();
        assertThat(holdings()).isEqualTo(before);
        assertThat(events()).isEqualTo(eventsBefore);
        assertThat(CursorStore.of(jdbi).updatedAt(HoldingsSync.cursorName(ACC))).contains(first.at());
        assertThat(counters.incompleteSyncs()).isEqualTo(1);
        assertThat(counters.mismatches(MismatchKind.MISSING)).isEqualTo(1); // the first, complete cycle only

        sim.setFaults(Faults.NONE);
        assertThat(synced(sync().run()).holdings()).isEqualTo(2);
    }

    @Test
    void anEmptyIncompleteResultNeverDeletesHoldings() {
        buy("005930", 10);
        position("005930", 10, "72000", longAgo());
        synced(sync().run());
        List<Holding> before = holdings();
        Balance partial = new Balance(Paged.incomplete(List.of(), 1, "page 2: HTTP 500"), Optional.empty());
        Balance noSummary = new Balance(Paged.complete(List.of(), 1), Optional.empty());

        for (Balance b : List.of(partial, noSummary)) {
            HoldingsSync.Result r = sync(() -> b).run();
            assertThat(r).isInstanceOf(HoldingsSync.Result.Incomplete.class);
        }

        assertThat(holdings()).isEqualTo(before);
        assertThat(events()).isEmpty();
        assertThat(counters.mismatches(MismatchKind.MISSING)).isZero();
        assertThat(alerter.count("HOLDING_MISMATCH_MISSING")).isZero();
    }

    @Test
    void eachMismatchKindRaisesOneEventAlertAndCounter() {
        buy("005930", 10);
        buy("000660", 5);
        buy("051910", 2);
        position("005930", 10, "72000", longAgo()); // OK
        UUID hynix = position("000660", 3, "180000", longAgo()); // QTY: holding 5
        position("035420", 4, "210000", longAgo()); // MISSING

        HoldingsSync.Result.Synced s = synced(sync().run());

        assertThat(s.judgement().raised())
                .extracting(r -> r.symbol() + " " + r.kind() + " " + r.difference())
                .containsExactly("000660 QTY 2", "035420 MISSING -4", "051910 EXTRA 2");
        assertThat(events())
                .extracting(OutboxEvent::eventType, OutboxEvent::aggregateId)
                .containsExactly(
                        tuple(OutboxEvent.HOLDING_MISMATCH, ACC + ":000660"),
                        tuple(OutboxEvent.HOLDING_MISMATCH, ACC + ":035420"),
                        tuple(OutboxEvent.HOLDING_MISMATCH, ACC + ":051910"));
        assertThat(events().get(0).payloadJson())
                .contains("\"kind\": \"QTY\"")
                .contains("\"position_qty\": 3")
                .contains("\"holding_qty\": 5")
                .contains("\"difference\": 2");
        assertThat(alerter.count("HOLDING_MISMATCH_QTY")).isEqualTo(1);
        assertThat(alerter.count("HOLDING_MISMATCH_MISSING")).isEqualTo(1);
        assertThat(alerter.count("HOLDING_MISMATCH_EXTRA")).isEqualTo(1);
        assertThat(counters.mismatches(MismatchKind.QTY)).isEqualTo(1);

        // The same mismatches a cycle later: counted again, but no second event or alert.
        clock.advance(Duration.ofSeconds(30));
        assertThat(synced(sync().run()).judgement().raised()).isEmpty();
        assertThat(events()).hasSize(3);
        assertThat(alerter.count("HOLDING_MISMATCH_QTY")).isEqualTo(1);
        assertThat(counters.mismatches(MismatchKind.QTY)).isEqualTo(2);

        // The strategy catches up (long enough ago to be judged): the QTY mismatch clears.
        clock.advance(Duration.ofSeconds(60));
        setPositionQty(hynix, 5, clock.instant().minus(Duration.ofSeconds(45)));
        HoldingsSync.Result.Synced third = synced(sync().run());
        assertThat(third.judgement().cleared()).containsExactly("000660");
        assertThat(events()).hasSize(4);
        assertThat(events().get(3).eventType()).isEqualTo(HoldingsCheck.CLEARED);
        assertThat(alerter.count("HOLDING_MISMATCH_CLEARED")).isEqualTo(1);
        // execctl never writes positions
        long total = jdbi.withHandle(h -> h.createQuery("SELECT sum(qty) FROM trade.positions")
                .mapTo(Long.class)
                .one());
        assertThat(total).isEqualTo(10 + 5 + 4);
    }

    @Test
    void theQuietPeriodSuppressesTheVerdictUntilALaterCycle() {
        buy("005930", 10);
        position("005930", 7, "72000", clock.instant()); // the strategy has just moved it

        HoldingsSync.Result.Synced first = synced(sync().run());
        assertThat(first.judgement().diff().mismatches()).isEmpty();
        assertThat(first.judgement().diff().pendingMismatches()).hasSize(1);
        assertThat(first.judgement().raised()).isEmpty();
        assertThat(events()).isEmpty();
        assertThat(counters.pendingMismatches()).isEqualTo(1);

        clock.advance(QUIET.plusSeconds(1));
        HoldingsSync.Result.Synced later = synced(sync().run());
        assertThat(later.judgement().raised()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(MismatchKind.QTY);
            assertThat(r.difference()).isEqualTo(3);
        });
        assertThat(events()).hasSize(1);
        assertThat(alerter.count("HOLDING_MISMATCH_QTY")).isEqualTo(1);
    }

    @Test
    void recentOrderActivityOfTheSymbolIsInFlight() {
        buy("000660", 5);
        position("000660", 3, "180000", longAgo());
        insertOrder("000660", clock.instant());

        HoldingsSync.Result.Synced first = synced(sync().run());
        assertThat(first.judgement().diff().pendingMismatches())
                .extracting(r -> r.symbol())
                .containsExactly("000660");
        assertThat(events()).isEmpty();

        clock.advance(QUIET.plusSeconds(1));
        assertThat(synced(sync().run()).judgement().raised()).hasSize(1);
    }

    /** An EXTERNAL order row of the symbol, whatever the order-id format of the schema version. */
    private String insertOrder(String symbol, Instant updated) {
        return jdbi.withHandle(h -> {
            boolean tagged = h.createQuery("SELECT to_regprocedure('trade.account_tag(text)') IS NOT NULL")
                    .mapTo(Boolean.class)
                    .one();
            String orderId = tagged
                    ? "20261124-0000000001-"
                            + h.createQuery("SELECT trade.account_tag(:a)")
                                    .bind("a", ACC)
                                    .mapTo(String.class)
                                    .one()
                    : "20261124-06590-0000000001";
            h.createUpdate("""
                            INSERT INTO trade.orders (order_id, account_id, order_date, branch_no, kis_order_no, symbol,
                                                      side, order_type, qty, open_qty, status, source, submitted_ts,
                                                      updated_ts)
                            VALUES (:id, :acc, DATE '2026-11-24', '06590', '0000000001', :s, 'BUY', 'MKT', 2, 2,
                                    'SUBMITTED', 'EXTERNAL', :t, :t)
                            """)
                    .bind("id", orderId)
                    .bind("acc", ACC)
                    .bind("s", symbol)
                    .bind("t", updated)
                    .execute();
            return orderId;
        });
    }

    @Test
    void activityLongerAgoThanTheQuietPeriodDoesNotCount() {
        buy("000660", 5);
        position("000660", 3, "180000", longAgo());
        insertOrder("000660", clock.instant().minus(QUIET).minusSeconds(1));
        assertThat(synced(sync().run()).judgement().raised()).hasSize(1);
        assertThat(Set.copyOf(events().stream().map(OutboxEvent::eventType).toList()))
                .containsExactly(OutboxEvent.HOLDING_MISMATCH);
    }

    @Test
    void anOlderBalanceNeverOverwritesANewerOne() {
        buy("005930", 10);
        Instant readEarly = clock.instant();
        // This run reads its balance, but before it stores it another process stores a later one.
        HoldingsSync slow = sync(() -> {
            Balance b = client.balance();
            clock.advance(Duration.ofSeconds(5));
            buy("000660", 5);
            synced(sync().run());
            return b;
        });

        HoldingsSync.Result r = slow.run();

        assertThat(r).isInstanceOf(HoldingsSync.Result.Superseded.class);
        assertThat(((HoldingsSync.Result.Superseded) r).at()).isEqualTo(readEarly);
        assertThat(holdings()).extracting(Holding::symbol).containsExactly("000660", "005930");
    }

    @Test
    void aRecentFillOfTheSymbolIsInFlight() {
        buy("000660", 5);
        position("000660", 3, "180000", longAgo());
        String orderId = insertOrder("000660", longAgo());
        insertFill(orderId, clock.instant());

        assertThat(synced(sync().run()).judgement().diff().pendingMismatches()).hasSize(1);
        assertThat(events()).isEmpty();

        clock.advance(QUIET.plusSeconds(1));
        assertThat(synced(sync().run()).judgement().raised()).hasSize(1);
    }

    /** An INFERRED fill, whatever the fill columns of the schema version (seq before V3, amount after). */
    private void insertFill(String orderId, Instant at) {
        jdbi.useHandle(h -> {
            boolean hasSeq = h.createQuery("SELECT count(*) > 0 FROM information_schema.columns"
                            + " WHERE table_schema = 'trade' AND table_name = 'fills' AND column_name = 'seq'")
                    .mapTo(Boolean.class)
                    .one();
            String extraColumn = hasSeq ? "seq" : "amount";
            h.createUpdate("INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, source, created_ts, "
                            + extraColumn + ") VALUES (:id, :o, :t, 2, 180000, 'INFERRED', :t, :x)")
                    .bind("id", UUID.randomUUID())
                    .bind("o", orderId)
                    .bind("t", at)
                    .bind("x", hasSeq ? 2L : 360000L)
                    .execute();
        });
    }
}
