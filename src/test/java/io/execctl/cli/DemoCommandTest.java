package io.execctl.cli;

import io.execctl.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI short demo: {@code execctl demo --duration} in-process against an empty database, the
 * simulator and the demo engine; exit 0 only when the ledger check passed after convergence.
 */
class DemoCommandTest {
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

    private Map<String, String> env() {
        Map<String, String> m = new HashMap<>(Map.of(
                "EXECCTL_DB_URL", db.url(),
                "EXECCTL_DB_USER", db.user(),
                "EXECCTL_DATA_DIR", dataDir.toString()));
        if (db.password() != null) {
            m.put("EXECCTL_DB_PASSWORD", db.password());
        }
        return m;
    }

    @Test
    @Timeout(60)
    void aShortUnattendedDemoReconcilesWithTheLedgerAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                new CliContext(env()),
                new PrintWriter(out),
                new PrintWriter(err),
                "demo",
                "--duration",
                "6s",
                "--converge-timeout",
                "20s",
                "--seed",
                "3");

        assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
        String text = out.toString();
        assertThat(text).contains("execctl demo summary").contains("ledger check: OK");
        // the demo did trade: orders filled and holdings exist
        assertThat(text).containsPattern("orders: \\{.*FILLED=\\d+");
        assertThat(text).containsPattern("live fills: [1-9]");
    }

    @Test
    void aDatabaseThatAlreadyHasTheSchemaIsRefused() {
        assertThat(Cli.run(
                        new CliContext(env()),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()),
                        "migrate"))
                .isZero();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                new CliContext(env()),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "demo",
                "--duration",
                "1s");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("EXECCTL_DB_URL").contains("empty database");
    }

    @Test
    void aBadDurationIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Cli.run(
                new CliContext(env()),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "demo",
                "--duration",
                "soon");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not a duration");
    }
}
