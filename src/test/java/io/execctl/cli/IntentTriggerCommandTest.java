package io.execctl.cli;

import io.execctl.store.IntentTrigger;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code execctl migrate --with-intent-trigger}: where the strategy side created
 * {@code trade.order_intents} itself (no trigger), the flag installs the wake-up trigger only; it is
 * re-runnable, works beside the contract migration's own trigger, and fails clearly without the table.
 */
class IntentTriggerCommandTest {
    @TempDir
    Path dataDir;

    TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        Map<String, String> env = new HashMap<>(Map.of(
                "EXECCTL_DB_URL", db.url(), "EXECCTL_DB_USER", db.user(), "EXECCTL_DATA_DIR", dataDir.toString()));
        if (db.password() != null) {
            env.put("EXECCTL_DB_PASSWORD", db.password());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The strategy side's own table: the contract's shape, without execctl's trigger. */
    private void strategyCreatesItsTable() throws Exception {
        String v1 =
                Files.readString(Path.of("src/main/resources/db/migration/contract/V1__order_intents_positions.sql"));
        String tableOnly = v1.substring(0, v1.indexOf("-- Wakes execctl"));
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS trade");
            st.execute(tableOnly);
        }
    }

    @Test
    void installsOnlyTheTriggerAndAnInsertIsNotified() throws Exception {
        strategyCreatesItsTable();
        assertThat(IntentTrigger.installed(db.dataSource())).isFalse();

        Result r = run("migrate", "--with-intent-trigger");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("intent trigger");
        assertThat(IntentTrigger.installed(db.dataSource())).isTrue();
        assertThat(run("migrate", "--with-intent-trigger").code()).isZero();
        try (Connection listen = db.connect();
                Connection write = db.connect();
                Statement ls = listen.createStatement();
                Statement ws = write.createStatement()) {
            ls.execute("LISTEN execctl_intents");
            ws.execute("""
                    INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, reason_code, action_key)
                    VALUES ('6f1d0c1e-0000-4000-8000-000000000001', '005930', 'ENTRY', 1, 'MKT', 'T', 'k1')""");
            PGNotification[] ns = listen.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(ns).isNotNull().hasSize(1);
            assertThat(ns[0].getName()).isEqualTo("execctl_intents");
            assertThat(ns[0].getParameter()).isEqualTo("6f1d0c1e-0000-4000-8000-000000000001");
        }
    }

    @Test
    void besideTheContractTablesItReplacesTheSameTrigger() {
        Migrations.migrate(db.dataSource(), true);
        assertThat(IntentTrigger.installed(db.dataSource())).isTrue();

        assertThat(run("migrate", "--with-intent-trigger").code()).isZero();

        assertThat(IntentTrigger.installed(db.dataSource())).isTrue();
        assertThat(IntentTrigger.sql()).contains("pg_notify('execctl_intents', NEW.intent_id::text)");
    }

    @Test
    void withoutTheTableItFailsClearly() {
        Result r = run("migrate", "--with-intent-trigger");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("trade.order_intents does not exist");
    }
}
