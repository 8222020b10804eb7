package io.execctl.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one one-shot command as a node-exporter textfile ({@code --metrics-file}), for cron
 * monitoring: exit code, duration and when it finished, labelled by command. Written atomically
 * (a temporary file in the same directory, then a rename), so the textfile collector never reads half a
 * file. Alert on {@code time() - execctl_command_last_run_timestamp_seconds} (the job stopped running)
 * and on {@code execctl_command_exit_code != 0}.
 */
public final class CommandTextfile {
    private CommandTextfile() {}

    /** The exposition text for one command run. */
    public static String render(String command, int exitCode, Duration took, Instant finished) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        String label = LabelValue.of(command);
        Gauge.builder()
                .name("execctl_command_exit_code")
                .help("exit code of the last run of a one-shot execctl command (0 ok, 3 mismatches, 4 incomplete)")
                .labelNames("command")
                .register(registry)
                .labelValues(label)
                .set(exitCode);
        Gauge.builder()
                .name("execctl_command_duration_seconds")
                .help("wall time of the last run of a one-shot execctl command")
                .labelNames("command")
                .register(registry)
                .labelValues(label)
                .set(KisPrometheusMetrics.seconds(took));
        Gauge.builder()
                .name("execctl_command_last_run_timestamp_seconds")
                .help("Unix time in seconds when the last run of a one-shot execctl command finished")
                .labelNames("command")
                .register(registry)
                .labelValues(label)
                .set(finished.toEpochMilli() / 1000.0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(buf, registry.scrape());
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@link #render} to {@code file} atomically (temporary file + rename). */
    public static void write(Path file, String command, int exitCode, Duration took, Instant finished)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(render(command, exitCode, took, finished).getBytes(StandardCharsets.UTF_8));
            }
            tmp.toFile().setReadable(true, false);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
