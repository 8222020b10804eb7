package io.execctl.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Prometheus' promtool (Debian package {@code prometheus}). Without it a test is skipped on a
 * developer machine but fails under CI=true, where .ci/run installs it.
 */
record Promtool(Path binary) {

    record Result(int exitCode, String output) {}

    static Promtool require() {
        Optional<Path> found = onPath();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("promtool not found on PATH under CI=true: install the Debian package prometheus (.ci/run does)");
        }
        assumeTrue(found.isPresent(), "promtool not installed (apt-get install prometheus); skipped outside CI");
        return new Promtool(found.get());
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool did not finish within 60 s: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
