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
 * The CI short chaos day (issue 16): {@code execctl chaos --intents 200 --kills 1}, real mode, every
 * fault on, the daemon as separate processes with a hot standby, one kill -9, one restart of the day's
 * own embedded PostgreSQL, cron syncs; it passes only when every check of the verdict table passes.
 * That the table can fail is shown by {@code proof.ChaosVerdictTest} on corrupted states.
 *
 * <p>Tagged {@code chaos-day} and left out of {@code mvn verify} while it still fails on the engine
 * bugs it found (docs/chaos.md "Results": duplicate notices replayed from the parked store, intents
 * left SUBMITTED behind FILLED orders, convergence over 30 s); its checks are not weakened. Run it with
 * {@code mvn -B verify -Dtest=ChaosShortTest -Dchaos.excluded=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChaosShortTest {
    @TempDir
    Path dataDir;

    @Test
    @Tag("chaos-day")
    @Timeout(300)
    void aShortChaosDayConvergesAndEveryCheckPasses() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // -Dchaos.dir=DIR keeps the run's logs and report (the temporary directory is deleted)
        Path dir = Path.of(System.getProperty("chaos.dir", dataDir.toString()));
        int code = Cli.run(
                new CliContext(Map.of("EXECCTL_DATA_DIR", dir.toString())),
                new PrintWriter(out),
                new PrintWriter(err),
                "chaos",
                "--intents",
                "200",
                "--kills",
                "1",
                "--rate",
                "10",
                "--converge-timeout",
                "60s");
        assertThat(out.toString()).as("stdout:%n%s%nstderr:%n%s", out, err).contains("verdict: PASS");
        assertThat(code).as("exit code; stdout:%n%s", out).isZero();
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
