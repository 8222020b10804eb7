package io.execctl.cli;

import io.execctl.metrics.CommandTextfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * {@code --metrics-file PATH}: after a command finishes, its exit code, duration and finish time go to a
 * node-exporter textfile (see {@link CommandTextfile}). The command is named by its path below the root,
 * e.g. {@code sync-holdings}. A file that cannot be written is reported on stderr and does not change the
 * exit code: the command's own outcome stands.
 */
final class MetricsFileOption {
    private MetricsFileOption() {}

    static void writeIfAsked(ParseResult root, int exitCode, Duration took, Clock clock, PrintWriter err) {
        if (root == null) {
            return;
        }
        Path file = null;
        List<String> names = new ArrayList<>();
        for (ParseResult p = root; p != null; p = p.subcommand()) {
            if (p != root) {
                names.add(p.commandSpec().name());
            }
            if (p.hasMatchedOption("--metrics-file")) {
                file = p.matchedOptionValue("--metrics-file", (Path) null);
            }
        }
        if (file == null) {
            return;
        }
        String command = names.isEmpty() ? "execctl" : String.join("-", names);
        try {
            CommandTextfile.write(file, command, exitCode, took, clock.instant());
        } catch (IOException | RuntimeException e) {
            err.println("execctl: could not write --metrics-file " + file + ": " + e.getMessage());
            err.flush();
        }
    }
}
