package io.execctl.proof;

import io.execctl.config.KisSettings;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Secret;
import io.execctl.engine.Alerter;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.submit.Submitter;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.RateBudget;
import io.execctl.proof.Violation.Rule;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.FillApplier;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderTx;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger check against a consistent state built through the real submit path, the simulator and
 * the fill applier: no violations; then one corruption at a time (inside a transaction that is rolled
 * back) is reported exactly, with the offending rows.
 */
class LedgerCheckSimTest {
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;

    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    static Simulator sim;
    static KisClient client;
    static Jdbi jdbi;
    static LedgerReader ledger;
    static UUID entry005930;
    static UUID restingEntry;
    static UUID exit005930;
    static Instant created = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeAll
    static void buildAConsistentState() throws Exception {
        jdbi = DB.jdbi();
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withRateLimit(0.0));
        Path rateDir = Files.createTempDirectory("ledger-check");
        KisSettings settings = KisSettings.builder(KisEnv.REAL)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(TrIdSet.NEW)
                .timeouts(new Timeouts(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3)))
                .rateStateDir(rateDir)
                .ratePerSecond(1000)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(RateBudget.UNLIMITED)
                .build();
        ledger = new LedgerReader(sim.adminUrl());

        UUID position = UUID.randomUUID();
        entry005930 = intent(position, "005930", "ENTRY", 10, "MKT", null);
        intent(null, "000660", "ENTRY", 3, "LMT", "181000"); // marketable limit
        restingEntry = intent(null, "035420", "ENTRY", 2, "LMT", "150000"); // far below: stays working
        intent(null, "005930", "ENTRY", 1, "LMT", "72050"); // off the grid: REJECTED, never sent
        List<SubmitResult> first = submitter().runPass(100, false);
        assertThat(first)
                .extracting(SubmitResult::outcome)
                .containsOnly(SubmitOutcome.SUBMITTED, SubmitOutcome.REJECTED);
        applyBrokerTotals();
        jdbi.useHandle(h ->
                h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status)
                        VALUES (:id, :acc, '005930', 'LONG', 10, 72000, now(), 'OPEN')""").bind("id", position).bind("acc", ACCOUNT).execute());
        exit005930 = intent(position, "005930", "EXIT_PARTIAL", 4, "MKT", null);
        assertThat(submitter().runPass(100, false))
                .extracting(SubmitResult::outcome)
                .containsExactly(SubmitOutcome.SUBMITTED);
        applyBrokerTotals();
        new HoldingsSync(
                        jdbi,
                        client::balance,
                        ACCOUNT,
                        Clock.systemUTC(),
                        new HoldingsCheck(Duration.ZERO),
                        Alerter.NONE,
                        new HoldingsCounters())
                .run();
    }

    @AfterAll
    static void tearDown() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static Submitter submitter() {
        return new Submitter(
                jdbi,
                client::placeCashOrder,
                ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                SubmitAlerts.logging());
    }

    static UUID intent(UUID positionId, String symbol, String type, long qty, String orderType, String price) {
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
                .bind("key", "k-" + id)
                .bind("at", at)
                .execute());
        return id;
    }

    /** The broker's cumulative totals of every order, applied as REST snapshots (what the fills sync does). */
    static void applyBrokerTotals() {
        FillApplier applier = new FillApplier(new OrderTx(jdbi), Clock.systemUTC());
        for (BrokerLedger.Order o : ledger.read().orders()) {
            BigDecimal amount = o.executedAmount();
            long remaining = o.isFinal() ? 0 : o.qty() - o.filledQty() - o.cancelledQty();
            BrokerTotals totals = new BrokerTotals(o.qty(), o.filledQty(), amount, remaining, o.cancelledQty(), 0);
            applier.applySnapshot(
                    OrderKey.of(ACCOUNT, LocalDate.parse(o.orderDate(), DateTimeFormatter.BASIC_ISO_DATE), o.odno()),
                    totals,
                    true);
        }
    }

    static CheckResult check(boolean exactlyOnce) {
        return LedgerCheck.check(
                ledger.read(), DbFacts.read(jdbi, ACCOUNT), new LedgerCheck.Options(ACCOUNT, exactlyOnce));
    }

    /** Corrupts the tables inside a transaction, checks on that transaction, and rolls it back. */
    static CheckResult checkCorrupted(Consumer<Handle> corruption) {
        BrokerLedger truth = ledger.read();
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                corruption.accept(h);
                return LedgerCheck.check(truth, DbFacts.read(h, ACCOUNT), new LedgerCheck.Options(ACCOUNT, true));
            } finally {
                h.rollback();
            }
        }
    }

    static String orderIdOf(UUID intentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT order_id FROM trade.orders WHERE intent_id = :id")
                .bind("id", intentId)
                .mapTo(String.class)
                .one());
    }

    @Test
    void aConsistentStateHasNoViolations() {
        CheckResult r = check(true);

        assertThat(r.violations()).as(r.describe()).isEmpty();
        assertThat(r.brokerOrders()).isEqualTo(4);
        assertThat(r.dbOrders()).isEqualTo(4);
        assertThat(r.liveFills()).isGreaterThanOrEqualTo(3);
        assertThat(r.unknownSubmissions()).isZero();
        assertThat(r.openIntents()).singleElement().asString().contains(restingEntry.toString());
    }

    @Test
    void aDoubledFillIsReportedOnItsOrderWithBothRows() {
        String orderId = orderIdOf(entry005930);

        CheckResult r = checkCorrupted(h -> h.execute("""
                INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, source, created_ts)
                SELECT gen_random_uuid(), order_id, ts, qty, price, amount, source, created_ts
                  FROM trade.fills WHERE order_id = ?""", orderId));

        assertThat(r.rules()).as(r.describe()).containsExactlyInAnyOrder(Rule.FILL_SURPLUS, Rule.ORDER_FILLED_QTY);
        Violation surplus = r.violations().stream()
                .filter(v -> v.rule() == Rule.FILL_SURPLUS)
                .findFirst()
                .orElseThrow();
        assertThat(surplus.detail()).contains(orderId).contains("live fills 20 > broker executed 10");
        assertThat(surplus.rows().stream().filter(s -> s.startsWith("trade.fills")))
                .hasSize(2);
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.detail()).contains(orderId));
    }

    @Test
    void aMissingOrderRowIsReportedAsABrokerOrderNotRecordedAndAnIntentWithoutOrder() {
        String orderId = orderIdOf(exit005930);
        String odno = orderId.split("-")[1];

        CheckResult r = checkCorrupted(h -> {
            h.execute("DELETE FROM trade.fills WHERE order_id = ?", orderId);
            h.execute("DELETE FROM trade.orders WHERE order_id = ?", orderId);
        });

        assertThat(r.rules())
                .as(r.describe())
                .containsExactlyInAnyOrder(Rule.BROKER_ORDER_NOT_RECORDED, Rule.INTENT_WITHOUT_ORDER);
        assertThat(r.violations()).hasSize(2);
        assertThat(r.violations().stream().filter(v -> v.rule() == Rule.BROKER_ORDER_NOT_RECORDED))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(odno));
        assertThat(r.violations().stream().filter(v -> v.rule() == Rule.INTENT_WITHOUT_ORDER))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(exit005930.toString()));
    }

    @Test
    void aHoldingThatDiffersFromTheBrokerIsReported() {
        CheckResult r =
                checkCorrupted(h -> h.execute("UPDATE trade.holdings SET qty = qty + 1 WHERE symbol = '005930'"));

        assertThat(r.violations()).as(r.describe()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.HOLDING_MISMATCH);
            assertThat(v.detail()).startsWith("005930: trade.holdings 7").contains("broker 6");
        });
    }

    @Test
    void anIntentLeftNewFailsOnlyWhenExactlyOnceIsRequired() {
        UUID waiting = UUID.randomUUID();
        Consumer<Handle> unsent = h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code, action_key)
                VALUES (?, '005930', 'ENTRY', 1, 'MKT', 'TEST', ?)""", waiting, "k-" + waiting);

        CheckResult strict = checkCorrupted(unsent);

        assertThat(strict.rules())
                .as(strict.describe())
                .containsExactlyInAnyOrder(Rule.INTENT_WITHOUT_ORDER, Rule.INTENT_NOT_HANDLED);
        BrokerLedger truth = ledger.read();
        try (Handle h = jdbi.open()) {
            h.begin();
            unsent.accept(h);
            CheckResult lenient =
                    LedgerCheck.check(truth, DbFacts.read(h, ACCOUNT), new LedgerCheck.Options(ACCOUNT, false));
            h.rollback();
            assertThat(lenient.violations()).as(lenient.describe()).isEmpty();
        }
    }

    @Test
    void anApiOrderNoIntentOwnsIsNotRecordedAndOnceRecordedAsExternalIsFlagged() {
        BrokerLedger truth = ledger.read();
        BrokerLedger.Order template = truth.orders().get(0);
        BrokerLedger.Order secondSend = new BrokerLedger.Order(
                template.orderDate(),
                template.branch(),
                "0000000099",
                "",
                "068270",
                "BUY",
                "01",
                1,
                BigDecimal.ZERO,
                "OPEN",
                0,
                0,
                "API",
                List.of());
        List<BrokerLedger.Order> orders = new ArrayList<>(truth.orders());
        orders.add(secondSend);
        BrokerLedger withSecondSend = new BrokerLedger(truth.account(), truth.cash(), orders, truth.holdings());

        CheckResult notRecorded =
                LedgerCheck.check(withSecondSend, DbFacts.read(jdbi, ACCOUNT), new LedgerCheck.Options(ACCOUNT, true));
        assertThat(notRecorded.violations())
                .as(notRecorded.describe())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(Rule.BROKER_ORDER_NOT_RECORDED);
                    assertThat(v.rows())
                            .singleElement()
                            .asString()
                            .contains("0000000099")
                            .contains("068270");
                });

        try (Handle h = jdbi.open()) {
            h.begin();
            h.execute(
                    """
                    INSERT INTO trade.orders (order_id, account_id, order_date, branch_no, kis_order_no, symbol, side,
                                              order_type, qty, open_qty, status, broker_status, source, submitted_ts, updated_ts)
                    VALUES (?, ?, ?, '06590', '0000000099', '068270', 'BUY', 'MKT', 1, 1, 'SUBMITTED', 'ACCEPTED',
                            'EXTERNAL', now(), now())""",
                    OrderKey.of(
                                    ACCOUNT,
                                    LocalDate.parse(template.orderDate(), DateTimeFormatter.BASIC_ISO_DATE),
                                    "0000000099")
                            .orderId(),
                    ACCOUNT,
                    LocalDate.parse(template.orderDate(), DateTimeFormatter.BASIC_ISO_DATE));
            CheckResult external =
                    LedgerCheck.check(withSecondSend, DbFacts.read(h, ACCOUNT), new LedgerCheck.Options(ACCOUNT, true));
            h.rollback();
            assertThat(external.violations())
                    .as(external.describe())
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.rule()).isEqualTo(Rule.API_ORDER_WITHOUT_INTENT);
                        assertThat(v.rows()).hasSize(2);
                    });
        }
    }

    @Test
    void aLedgerWithoutARequiredFieldIsAnError() {
        assertThatThrownBy(() -> LedgerReader.parse("{\"account\":\"50000001-01\",\"orders\":[],\"holdings\":[]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cash");
        BrokerLedger l = LedgerReader.parse("""
                {"account":"50000001-01","cash":"100","orders":[{"order_date":"20261202","branch":"06590",
                 "odno":"0000000001","orig_odno":"","symbol":"005930","side":"BUY","ord_dvsn":"01","qty":3,
                 "price":"0","status":"FILLED","filled_qty":3,"cancelled_qty":0,"source":"API",
                 "executions":[{"qty":1,"price":"72000","time":"090000"},{"qty":2,"price":"72100","time":"090001"}]}],
                 "holdings":[{"symbol":"005930","qty":3,"avg_price":"72066.6667"}]}""");
        assertThat(l.orders().get(0).executedAmount()).isEqualByComparingTo("216200");
        assertThat(Set.of(l.orders().get(0).key())).containsExactly("20261202/0000000001");
    }
}
