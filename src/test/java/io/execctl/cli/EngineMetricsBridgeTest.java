package io.execctl.cli;

import io.execctl.engine.cancel.CancelAnswer;
import io.execctl.engine.cancel.CancelCounters;
import io.execctl.metrics.ExecctlMetrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's cancel counters and the recompute step's drifts reach the Prometheus registry. */
class EngineMetricsBridgeTest {
    private final ExecctlMetrics registry = ExecctlMetrics.create(Clock.systemUTC());
    private final EngineMetrics metrics = new EngineMetrics(registry, Clock.systemUTC());

    private double counter(String name, String label, String value) {
        for (MetricSnapshot s : registry.registry().scrape()) {
            if (s instanceof CounterSnapshot c
                    && c.getMetadata().getPrometheusName().equals(name)) {
                return c.getDataPoints().stream()
                        .filter(p -> label == null || value.equals(p.getLabels().get(label)))
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                        .sum();
            }
        }
        return 0;
    }

    @Test
    void cancelsKillSwitchRunsAndRecomputeDriftsAreCounted() {
        CancelCounters cancels = metrics.cancels();
        cancels.cancelSent(CancelAnswer.Kind.ACCEPTED);
        cancels.cancelSent(CancelAnswer.Kind.ACCEPTED);
        cancels.cancelSent(CancelAnswer.Kind.NOTHING_LEFT);
        cancels.killSwitchRun(false);
        metrics.orderRecomputeDrift();

        assertThat(counter("execution_cancels", "answer", "accepted")).isEqualTo(2);
        assertThat(counter("execution_cancels", "answer", "nothing_left")).isEqualTo(1);
        assertThat(counter("execution_kill_switch_runs", "result", "incomplete"))
                .isEqualTo(1);
        assertThat(counter("execution_order_recompute_drifts", null, null)).isEqualTo(1);
        assertThat(counter("execution_intent_pump_scans", null, null)).isZero();
    }
}
