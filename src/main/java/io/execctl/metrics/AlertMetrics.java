package io.execctl.metrics;

import io.execctl.engine.Alert;
import io.execctl.engine.Alerter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Alerts as metrics: an {@link Alerter} that counts every alert by severity and code (put it in the
 * composite beside the log and the webhook), and the webhook's own failure counts, so an operator sees
 * when the process could not tell anyone.
 */
public final class AlertMetrics implements Alerter {
    private final PrometheusRegistry registry;
    private final Counter alerts;

    AlertMetrics(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        alerts = Counter.builder()
                .name("execution_alerts_total")
                .help("alerts raised by the process, by severity and code")
                .labelNames("severity", "code")
                .register(registry);
    }

    @Override
    public void raise(Alert alert) {
        alerts.labelValues(alert.severity().name().toLowerCase(Locale.ROOT), LabelValue.of(alert.code()))
                .inc();
    }

    /**
     * Exports the webhook's counts: alerts dropped (queue full, duplicate suppression is not a drop)
     * and alerts given up after every retry.
     */
    public void webhook(LongSupplier dropped, LongSupplier failed) {
        CounterWithCallback.builder()
                .name("execution_alert_webhook_dropped_total")
                .help("alerts the webhook dropped because its queue was full")
                .callback(cb -> cb.call(dropped.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("execution_alert_webhook_failures_total")
                .help("alerts the webhook gave up on after every retry")
                .callback(cb -> cb.call(failed.getAsLong()))
                .register(registry);
    }
}
