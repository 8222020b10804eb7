package io.execctl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI chaos days (issue 16): the real short day {@code execctl chaos --intents 200 --kills 1} — every
 * fault on, the daemon as separate processes with a hot standby, one kill -9, one restart of the day's
 * own embedded PostgreSQL, cron syncs, the secrets-in-logs check — and a paper short day for what only
 * paper does (docs/chaos.md "In CI"); each passes only when every check of the verdict table passes.
 * That the table can fail is shown by {@code proof.ChaosVerdictTest} and {@code proof.SecretScanTest}.
 *
 * <p>Tagged {@code chaos-day} and left out of {@code mvn verify} while their convergence has no margin
 * against the 30 s target (docs/chaos.md "In CI"); their checks are not weakened. Run them with
 * {@code mvn -o -q test -Dtest=ChaosShortTest -Dchaos.excluded=none -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dchaos.dir=DIR} keeps the run directories (logs, report) instead of a temporary one, and
 * {@code DIR/chaos.out} then shows, line by line, which rules still failed during the convergence wait.
 */
class ChaosShortTest {
    @TempDir
    Path dataDir;

    @Test
    @Tag("chaos-day")
    @Timeout(360)
    void aShortChaosDayConvergesAndEveryCheckPasses() {
        runDayAndExpectPass(
                "", "chaos", "--intents", "200", "--kills", "1", "--rate", "10", "--converge-timeout", "60s");
    }

    /**
     * Paper only where paper differs (docs/chaos.md "Paper"): its 2 requests/s, page sizes, TR ids, the
     * 23-field notice, open orders from daily-ccld and its empty history answers — no kill (a takeover
     * is the same code in both environments and would cost minutes at paper's budget).
     */
    @Test
    @Tag("chaos-day")
    @Timeout(420)
    void aShortPaperDayConvergesAndEveryCheckPasses() {
        runDayAndExpectPass(
                "paper",
                "chaos",
                "--env",
                "paper",
                "--intents",
                "40",
                "--kills",
                "0",
                "--rate",
                "0.5",
                "--converge-timeout",
                "120s");
    }

    /**
     * Runs {@code args} with its data under {@code sub} of the run directory ({@code -Dchaos.dir=DIR} keeps
     * the logs and report; the temporary directory is deleted) and expects the verdict PASS and exit 0.
     */
    private void runDayAndExpectPass(String sub, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path dir = Path.of(System.getProperty("chaos.dir", dataDir.toString())).resolve(sub);
        int code = Cli.run(
                new CliContext(Map.of("EXECCTL_DATA_DIR", dir.toString())),
                new PrintWriter(out),
                new PrintWriter(err),
                args);
        assertThat(out.toString()).as("stdout:%n%s%nstderr:%n%s", out, err).contains("verdict: PASS");
        assertThat(code).as("exit code; stdout:%n%s", out).isZero();
    }

    @Test
    void seedsAreARangeOrAList() {
        assertThat(ChaosCommand.parseSeeds("1-3,7, 9")).containsExactly(1L, 2L, 3L, 7L, 9L);
        assertThat(ChaosCommand.parseSeeds("5")).containsExactly(5L);
    }

    @Test
    void badSeedsAreAUsageError() {
        StringWriter err = new StringWriter();
        int code = Cli.run(
                new CliContext(Map.of("EXECCTL_DATA_DIR", dataDir.toString())),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "chaos",
                "--seeds",
                "9-1");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--seeds");
    }

    @Test
    void theCronJobsAreEverySyncThatExists() {
        assertThat(ChaosCommand.syncs()).contains("holdings");
    }

    @Test
    void badOptionsAreAUsageError() {
        StringWriter err = new StringWriter();
        int code = Cli.run(
                new CliContext(Map.of("EXECCTL_DATA_DIR", dataDir.toString())),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "chaos",
                "--env",
                "moon");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--env");
    }
}
