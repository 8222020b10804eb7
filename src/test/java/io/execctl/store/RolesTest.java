package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.Holding;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderStatus;
import io.execctl.kis.port.CachedToken;
import io.execctl.testing.TestDatabase;
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
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** examples/roles.sql, applied after migrating: the service role can do its work and nothing more. */
class RolesTest {
    private static final String SUFFIX =
            UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String APP = "execctl_app_" + SUFFIX;
    private static final String SVC = "execctl_svc_" + SUFFIX;
    private static final String PASSWORD = "pw-" + SUFFIX;
    private static TestDatabase db;
    private static Jdbi admin;
    private static Jdbi service;
    private static UUID intentId;

    @BeforeAll
    static void setUp() throws Exception {
        db = Samples.migratedDatabase();
        admin = Samples.jdbi(db);
        String script = Files.readString(Path.of("examples/roles.sql"))
                .replace("execctl_app", APP)
                .replace("execctl_svc", SVC)
                .replace("'change-me'", "'" + PASSWORD + "'");
        for (int i = 0; i < 2; i++) { // idempotent: a second run changes nothing and fails nothing
            try (Connection c = db.connect();
                    Statement st = c.createStatement()) {
                st.execute(script);
            }
        }
        service = Db.create(db.dataSource(SVC, PASSWORD));
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
            st.execute("DROP ROLE IF EXISTS " + SVC);
            st.execute("DROP ROLE IF EXISTS " + APP);
        }
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
            t.submissions().claim(intentId, "svc:1", "{}", Samples.T0);
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
