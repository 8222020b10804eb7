package io.execctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.OrderOutcome;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sync holdings} and {@code diff-positions} in-process, against the simulator and PostgreSQL. */
class DiffPositionsCommandTest {
    static final String ACC = SimOptions.DEMO_ACCOUNT;

    @TempDir
    Path dataDir;

    TestDatabase db;
    Jdbi jdbi;
    Simulator sim;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0));
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> m = new HashMap<>(Map.of(
                "HOME",
                "/nonexistent-home",
                "EXECCTL_DB_URL",
                db.url(),
                "EXECCTL_DB_USER",
                db.user(),
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
                dataDir.toString()));
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env()), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(
                code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    private void buy(String symbol, long qty) {
        Config config = Config.fromEnvironment(env()).require(Need.KIS);
        try (KisRuntime kis = KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, KisMetrics.NOOP)) {
            assertThat(kis.client().placeCashOrder(OrderRequest.market(symbol, Side.BUY, qty)))
                    .isInstanceOf(OrderOutcome.Accepted.class);
        }
    }

    private void position(String symbol, long qty, String avg) {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts,
                                                     status, updated_ts)
                        VALUES (:id, :acc, :s, 'BUY', :q, :avg, :t, 'OPEN', :t)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("acc", ACC)
                .bind("s", symbol)
                .bind("q", qty)
                .bind("avg", new BigDecimal(avg))
                .bind("t", longAgo)
                .execute());
    }

    @Test
    void agreementExitsZeroAndMismatchesExitThreeInEveryFormat() {
        buy("005930", 10);
        position("005930", 10, "72000");

        Result sync = run("sync", "holdings");
        assertThat(sync.code()).as(sync.err()).isEqualTo(ExitCodes.OK);
        assertThat(sync.out()).contains("1 lines, 0 removed; 0 mismatches");
        Result agree = run("diff-positions", "--format", "csv");
        assertThat(agree.code()).as(agree.err()).isEqualTo(ExitCodes.OK);

        buy("000660", 5); // EXTRA
        position("035420", 4, "210000"); // MISSING
        assertThat(run("sync", "holdings").code()).isEqualTo(ExitCodes.MISMATCHES);

        Result csv = run("diff-positions", "--format", "csv");
        assertThat(csv.code()).isEqualTo(ExitCodes.MISMATCHES);
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "symbol,position_qty,holding_qty,difference,position_avg_price,holding_avg_price,kind,state");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("000660,0,5,5,,").endsWith(",EXTRA,MISMATCH");
        assertThat(lines.get(2)).startsWith("005930,10,10,0,72000,").endsWith(",OK,OK");
        assertThat(lines.get(3)).isEqualTo("035420,4,0,-4,210000,,MISSING,MISMATCH");

        Result json = run("diff-positions", "--format", "json");
        assertThat(json.code()).isEqualTo(ExitCodes.MISMATCHES);
        JsonNode n = readJson(json.out());
        assertThat(n.path("mismatches").asInt()).isEqualTo(2);
        assertThat(n.path("rows")).hasSize(3);
        assertThat(n.path("rows").get(0).path("kind").asText()).isEqualTo("EXTRA");
        assertThat(n.path("rows")
                        .get(0)
                        .path("holding_avg_price")
                        .decimalValue()
                        .signum())
                .isPositive();

        Result table = run("diff-positions");
        assertThat(table.code()).isEqualTo(ExitCodes.MISMATCHES);
        assertThat(table.out())
                .contains("holdings synced at: ")
                .contains("MISSING")
                .contains("EXTRA")
                .contains("2 mismatches, 0 pending");
        assertThat(table.out() + table.err()).doesNotContain(SimOptions.DEMO_APP_SECRET);
    }

    @Test
    void neverSyncedIsIncompleteAndSyncFirstFixesIt() {
        buy("005930", 3);
        position("005930", 3, "72000");
        Result never = run("diff-positions", "--format", "json");
        assertThat(never.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(never.err()).contains("never synced");
        assertThat(readJson(never.out()).path("holdings_synced_at").isNull()).isTrue();

        Result synced = run("diff-positions", "--sync", "--format", "csv");
        assertThat(synced.code()).as(synced.err()).isEqualTo(ExitCodes.OK);
        assertThat(synced.out()).contains("005930,3,3,0,");
    }

    @Test
    void anIncompleteBalanceExitsFourAndChangesNothing() {
        buy("005930", 3);
        assertThat(run("sync", "holdings").code()).isEqualTo(ExitCodes.MISMATCHES); // EXTRA: no position
        sim.setFaults(Faults.parse("{\"rest_5xx_rate\":1.0}"));
        String before = run("diff-positions", "--format", "csv").out();

        Result r = run("sync", "holdings");
        assertThat(r.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("execctl: holdings sync incomplete");
        Result viaDiff = run("diff-positions", "--sync");
        assertThat(viaDiff.code()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(run("diff-positions", "--format", "csv").out()).isEqualTo(before);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("diff-positions", "--format", "xml").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("diff-positions", "--quiet-period", "-1").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("sync").code()).isEqualTo(ExitCodes.USAGE);
    }

    private static JsonNode readJson(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
