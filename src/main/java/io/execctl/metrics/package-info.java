/**
 * Prometheus metrics: one registry per process ({@link io.execctl.metrics.ExecctlMetrics}) holding every
 * metric of docs/prometheus/metrics.txt, adapters from the engine's and the client's counter ports onto
 * it, the {@code /metrics /healthz /readyz} server ({@link io.execctl.metrics.MetricsServer}) and the
 * node-exporter textfile of one-shot commands ({@link io.execctl.metrics.CommandTextfile}). Only the
 * composition root ({@code cli}) imports this package: the engine and the client count through their
 * own small interfaces and never see Prometheus.
 */
package io.execctl.metrics;
