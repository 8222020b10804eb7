package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;

/**
 * What the bootstrap and the daemon report, named after {@code docs/prometheus/metrics.txt}:
 * {@code execution_bootstrap_status}, {@code execution_bootstrap_duration_seconds},
 * {@code execution_loop_errors_total{loop}}, {@code execution_daemon_active}. The lead wires an
 * implementation to Prometheus; {@link InMemoryDaemonMetrics} keeps them for tests and status.
 */
public interface DaemonMetrics {
    void bootstrapStatus(BootstrapStatus status);

    /** Wall time of the last finished bootstrap (done, incomplete or failed). */
    void bootstrapDuration(Duration took);

    void loopRan(String loop, PassReport report);

    void loopError(String loop);

    void active(boolean active);
}
