package io.execctl.metrics;

import io.execctl.kis.KisMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The client's {@link KisMetrics} port onto Prometheus: the {@code kis_*} metrics of
 * docs/prometheus/metrics.txt. Every frame (PINGPONG included) moves {@code kis_ws_last_message_timestamp},
 * so a healthy idle socket never looks silent.
 *
 * <p>{@code kis_rest_errors_total} has a {@code msg_cd} label; {@link KisMetrics#request} does not carry
 * the KIS control code, so the label is the outcome name ("the outcome name when KIS sent none" of
 * metrics.txt) until the client reports codes.
 */
public final class KisPrometheusMetrics implements KisMetrics {
    private final Clock clock;
    private final Gauge wsConnected;
    private final Gauge wsLastMessage;
    private final Counter wsFrames;
    private final Counter wsReconnects;
    private final Counter requests;
    private final Counter errors;
    private final Histogram duration;
    private final Counter retries;
    private final Histogram budgetWait;

    KisPrometheusMetrics(PrometheusRegistry registry, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        wsConnected = Gauge.builder()
                .name("kis_ws_connected")
                .help("1 while the notice WebSocket is connected and subscribed, else 0")
                .register(registry);
        wsLastMessage = Gauge.builder()
                .name("kis_ws_last_message_timestamp")
                .help("Unix time in seconds of the last frame on the notice WebSocket, PINGPONG included")
                .register(registry);
        wsFrames = Counter.builder()
                .name("kis_ws_frames_total")
                .help("WebSocket frames handled, by kind")
                .labelNames("outcome")
                .register(registry);
        wsReconnects = Counter.builder()
                .name("kis_ws_reconnects_total")
                .help("reconnect attempts of the notice WebSocket")
                .register(registry);
        requests = Counter.builder()
                .name("kis_rest_requests_total")
                .help("REST exchanges with KIS, each attempt")
                .labelNames("operation", "outcome")
                .register(registry);
        errors = Counter.builder()
                .name("kis_rest_errors_total")
                .help("REST exchanges whose outcome is not success")
                .labelNames("operation", "msg_cd")
                .register(registry);
        duration = Histogram.builder()
                .name("kis_rest_request_duration_seconds")
                .help("wall time of one REST exchange")
                .labelNames("operation")
                .classicOnly()
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)
                .register(registry);
        retries = Counter.builder()
                .name("kis_rest_retries_total")
                .help("REST calls retried, by the outcome that caused the retry")
                .labelNames("operation", "reason")
                .register(registry);
        budgetWait = Histogram.builder()
                .name("kis_rate_budget_wait_seconds")
                .help("time a REST call waited for a permit of the shared rate budget")
                .labelNames("priority")
                .classicOnly()
                .classicUpperBounds(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5)
                .register(registry);
        wsConnected.set(0);
    }

    /** The notice WebSocket is (dis)connected; connected means subscribed and acknowledged. */
    public void wsConnected(boolean connected) {
        wsConnected.set(connected ? 1 : 0);
    }

    @Override
    public void request(String operation, String outcome, Duration elapsed) {
        String op = LabelValue.of(operation);
        String out = LabelValue.of(outcome);
        requests.labelValues(op, out).inc();
        duration.labelValues(op).observe(seconds(elapsed));
        if (!Outcome.SUCCESS.equals(outcome)) {
            errors.labelValues(op, out).inc();
        }
    }

    @Override
    public void retry(String operation, String reason) {
        retries.labelValues(LabelValue.of(operation), LabelValue.of(reason)).inc();
    }

    @Override
    public void rateBudgetWait(String priority, Duration waited) {
        budgetWait.labelValues(LabelValue.of(priority)).observe(seconds(waited));
    }

    @Override
    public void wsFrame(String outcome) {
        wsFrames.labelValues(LabelValue.of(outcome)).inc();
        wsLastMessage.set(clock.millis() / 1000.0);
    }

    @Override
    public void wsReconnect() {
        wsReconnects.inc();
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
