package io.execctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code execctl sync fills|unfilled}, {@code reconcile}, {@code orders} and {@code fills} in-process
 * against the simulator and PostgreSQL: output, formats and exit codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncCommandsTest {
    @TempDir
    static Path dataDir;

    static TestDatabase db;
    static Jdbi jdbi;
    static Simulator sim;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0));
    }

    @AfterAll
    static void tearDown() {
        sim.close();
        db.close();
    }

    private static Map<String, String> env() {
        Map<String, String> m = new HashMap<>(Map.of(
                "EXECCTL_DB_URL", db.url(),
                "EXECCTL_DB_USER", db.user(),
                "KIS_ENV", "real",
                "KIS_REST_URL", sim.restUrl(),
                "KIS_WS_URL", sim.wsUrl(),
                "KIS_APP_KEY", SimOptions.DEMO_APP_KEY,
                "KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET,
                "KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT,
                "EXECCTL_DATA_DIR", dataDir.toString()));
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env()), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void intent(long qty) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type,
                                                         reason_code, action_key, created_ts)
                        VALUES (:id, '005930', 'ENTRY', :qty, 'MKT', 'TEST', :key, :at)""")
                .bind("id", id)
                .bind("qty", qty)
                .bind("key", id.toString())
                .bind("at", Instant.now())
                .execute());
    }

    @Test
    @Order(1)
    void syncsFillAnOrderAndTheListingsShowIt() throws Exception {
        intent(3);
        assertThat(run("submit").code()).isZero();

        Result fills = run("sync", "fills", "--history-lag", "0");
        assertThat(fills.code()).as(fills.err()).isZero();
        assertThat(fills.out()).startsWith("sync-fills: 1 orders, 1 pages; 1 changed");
        assertThat(run("sync", "unfilled").code()).isZero();
        Result rec = run("reconcile");
        assertThat(rec.code()).as(rec.err()).isZero();
        assertThat(rec.out()).contains("0 non-terminal orders checked");

        Result json = run("orders", "--format", "json");
        assertThat(json.code()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("FILLED");
        assertThat(rows.get(0).get("filled_qty").asLong()).isEqualTo(3);
        String orderId = rows.get(0).get("order_id").asText();

        Result csv = run("fills", "--order", orderId, "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .isEqualTo("fill_id,order_id,ts,qty,price,amount,source,receipt,state,void_reason");
        assertThat(csv.out()).contains(",3,").contains("INFERRED").contains("LIVE");
        assertThat(run("orders", "--open").out()).contains("no orders");
        assertThat(run("orders", "--symbol", "005930").out()).contains(orderId).contains("FILLED");
        assertThat(run("fills").out()).contains(orderId);
    }

    @Test
    @Order(2)
    void anHtsOrderNoSubmissionCanMatchIsRecordedExternalAndBadOptionsAreUsageErrors() {
        sim.broker().placeOrder(new PlaceOrder("000660", Side.BUY, "01", 2, 0, Source.HTS));
        Result r = run("sync", "fills");
        // the real ownership decides it: no submission could be this order, so it is EXTERNAL
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("0 unresolved");
        long external = jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM trade.orders WHERE symbol = '000660' AND source = 'EXTERNAL'")
                        .mapTo(Long.class)
                        .one());
        assertThat(external).isEqualTo(1L);

        assertThat(run("orders", "--date", "yesterday").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("fills", "--format", "xml").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("sync", "fills", "--history-lag", "-1").code()).isEqualTo(ExitCodes.USAGE);
    }
}
