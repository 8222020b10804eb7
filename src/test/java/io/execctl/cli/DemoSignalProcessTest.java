package io.execctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C on {@code execctl demo} with nothing configured (the embedded PostgreSQL) prints the summary
 * and the ledger check. It used to end in "unexpected error: … terminating connection due to
 * administrator command": the embedded server's exit hook stopped PostgreSQL the moment the signal
 * came, while the demo was still settling on it. A real process, a real SIGINT.
 */
class DemoSignalProcessTest {
    @TempDir
    Path dataDir;

    @Test
    @Timeout(180)
    void ctrlCPrintsTheSummaryWithTheEmbeddedDatabase() throws Exception {
        Path out = dataDir.resolve("demo.out");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.execctl.cli.Main",
                        "demo",
                        "--plain",
                        "--seed",
                        "5"))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("EXECCTL_") || k.startsWith("KIS_"));
        env.put("EXECCTL_DATA_DIR", dataDir.resolve("data").toString());
        Process demo = pb.start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> read(out).contains("SUBMITTED"));

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start();
            assertThat(kill.waitFor()).isZero();

            assertThat(demo.waitFor(60, TimeUnit.SECONDS))
                    .as("the demo exits after Ctrl-C")
                    .isTrue();
            String text = read(out);
            assertThat(text)
                    .as("output:%n%s", tail(text))
                    .contains("execctl demo summary")
                    .contains("ledger check: OK")
                    .doesNotContain("unexpected error")
                    .doesNotContain("terminating connection due to administrator command");
        } finally {
            demo.destroyForcibly();
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
