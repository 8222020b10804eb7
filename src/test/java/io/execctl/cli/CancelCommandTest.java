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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code execctl cancel} in-process against the simulator and PostgreSQL: output and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelCommandTest {
    Path dataDir;

    TestDatabase db;
    Jdbi jdbi;
    Simulator sim;

    record Result(int code, String out, String err) {}

    @BeforeAll
    void setUp(@TempDir Path dir) {
        dataDir = dir;
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0));
    }

    @BeforeEach
    void clear() {
        sim.setFaults(Faults.NONE);
        sim.broker().reset();
        jdbi.useHandle(h -> h.execute(
                "TRUNCATE trade.orders, trade.fills, trade.fill_deficits, trade.submissions, trade.order_intents, "
                        + "trade.intent_outcomes, trade.outbox CASCADE"));
    }

    @AfterAll
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

    private String submittedOrder(long qty) {
        UUID id = intent("ENTRY", qty, "LMT", "71000");
        assertThat(run("submit", "--intent-id", id.toString()).code()).isEqualTo(ExitCodes.OK);
        return jdbi.withHandle(h -> h.createQuery("SELECT order_id FROM trade.orders WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    @Test
    void cancelsOneOrderInFullOrInPartAndTheKillSwitchTheRest() {
        String a = submittedOrder(10);
        String b = submittedOrder(5);

        Result partial = run("cancel", a, "--qty", "4");
        assertThat(partial.code()).as(partial.out() + partial.err()).isEqualTo(ExitCodes.OK);
        assertThat(partial.out()).contains("CANCELLED").contains(a);
        Result full = run("cancel", b);
        assertThat(full.code()).as(full.out() + full.err()).isEqualTo(ExitCodes.OK);
        assertThat(full.out()).contains("all 1 targeted orders closed");
        Result all = run("cancel", "--all", "--symbol", "005930", "--timeout", "10");
        assertThat(all.code()).as(all.out() + all.err()).isEqualTo(ExitCodes.OK);
        assertThat(sim.broker().ledger().orders().stream()
                        .filter(o -> o.rvseCnclDvsn().isEmpty())
                        .allMatch(o -> o.status().equals("CANCELLED")))
                .isTrue();
    }

    @Test
    void usageErrorsAndWhatStaysOpenExitFour() {
        assertThat(run("cancel").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("cancel", "x", "--all").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("cancel", "--all", "--qty", "3").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("cancel", "no-such-order").code()).isEqualTo(ExitCodes.USAGE);
        String a = submittedOrder(10);
        jdbi.useHandle(h -> h.execute("UPDATE trade.orders SET branch_no = '09999'"));

        Result r = run("cancel", a, "--timeout", "1");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNRESOLVED);
        assertThat(r.out()).contains("OPEN").contains("APBK0558").contains("not confirmed closed");

        // the kill switch too: exit 4, and the table names what remained and why
        String odno = jdbi.withHandle(h -> h.createQuery("SELECT kis_order_no FROM trade.orders WHERE order_id = :id")
                .bind("id", a)
                .mapTo(String.class)
                .one());
        Result all = run("cancel", "--all", "--timeout", "1");
        assertThat(all.code()).as(all.out() + all.err()).isEqualTo(ExitCodes.UNRESOLVED);
        assertThat(all.out())
                .contains(odno)
                .contains("OPEN")
                .contains("APBK0558")
                .contains("1 of 1 targeted orders not confirmed closed");
    }
}
