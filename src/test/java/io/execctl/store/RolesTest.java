package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.Holding;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderStatus;
import io.execctl.kis.port.CachedToken;
import io.execctl.testing.Psql;
import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * examples/roles.sql, applied with psql after migrating: the service role can do its work and
 * nothing more, strategies read facts, outcomes and the outbox but never tokens, and no role gets a
 * password the script made up.
 */
class RolesTest {
    private static final String SUFFIX =
            UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String APP = "execctl_app_" + SUFFIX;
    private static final String SVC = "execctl_svc_" + SUFFIX;
    private static final String STRATEGY = "execctl_strategy_" + SUFFIX;
    private static final String STRATEGY_LOGIN = "strategy_login_" + SUFFIX;
    private static final String NOBODY = "nobody_" + SUFFIX;
    private static final String PASSWORD = "pw-" + SUFFIX;
    private static final Path ROLES_SQL = Path.of("examples/roles.sql");
    private static TestDatabase db;
    private static Jdbi admin;
    private static Jdbi service;
    private static Jdbi strategy;
    private static Jdbi nobody;
    private static UUID intentId;

    @TempDir
    static Path tmp;

    /** roles.sql with its role names given {@code suffix} (as the script's header suggests). */
    private static Path renamedScript(String suffix) throws IOException {
        String text = Files.readString(ROLES_SQL)
                .replace("execctl_app", "execctl_app_" + suffix)
                .replace("execctl_svc", "execctl_svc_" + suffix)
                .replace("execctl_strategy", "execctl_strategy_" + suffix);
        Path p = tmp.resolve("roles-" + suffix + ".sql");
        Files.writeString(p, text);
        return p;
    }

    @BeforeAll
    static void setUp() throws Exception {
        db = Samples.migratedDatabase();
        admin = Samples.jdbi(db);
        Path script = renamedScript(SUFFIX);
        Psql.Result first = Psql.run(db, script, Map.of("app_password", PASSWORD));
        assertThat(first.code()).as(first.output()).isZero();
        // idempotent, and a second run without a password neither asks for one nor changes it
        Psql.Result again = Psql.run(db, script, Map.of());
        assertThat(again.code()).as(again.output()).isZero();
        admin.useHandle(h -> {
            h.execute("CREATE ROLE " + STRATEGY_LOGIN + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE " + STRATEGY);
            h.execute("CREATE ROLE " + NOBODY + " LOGIN PASSWORD '" + PASSWORD + "'");
            h.execute("GRANT USAGE ON SCHEMA trade TO " + NOBODY);
        });
        service = Db.create(db.dataSource(SVC, PASSWORD));
        strategy = Db.create(db.dataSource(STRATEGY_LOGIN, PASSWORD));
        nobody = Db.create(db.dataSource(NOBODY, PASSWORD));
        intentId = UUID.randomUUID();
        admin.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code, action_key)
                VALUES (?, '005930', 'ENTRY', 10, 'MKT', 'R', 'roles-test')""", intentId));
        admin.useHandle(h -> h.execute("""
                INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status)
                VALUES (gen_random_uuid(), ?, '005930', 'LONG', 10, 70000, now(), 'OPEN')""", Samples.ACCOUNT));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        db.close();
        try (Connection c = DriverManager.getConnection(db.adminUrl(), db.user(), db.password());
                Statement st = c.createStatement()) {
            for (String role : List.of(STRATEGY_LOGIN, NOBODY, SVC, STRATEGY, APP)) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private static void refused(Jdbi as, String sql) {
        assertThatThrownBy(() -> as.useHandle(h -> h.execute(sql))).as(sql).hasMessageContaining("permission denied");
    }

    private static long count(Jdbi as, String relation) {
        return as.withHandle(h -> h.createQuery("SELECT count(*) FROM " + relation)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void theServiceRoleRunsEveryStore() {
        String me = service.withHandle(
                h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
        assertThat(me).isEqualTo(SVC);
        Order o = Samples.submitted(Samples.nextKey(), intentId);
        OrderTx tx = new OrderTx(service);
        tx.useOrderTransaction(o.key(), t -> {
            assertThat(t.intents().lockNew(5)).extracting(Intent::intentId).contains(intentId);
            assertThat(t.submissions().claim(intentId, Incarnation.start(), "{}", JournalPolicy.defaults()))
                    .isPresent();
            NoticeCoverageStore coverage = NoticeCoverageStore.on(t.handle(), DbClock.database());
            assertThat(coverage.frame(coverage.open("paper:x", Incarnation.start())))
                    .isTrue();
            t.intents().updateStatus(intentId, IntentStatus.SENDING, Samples.T0);
            t.orders().upsert(o, "{}");
            Fill f = Fill.ws(o.orderId(), new NoticeReceipt("c", 1, 0), Samples.T0, 10, new BigDecimal("72000"));
            t.fills().insert(f, null);
            t.fills().voidFill(f.fillId(), "test", Samples.T0);
            t.orders()
                    .writeProgress(
                            o.key(),
                            new OrderStore.Progress(
                                    0,
                                    10,
                                    null,
                                    BrokerStatus.ACCEPTED,
                                    OrderStatus.SUBMITTED,
                                    FillBook.Broker.NONE,
                                    Samples.T0));
            t.outbox().append(OutboxEvent.of(OutboxEvent.ORDER_STATUS, o.orderId(), "k1", "{}", Samples.T0));
            t.brokerMessages()
                    .append(BrokerMessage.ok(Samples.T0, BrokerMessage.Channel.WS, "H0STCNI0", null, "p", o.orderId()));
        });
        assertThat(IntentStore.of(service).find(intentId).orElseThrow().status())
                .isEqualTo("SENDING");
        assertThat(BrokerMessageStore.of(service).findByCorrelation(o.orderId()))
                .hasSize(1);
        assertThat(PositionStore.of(service).findOpen(Samples.ACCOUNT)).hasSize(1);

        HoldingStore holdings = HoldingStore.of(service);
        holdings.replaceAccount(
                Samples.ACCOUNT,
                List.of(HoldingStore.Line.of(
                        new Holding(Samples.ACCOUNT, "005930", 10, BigDecimal.TEN, null, null, null, Samples.T0))));
        assertThat(holdings.replaceAccount(Samples.ACCOUNT, List.of()).deleted())
                .isEqualTo(1);

        CursorStore.of(service).put("c", "{}", Samples.T0);
        ParkedNoticeStore parked = ParkedNoticeStore.of(service);
        parked.resolve(parked.park(o.key(), new NoticeReceipt("c", 2, 0), "n", Samples.T0), Samples.T0, "applied");
        OutboxStore.of(service).markPublished(1, Samples.T0);

        PgTokenStore tokens = new PgTokenStore(service);
        String issued = tokens.withIssueLock("REAL", "fp", CachedToken.Kind.ACCESS, () -> {
            tokens.recordIssueAttempt("REAL", "fp", CachedToken.Kind.ACCESS, Samples.T0);
            tokens.save(new CachedToken(
                    "REAL", "fp", CachedToken.Kind.ACCESS, "v", Samples.T0, Samples.T0.plus(Duration.ofHours(1))));
            return "ok";
        });
        assertThat(issued).isEqualTo("ok");
        tokens.invalidate("REAL", "fp", CachedToken.Kind.ACCESS, "v");

        IntentOutcomeStore outcomes = IntentOutcomeStore.of(service);
        // the claim above announced SENDING already (IntentTransitions); recordNext counts another outcome
        assertThat(outcomes.recordNext(new IntentOutcome(intentId, IntentStatus.SENDING, null, null, null, Samples.T0)))
                .isEqualTo(2);
        assertThat(outcomes.find(intentId))
                .hasValueSatisfying(x -> assertThat(x.status()).isEqualTo(IntentStatus.SENDING));
        assertThat(count(service, "trade.intent_status_v")).isPositive();
        assertThat(count(service, "trade.position_selling_v")).isNotNegative();
    }

    @Test
    void theServiceRoleNeverDeletesBrokerFactsTheJournalOrOutcomes() {
        for (String table : List.of(
                "orders",
                "fills",
                "submissions",
                "intent_outcomes",
                "outbox",
                "kis_tokens",
                "parked_notices",
                "held_notices")) {
            refused(service, "DELETE FROM trade." + table);
            refused(service, "TRUNCATE trade." + table);
        }
        // what it may delete: holdings gone at the broker, sync cursors
        service.useHandle(h -> h.execute("DELETE FROM trade.holdings WHERE account_id = 'none'"));
        service.useHandle(h -> h.execute("DELETE FROM trade.sync_cursors WHERE name = 'none'"));
    }

    @Test
    void accessTokensAreReadableByTheServiceRoleOnly() {
        assertThat(count(service, "trade.kis_tokens")).isNotNegative();
        refused(strategy, "SELECT * FROM trade.kis_tokens");
        refused(nobody, "SELECT * FROM trade.kis_tokens");
        for (String internal : List.of(
                "submissions",
                "broker_messages",
                "sync_cursors",
                "parked_notices",
                "intent_outcomes",
                "sync_runs",
                "fill_deficits",
                "order_cancel_confirms",
                "held_notices")) {
            refused(strategy, "SELECT * FROM trade." + internal);
            refused(nobody, "SELECT * FROM trade." + internal);
        }
        for (String fact : List.of("orders", "fills", "holdings", "outbox", "intent_status_v", "position_selling_v")) {
            refused(nobody, "SELECT * FROM trade." + fact);
        }
    }

    @Test
    void strategiesReadFactsOutcomesAndTheOutboxAndWriteOnlyTheirOwnTables() {
        UUID rejected = UUID.randomUUID();
        IntentOutcomeStore.of(service)
                .record(new IntentOutcome(
                        rejected, IntentStatus.REJECTED, "BROKER_REJECTED", "APBK0919", "주문가능금액 초과", Samples.T0));
        String reason = strategy.withHandle(h -> h.createQuery(
                        "SELECT reason_code || '/' || msg_cd || '/' || msg1 FROM trade.intent_status_v WHERE intent_id = :id")
                .bind("id", rejected)
                .mapTo(String.class)
                .one());
        assertThat(reason).isEqualTo("BROKER_REJECTED/APBK0919/주문가능금액 초과");
        for (String fact : List.of("orders", "fills", "holdings", "outbox", "position_selling_v")) {
            assertThat(count(strategy, "trade." + fact)).isNotNegative();
        }
        assertThat(OutboxStore.of(strategy).readAfter(OutboxCursor.START, 10)).isNotNull();

        strategy.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code, action_key)
                VALUES (gen_random_uuid(), '005930', 'ENTRY', 1, 'MKT', 'R', 'strategy-own')"""));
        refused(strategy, "UPDATE trade.orders SET status = 'FILLED'");
        refused(strategy, "DELETE FROM trade.fills");
        refused(strategy, "INSERT INTO trade.outbox (event_type, aggregate_id, payload) VALUES ('X', 'a', '{}')");
        refused(strategy, "UPDATE trade.intent_outcomes SET reason_code = 'forged'");
    }

    @Test
    void theScriptHasNoDefaultPasswordAndRefusesAnEmptyOne() throws IOException {
        assertThat(Files.readString(ROLES_SQL)).doesNotContainPattern("(?i)password\\s+'");
        String other = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        Path script = renamedScript(other);
        // no app_password and no terminal: the prompt reads nothing, nothing is created
        Psql.Result unattended = Psql.run(db, script, Map.of());
        assertThat(unattended.code()).as(unattended.output()).isNotZero();
        assertThat(unattended.output()).contains("\\prompt");
        Psql.Result empty = Psql.run(db, script, Map.of("app_password", ""));
        assertThat(empty.code()).as(empty.output()).isNotZero();
        long created = admin.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_roles WHERE rolname LIKE :p")
                .bind("p", "%_" + other)
                .mapTo(Long.class)
                .one());
        assertThat(created).isZero();
    }

    @Test
    void theServiceRoleCannotInsertIntentsOrChangeAnythingElseOfTheStrategySide() {
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code, action_key)
                VALUES (gen_random_uuid(), '005930', 'ENTRY', 1, 'MKT', 'R', 'forged')"""))).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("UPDATE trade.order_intents SET qty = 1")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(
                        h -> h.execute("UPDATE trade.order_intents SET limit_price = 1, status = 'NEW'")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("DELETE FROM trade.order_intents")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("UPDATE trade.positions SET qty = 0")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(
                        () -> service.useHandle(
                                h -> h.execute(
                                        "INSERT INTO trade.positions (position_id, account_id, "
                                                + "symbol, side, qty, avg_price, entry_ts, status) VALUES (gen_random_uuid(), 'a', 's', 'LONG', 1, 1, now(), 'OPEN')")))
                .hasMessageContaining("permission denied");
    }

    @Test
    void theAuditIsAppendOnlyAndTheSchemaClosed() {
        BrokerMessageStore.of(service)
                .append(BrokerMessage.ignored(Samples.T0, BrokerMessage.Channel.REST, null, "/x", "{}"));
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("UPDATE trade.broker_messages SET payload = 'x'")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("DELETE FROM trade.broker_messages")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("TRUNCATE trade.broker_messages")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("CREATE TABLE trade.mine (x int)")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("DROP TABLE trade.orders")))
                .hasMessageContaining("must be owner");
        assertThatThrownBy(() -> service.useHandle(h -> h.execute("DELETE FROM trade.flyway_history")))
                .hasMessageContaining("permission denied");
    }
}
