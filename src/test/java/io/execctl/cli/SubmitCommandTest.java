package io.execctl.cli;

import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code execctl submit} in-process against the simulator and PostgreSQL: output and exit codes. */
class SubmitCommandTest {
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
        sim.close();
        db.close();
    }

    private Map<String, String> env() {
        Map<String, String> m = new HashMap<>(Map.of(
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
                SimOptions.DEMO_ACCOUNT,
                "EXECCTL_DATA_DIR",
                dataDir.toString(),
                "KIS_READ_TIMEOUT_MS",
                "800"));
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env()), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private UUID intent(String type, long qty, String orderType, String price) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                                                         reason_code, action_key, created_ts)
                        VALUES (:id, '005930', :type, :qty, :ot, CAST(:price AS numeric), 'TEST', :key, :at)""")
                .bind("id", id)
                .bind("type", type)
                .bind("qty", qty)
                .bind("ot", orderType)
                .bind("price", price)
                .bind("key", id.toString())
                .bind("at", Instant.now())
                .execute());
        return id;
    }

    private int brokerOrders() {
        return sim.broker().ledger().orders().size();
    }

    @Test
    void aPassPrintsATableAndExitsZero() {
        UUID good = intent("ENTRY", 3, "MKT", null);
        UUID bad = intent("ENTRY", 0, "MKT", null);

        Result r = run("submit");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("OUTCOME").contains(good.toString()).contains("SUBMITTED");
        assertThat(r.out()).contains(bad.toString()).contains("REJECTED").contains("BAD_QTY");
        assertThat(brokerOrders()).isEqualTo(1);
        assertThat(run("submit").out()).contains("no NEW intents");
    }

    @Test
    void aDryRunSendsNothingAndJsonIsParsable() {
        UUID id = intent("ENTRY", 3, "LMT", "71000");

        Result r = run("submit", "--dry-run", "--json");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("\"outcome\":\"WOULD_SEND\"").contains(id.toString());
        assertThat(brokerOrders()).isZero();
    }

    @Test
    void anUnknownOutcomeExitsFourAndAMissingIntentIsAUsageError() {
        UUID id = intent("ENTRY", 2, "LMT", "71000");
        sim.setFaults(Faults.parse("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":3000}"));

        Result r = run("submit", "--intent-id", id.toString(), "--json");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNRESOLVED);
        assertThat(r.out()).contains("\"outcome\":\"UNKNOWN\"");
        assertThat(brokerOrders()).isEqualTo(1);
        sim.setFaults(Faults.NONE);
        // the next run resolves UNKNOWN submissions: the order is found, but the simulator's session clock
        // (09:00 whatever the hour) puts its ORD_TMD outside the send window, so it is never adopted on a
        // guess, never resent, and the run reports it (exit 4)
        Result again = run("submit");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(ExitCodes.UNRESOLVED);
        assertThat(again.out()).contains(id.toString()).contains("UNKNOWN");
        assertThat(brokerOrders()).isEqualTo(1);

        Result missing = run("submit", "--intent-id", UUID.randomUUID().toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no intent");
    }
}
