package io.execctl.ops;

import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release tarball ({@code mvn package}: target/execctl-VERSION.tar.gz) unpacked into an empty
 * directory: the documented layout is there and {@code bin/execctl --version} runs the packaged jar
 * without trying to build, and {@code bin/execctl demo --duration 20s} exits 0 with the ledger check OK. Runs in the {@code verify} phase (after {@code package}, see pom.xml's
 * {@code tarball-smoke} execution); outside CI it is skipped when no tarball has been built.
 */
class TarballSmokeTest {
    @TempDir
    Path dir;

    @Test
    void unpackedTarballRunsTheVersionCommandWithoutBuilding() throws Exception {
        Path tarball = tarball();
        run(dir, "tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString());
        Path top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String p : List.of(
                "bin/execctl",
                "lib/execctl-all.jar",
                "completions/execctl.bash",
                "docs/operations.md",
                "docs/man/execctl.adoc",
                "docs/prometheus/alerts.yml",
                "docs/grafana/execctl.json",
                "examples/execctl.env.example",
                "examples/supervisord.conf",
                "examples/roles.sql")) {
            assertThat(top.resolve(p)).as(p).exists();
        }
        assertThat(Files.isExecutable(top.resolve("bin/execctl"))).isTrue();
        assertThat(top.resolve("pom.xml")).doesNotExist();

        String out = run(top, top.resolve("bin/execctl").toString(), "--version");
        assertThat(out).startsWith("execctl ").contains("Java 17");
        assertThat(top.resolve("target"))
                .as("the launcher never builds from a tarball")
                .doesNotExist();
        // second run uses the class-data archive made by the first
        assertThat(run(top, top.resolve("bin/execctl").toString(), "--version")).isEqualTo(out);
        try (Stream<Path> s = Files.list(dir.resolve("cds"))) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".jsa"));
        }

        // the project's main job from the tarball: the daemon against the simulator, reconciled with
        // its ledger (an empty test database stands in for the embedded cluster)
        try (TestDatabase db = TestDatabase.create()) {
            Map<String, String> env = new HashMap<>();
            env.put("EXECCTL_DB_URL", db.url());
            env.put("EXECCTL_DB_USER", db.user());
            if (db.password() != null) {
                env.put("EXECCTL_DB_PASSWORD", db.password());
            }
            env.put("EXECCTL_DATA_DIR", dir.resolve("data").toString());
            env.put("EXECCTL_METRICS_PORT", "0");
            String demo = run(top, env, 240, top.resolve("bin/execctl").toString(), "demo", "--duration", "20s");
            assertThat(demo).contains("execctl demo summary").contains("ledger check: OK");
        }
    }

    private static Path tarball() throws IOException {
        Path target = Path.of("target");
        List<Path> found;
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            found = s.filter(p -> p.getFileName().toString().matches("execctl-.*\\.tar\\.gz"))
                    .toList();
        }
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("no target/execctl-*.tar.gz under CI=true: `mvn verify` runs this test after `package`");
            }
            assumeTrue(false, "no release tarball built (mvn package); skipped outside CI");
        }
        return found.get(0);
    }

    private String run(Path cwd, String... cmd) throws Exception {
        return run(cwd, Map.of(), 60, cmd);
    }

    private String run(Path cwd, Map<String, String> env, long timeoutSeconds, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("EXECCTL_") || k.startsWith("KIS_"));
        pb.environment().put("EXECCTL_CDS_DIR", dir.resolve("cds").toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", cmd));
        }
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out.strip();
    }
}
