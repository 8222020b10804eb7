package io.execctl.metrics;

import io.execctl.config.OpsSettings;
import io.execctl.kis.KisMetrics;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the metrics server, scrapes it like Prometheus does and parses the exposition with the client
 * library's own protobuf model (the library has no text parser; the protobuf format carries the same
 * names, types and labels), then checks the probes and the busy-port fallback.
 */
class MetricsServerTest {
    private static final String PROTOBUF =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void scrapeParsesWithTheClientLibraryAndHasTheDesignDocumentsMetrics() throws Exception {
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        MetricsExercise.all(metrics);
        try (MetricsServer server = MetricsServer.start(metrics.registry(), Readiness.NEVER, 0, OptionalInt.empty())) {
            assertThat(server.running()).isTrue();
            Map<String, MetricFamily> families = scrape(server.port().getAsInt());

            assertThat(families.get("kis_ws_connected").getType()).isEqualTo(MetricType.GAUGE);
            assertThat(families.get("kis_ws_connected").getMetric(0).getGauge().getValue())
                    .isEqualTo(1.0);
            assertThat(families.get("kis_rest_requests_total").getType()).isEqualTo(MetricType.COUNTER);
            assertThat(families.get("kis_rest_request_duration_seconds").getType())
                    .isEqualTo(MetricType.HISTOGRAM);
            assertThat(families.get("execution_fill_processing_duration_seconds")
                            .getType())
                    .isEqualTo(MetricType.HISTOGRAM);
            assertThat(families.get("execution_holdings_position_mismatch_total")
                            .getType())
                    .isEqualTo(MetricType.COUNTER);
            assertThat(labels(families.get("execution_holdings_position_mismatch_total")))
                    .containsExactly(Map.of("symbol", "005930"));
            assertThat(labels(families.get("kis_rest_errors_total")))
                    .containsExactly(Map.of("operation", "inquire_balance", "msg_cd", "gateway"));
            assertThat(families.get("execution_bootstrap_status")
                            .getMetric(0)
                            .getGauge()
                            .getValue())
                    .isEqualTo(2.0);
            assertThat(families).containsKeys("jvm_memory_used_bytes", "process_cpu_seconds_total");
        }
    }

    @Test
    void aLabelThatIsNotAVocabularyWordNeverReachesTheScrape() throws Exception {
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        String secretLooking = "PSabc123+/=secretvalue-with-slashes/and more text";
        metrics.kis().request(secretLooking, KisMetrics.Outcome.SUCCESS, Duration.ofMillis(5));
        metrics.execution().loopError("x".repeat(100));
        try (MetricsServer server = MetricsServer.start(metrics.registry(), Readiness.NEVER, 0, OptionalInt.empty())) {
            String text = get(server.port().getAsInt(), "/metrics").body();
            assertThat(text).doesNotContain("PSabc123").doesNotContain("xxxxxxxx");
            assertThat(text).contains("kis_rest_requests_total{operation=\"other\",outcome=\"success\"} 1");
        }
    }

    @Test
    void healthzIsAliveAndReadyzFollowsTheDaemonsStatus() throws Exception {
        AtomicBoolean ws = new AtomicBoolean(false);
        Readiness readiness = new Readiness() {
            @Override
            public boolean bootstrapDone() {
                return true;
            }

            @Override
            public boolean databaseReachable() {
                return true;
            }

            @Override
            public boolean webSocketSubscribed() {
                return ws.get();
            }
        };
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        try (MetricsServer server = MetricsServer.start(metrics.registry(), readiness, 0, OptionalInt.empty())) {
            int port = server.port().getAsInt();
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(port, "/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("websocket_subscribed false");
            ws.set(true);
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBusyPortTakesTheFallbackOrTheNextFreePortNeverFails() throws Exception {
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        try (ServerSocket taken = new ServerSocket(0);
                ServerSocket fallbackSource = new ServerSocket(0)) {
            int busy = taken.getLocalPort();
            int fallback = fallbackSource.getLocalPort();
            fallbackSource.close();
            try (MetricsServer s =
                    MetricsServer.start(metrics.registry(), Readiness.NEVER, busy, OptionalInt.of(fallback))) {
                assertThat(s.port()).hasValue(fallback);
                assertThat(get(fallback, "/healthz").statusCode()).isEqualTo(200);
            }
            try (MetricsServer s =
                    MetricsServer.start(metrics.registry(), Readiness.NEVER, busy, OptionalInt.empty())) {
                assertThat(s.running()).isTrue();
                assertThat(s.port().getAsInt()).isBetween(busy + 1, busy + MetricsServer.NEXT_PORTS);
            }
        }
    }

    @Test
    void portZeroInTheSettingsMeansNoServer() {
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        MetricsServer s = MetricsServer.start(
                metrics, Readiness.NEVER, new OpsSettings(0, OptionalInt.empty(), Optional.empty()));
        assertThat(s.running()).isFalse();
        assertThat(s.port()).isEmpty();
        s.close();
    }

    private Map<String, MetricFamily> scrape(int port) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .header("Accept", PROTOBUF)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("protobuf");
        Map<String, MetricFamily> out = new HashMap<>();
        try (InputStream in = new ByteArrayInputStream(r.body())) {
            MetricFamily f;
            while ((f = MetricFamily.parseDelimitedFrom(in)) != null) {
                out.put(f.getName(), f);
            }
        }
        return out;
    }

    private static List<Map<String, String>> labels(MetricFamily f) {
        return f.getMetricList().stream()
                .map(m -> {
                    Map<String, String> l = new HashMap<>();
                    for (LabelPair p : m.getLabelList()) {
                        l.put(p.getName(), p.getValue());
                    }
                    return l;
                })
                .toList();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
