package io.execctl.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * The process's metrics: one {@link PrometheusRegistry} (not the library's global default, so two
 * daemons in one test JVM never share series) holding every metric of docs/prometheus/metrics.txt and
 * the client library's JVM and process metrics. Create once at start-up, hand the parts to the
 * wiring ({@link #kis()} to the KIS client, {@link #holdings()} to {@code new HoldingsCounters(...)},
 * {@link #alerts()} into the composite alerter, {@link #execution()} to the daemon's loops) and the
 * registry to {@link MetricsServer#start}.
 */
public final class ExecctlMetrics {
    private final PrometheusRegistry registry;
    private final KisPrometheusMetrics kis;
    private final ExecutionMetrics execution;
    private final HoldingsMetrics holdings;
    private final AlertMetrics alerts;

    private ExecctlMetrics(PrometheusRegistry registry, Clock clock, boolean jvm) {
        this.registry = registry;
        this.kis = new KisPrometheusMetrics(registry, clock);
        this.execution = new ExecutionMetrics(registry, clock);
        this.holdings = new HoldingsMetrics(execution);
        this.alerts = new AlertMetrics(registry);
        if (jvm) {
            JvmMetrics.builder().register(registry);
        }
    }

    /** Every execctl metric plus the JVM and process metrics, in a fresh registry. */
    public static ExecctlMetrics create(Clock clock) {
        return new ExecctlMetrics(new PrometheusRegistry(), Objects.requireNonNull(clock, "clock"), true);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The KIS client's metrics port ({@code KisClient.builder(...).metrics(...)}, the notice stream). */
    public KisPrometheusMetrics kis() {
        return kis;
    }

    public ExecutionMetrics execution() {
        return execution;
    }

    /** For {@code new HoldingsCounters(metrics.holdings())}. */
    public HoldingsMetrics holdings() {
        return holdings;
    }

    /** Counts alerts; also exports the webhook's failure counts. */
    public AlertMetrics alerts() {
        return alerts;
    }
}
