package io.execctl.cli;

import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs commands in-process with captured stdout/stderr and an injected environment. */
class CliTest {
    static final String APP_KEY = "PSappKEYneverPrinted0000000000000001";
    static final String DB_PASSWORD = "dbPasswordNeverPrinted";
    static TestDatabase db;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(
                code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", "/nonexistent-home");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, String> dbEnv() {
        Map<String, String> m = env("EXECCTL_DB_URL", db.url(), "EXECCTL_DB_USER", db.user());
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Result r = run(env(), "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .startsWith("Usage: execctl")
                .contains(
                        "migrate",
                        "config",
                        "--config=FILE",
                        "0  success",
                        "1  runtime failure",
                        "2  usage or configuration error");
        assertThat(r.out()).doesNotContain("generate-completion");
        assertThat(r.err()).isEmpty();
        assertThat(run(env(), "migrate", "--help").out()).contains("--with-contract-tables");
    }

    @Test
    void versionComesFromThePom() {
        Result r = run(env(), "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("execctl \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(VersionProvider.version()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Result none = run(env());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).startsWith("execctl: missing command");
        Result unknown = run(env(), "--frobnicate");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
        Result typo = run(env(), "migrat");
        assertThat(typo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("migrate");
        assertThat(run(env(), "config", "--require", "everything").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void malformedConfigurationIsOneLineAndExitTwo() {
        Result r = run(env("KIS_ENV", "production", "EXECCTL_DB_URL", "jdbc:postgresql://127.0.0.1:1/x"), "migrate");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines())
                .containsExactly("execctl: configuration error: KIS_ENV: must be real or paper, got 'production'");
        assertThat(r.out()).isEmpty();

        Result secret = run(env("KIS_APP_KEY", APP_KEY + " trailing"), "config");
        assertThat(secret.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(secret.errLines()).hasSize(1);
        assertThat(secret.err())
                .startsWith("execctl: configuration error: KIS_APP_KEY:")
                .doesNotContain(APP_KEY);
    }

    @Test
    void configCommandShowsSettingsMaskedWithOrigins() throws IOException {
        Path file = tmp.resolve("execctl.properties");
        Files.writeString(file, "KIS_ENV=real\nKIS_APP_SECRET=fileSecretNeverPrinted0000\n", StandardCharsets.UTF_8);
        Result r = run(
                env(
                        "KIS_APP_KEY",
                        APP_KEY,
                        "KIS_ACCOUNT",
                        "87654321-01",
                        "EXECCTL_DB_URL",
                        "jdbc:postgresql://h:5432/x?password=" + DB_PASSWORD),
                "config",
                "--config",
                file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("# file: " + file)
                .containsPattern("KIS_ENV +file +real")
                .containsPattern("KIS_APP_KEY +env +\\*\\*\\*\\*\\(36\\)")
                .containsPattern("KIS_ACCOUNT +env +87\\*\\*\\*\\*21-01")
                .containsPattern("KIS_RATE_PER_SEC +default +18")
                .doesNotContain(APP_KEY, "fileSecretNeverPrinted", "87654321", DB_PASSWORD);
        // the global option works before the subcommand too
        assertThat(run(env(), "--config", file.toString(), "config").out()).containsPattern("KIS_ENV +file +real");
    }

    @Test
    void configRequireNamesTheMissingKey() {
        Result r = run(env("KIS_APP_KEY", APP_KEY), "config", "--require", "db,kis");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("execctl: configuration error: KIS_APP_SECRET: is required by this command");
        assertThat(run(
                                env("KIS_APP_KEY", APP_KEY, "KIS_APP_SECRET", "s", "KIS_ACCOUNT", "12345678-01"),
                                "config",
                                "--require",
                                "kis")
                        .code())
                .isZero();
    }

    @Test
    void migrateTwiceAppliesOnceThenNothing() throws SQLException {
        Result first = run(dbEnv(), "migrate", "--with-contract-tables");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("applied trade 1 ", "applied contract 1 ")
                .containsPattern(
                        "(?m)^schema migrated to version \\d+, contract tables at version \\d+ \\(\\d+ applied\\)$");
        assertThat(first.err()).isEmpty();
        assertThat(tables()).contains("orders", "fills", "holdings", "order_intents", "positions");

        Result second = run(dbEnv(), "migrate", "--with-contract-tables");
        assertThat(second.code()).isZero();
        assertThat(second.out()).matches("schema up to date at version \\d+, contract tables at version \\d+\n");

        Result withoutContract = run(dbEnv(), "migrate");
        assertThat(withoutContract.code()).isZero();
        assertThat(withoutContract.out()).matches("schema up to date at version \\d+\n");
        assertThat(tables()).contains("order_intents");
    }

    @Test
    void unreachableDatabaseIsOneLineAndExitOne() {
        Result r = run(
                env(
                        "EXECCTL_DB_URL",
                        "jdbc:postgresql://127.0.0.1:1/execctl?password=" + DB_PASSWORD,
                        "EXECCTL_DB_USER",
                        "nobody"),
                "migrate");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("execctl: database unreachable at jdbc:postgresql://127.0.0.1:1/execctl?password=****:");
        assertThat(r.err()).doesNotContain(DB_PASSWORD);
        assertThat(r.out()).isEmpty();
    }

    private static List<String> tables() throws SQLException {
        try (Connection c = db.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'trade' ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
