package io.execctl.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --log-format json} and {@code --metrics-file} on real command paths against the simulator and
 * PostgreSQL, with fake credentials: every log line is one JSON object, the submit path's lines carry
 * {@code intent_id} / {@code order_id}, and no line — at DEBUG — contains the app key, the app secret,
 * the access token or the account number.
 */
class LogsAndMetricsFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static TestDatabase db;
    static Jdbi jdbi;
    static Simulator sim;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0));
    }

    @AfterAll
    static void closeAll() {
        sim.close();
        db.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        System.clearProperty("EXECCTL_LOG_LEVEL");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        joran.doConfigure(LogsAndMetricsFileTest.class.getResource("/logback-test.xml"));
    }

    private Map<String, String> env() {
        Map<String, String> m = new HashMap<>(Map.of(
                "EXECCTL_DB_URL", db.url(),
                "EXECCTL_DB_USER", db.user(),
                "KIS_ENV", "real",
                "KIS_REST_URL", sim.restUrl(),
                "KIS_WS_URL", sim.wsUrl(),
                "KIS_APP_KEY", SimOptions.DEMO_APP_KEY,
                "KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET,
                "KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT,
                "EXECCTL_DATA_DIR", dir.toString()));
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    private int run(Map<String, String> env, StringWriter err, String... args) {
        return Cli.run(new CliContext(env), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }

    private UUID intent() {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                                                         reason_code, action_key, created_ts)
                        VALUES (:id, '005930', 'ENTRY', 3, 'MKT', NULL, 'TEST', :key, :at)""")
                .bind("id", id)
                .bind("key", id.toString())
                .bind("at", Instant.now())
                .execute());
        return id;
    }

    @Test
    void jsonLogsCarryTheIntentAndOrderAndNeverASecret() throws Exception {
        UUID id = intent();
        System.setProperty("EXECCTL_LOG_LEVEL", "DEBUG");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        List<Integer> codes = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            codes.add(run(env(), err, "--log-format", "json", "submit"));
            codes.add(run(env(), err, "--log-format", "json", "sync", "holdings"));
            codes.add(run(env(), err, "--log-format=json", "diff-positions"));
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(codes).as(err + logs).containsExactly(0, 0, 0);

        List<JsonNode> lines = new ArrayList<>();
        List<String> notJson = new ArrayList<>();
        for (String line : logs.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            } else if (!line.isBlank()) {
                notJson.add(line);
            }
        }
        assertThat(notJson).as("every log line is one JSON object").isEmpty();
        assertThat(lines).hasSizeGreaterThan(3);
        JsonNode accepted = lines.stream()
                .filter(l -> l.path("formattedMessage").asText().contains("accepted by the broker"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'accepted' line in " + logs));
        assertThat(accepted.path("mdc").path("intent_id").asText()).isEqualTo(id.toString());
        assertThat(accepted.path("mdc").path("order_id").asText()).isNotBlank();
        assertThat(lines)
                .filteredOn(l -> l.path("formattedMessage").asText().startsWith("intent " + id))
                .allSatisfy(l ->
                        assertThat(l.path("mdc").path("intent_id").asText()).isEqualTo(id.toString()))
                .isNotEmpty();

        List<String> tokens =
                jdbi.withHandle(h -> h.createQuery("SELECT value FROM trade.kis_tokens WHERE value IS NOT NULL")
                        .mapTo(String.class)
                        .list());
        String all = logs + err;
        assertThat(tokens).as("the credentials the runs used").isNotEmpty();
        for (String token : tokens) {
            assertThat(token).hasSizeGreaterThan(10);
            assertThat(all).doesNotContain(token);
        }
        assertThat(all)
                .doesNotContain(SimOptions.DEMO_APP_KEY)
                .doesNotContain(SimOptions.DEMO_APP_SECRET)
                .doesNotContain(SimOptions.DEMO_APP_SECRET.substring(0, 30))
                .doesNotContain(SimOptions.DEMO_ACCOUNT)
                .doesNotContain(SimOptions.DEMO_ACCOUNT.replace("-", ""))
                .doesNotContain(SimOptions.DEMO_ACCOUNT.substring(0, 8));
    }

    @Test
    void metricsFileRecordsTheOutcomeAtomicallyForCron() throws Exception {
        Path file = dir.resolve("execctl_diff.prom");
        StringWriter err = new StringWriter();
        int code = run(env(), err, "diff-positions", "--metrics-file", file.toString());
        // 4 when holdings were never synced, 0 after the other test's sync (the database is shared)
        assertThat(code).as(err.toString()).isIn(ExitCodes.OK, ExitCodes.UNRESOLVED);
        String text = Files.readString(file);
        assertThat(text)
                .contains("# TYPE execctl_command_exit_code gauge")
                .contains("execctl_command_exit_code{command=\"diff-positions\"} " + code)
                .contains("execctl_command_duration_seconds{command=\"diff-positions\"}")
                .contains("execctl_command_last_run_timestamp_seconds{command=\"diff-positions\"}");

        Map<String, String> noKis = new HashMap<>(env());
        noKis.remove("KIS_APP_KEY");
        int usage = run(noKis, err, "--metrics-file", file.toString(), "sync", "holdings");
        assertThat(usage).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(file)).contains("execctl_command_exit_code{command=\"sync-holdings\"} 2");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
