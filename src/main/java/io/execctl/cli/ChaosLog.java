package io.execctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos day's own lines: on the command's output and in {@code DIR/chaos.out}, a log the secrets
 * check reads with the daemons' logs.
 */
final class ChaosLog {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosLog.class);
    private final PrintWriter out;
    private final Path dir;

    ChaosLog(PrintWriter out, Path dir) {
        this.out = Objects.requireNonNull(out, "out");
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** A "chaos: …" line on the output and in chaos.out. */
    void line(String s) {
        out.println("chaos: " + s);
        out.flush();
        tee("chaos: " + s);
    }

    /** Text for chaos.out only. */
    void tee(String text) {
        try {
            Files.writeString(
                    dir.resolve("chaos.out"),
                    text + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write chaos.out: {}", e.toString());
        }
    }
}
