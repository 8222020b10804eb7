package io.execctl.cli;

import io.execctl.engine.PassReport;
import io.execctl.engine.daemon.BootstrapProgress;
import io.execctl.engine.daemon.BootstrapResult;
import io.execctl.engine.daemon.BootstrapStep;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code execctl bootstrap} shows its progress: a bar redrawn in place on a terminal (stderr,
 * so stdout stays the command's output), nothing extra otherwise (the bootstrap's log lines say it),
 * and the steps as a table at the end.
 */
final class BootstrapDisplay {
    static final int WIDTH = 24;

    private BootstrapDisplay() {}

    /** A bar on a terminal ({@code System.console() != null}), else nothing beyond the log lines. */
    static BootstrapProgress progress(boolean terminal, PrintWriter err) {
        return terminal ? new Bar(err) : BootstrapProgress.NONE;
    }

    static String bar(int done, int total) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    /** The steps, one line each: name, state, time, summary; then the UNKNOWN submissions left. */
    static void table(BootstrapResult r, PrintWriter out) {
        String format = "%-18s  %-12s  %8s  %s%n";
        out.printf(format, "STEP", "STATE", "MS", "SUMMARY");
        for (BootstrapResult.StepResult s : r.steps()) {
            String summary = s.report() != null
                    ? s.report().summary()
                    : s.error() != null
                            ? s.error()
                            : s.state() == BootstrapResult.StepState.NOT_BUILT ? "not built in this version" : "";
            out.printf(format, s.name(), s.state(), s.took().toMillis(), summary);
        }
        out.println("bootstrap " + r.outcome() + " in " + r.took().toMillis() + " ms; steps ran: "
                + String.join(", ", r.ran()));
        if (!r.unknownIntents().isEmpty()) {
            out.println(r.unknownIntents().size()
                    + " UNKNOWN submissions left to resolve while the daemon runs (they do not block the bootstrap):");
            r.unknownIntents().forEach(id -> out.println("  " + id));
        }
        out.flush();
    }

    private static final class Bar implements BootstrapProgress {
        private final PrintWriter err;

        Bar(PrintWriter err) {
            this.err = Objects.requireNonNull(err, "err");
        }

        private void draw(int done, int total, String text) {
            err.print("\r\033[2K" + bar(done, total) + " " + text);
            err.flush();
        }

        @Override
        public void started(int index, int total, BootstrapStep step) {
            draw(index, total, step.what() + " ...");
        }

        @Override
        public void finished(int index, int total, BootstrapStep step, PassReport report, Duration took) {
            draw(index + 1, total, step.name() + ": " + report.summary());
            if (index + 1 == total) {
                err.println();
            }
        }

        @Override
        public void notBuilt(int index, int total, BootstrapStep step) {
            draw(index + 1, total, step.name() + ": not built in this version");
            if (index + 1 == total) {
                err.println();
            }
        }

        @Override
        public void failed(int index, int total, BootstrapStep step, Exception error, Duration took) {
            draw(index, total, step.name() + " FAILED");
            err.println();
        }
    }
}
