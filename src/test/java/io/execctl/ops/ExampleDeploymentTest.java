package io.execctl.ops;

import io.execctl.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/supervisord.conf, execctl.service and crontab: the stop wait matches the order-call timeout
 * + 5 s (the daemon's SIGTERM promise), the daemon restarts, and every cron job is valid shell.
 */
class ExampleDeploymentTest {

    /** The daemon exits within the order-call timeout + 5 s after SIGTERM; the supervisor must wait that long. */
    private static final long STOP_WAIT_S = Long.parseLong(Setting.KIS_CALL_TIMEOUT_MS.defaultText()) / 1000 + 5;

    @Test
    void supervisordRestartsAndWaitsForAGracefulStop() throws IOException {
        List<String> conf = lines("examples/supervisord.conf");
        assertThat(conf)
                .contains("[program:execctl]", "autorestart=true", "stopsignal=TERM", "stopwaitsecs=" + STOP_WAIT_S)
                .anyMatch(l -> l.startsWith("command=") && l.contains("execctl.env") && l.contains("exec "));
    }

    @Test
    void systemdUnitRestartsAndWaitsForAGracefulStop() throws IOException {
        List<String> unit = lines("examples/execctl.service");
        assertThat(unit)
                .contains(
                        "Restart=always",
                        "KillSignal=SIGTERM",
                        "TimeoutStopSec=" + STOP_WAIT_S,
                        "EnvironmentFile=/etc/execctl/execctl.env")
                .anyMatch(l -> l.startsWith("ExecStart=") && l.contains("execctl daemon"));
    }

    @Test
    void cronJobsAreValidShellAndAlertOnDiffPositionsExitCode3() throws Exception {
        List<String> jobs = lines("examples/crontab").stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*"))
                .toList();
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(3);
        for (String job : jobs) {
            String[] f = job.strip().split("\\s+", 6);
            assertThat(f).as(job).hasSize(6);
            for (int i = 0; i < 5; i++) {
                assertThat(f[i]).as("schedule field %d of %s", i, job).matches("[0-9*/,-]+");
            }
            Process sh = new ProcessBuilder("sh", "-n", "-c", f[5])
                    .redirectErrorStream(true)
                    .start();
            String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sh.exitValue()).as("sh -n of %s: %s", job, out).isZero();
        }
        assertThat(jobs).anyMatch(j -> j.contains("diff-positions") && j.contains("-eq 3"));
        assertThat(jobs).anyMatch(j -> j.contains("sync holdings"));
    }

    private static List<String> lines(String path) throws IOException {
        return Files.readAllLines(Path.of(path), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .toList();
    }
}
