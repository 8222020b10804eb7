package io.execctl.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.execctl.config.OpsSettings;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} (the client library's exposition: text, OpenMetrics or protobuf by Accept header),
 * {@code /healthz} (200 while the process runs) and {@code /readyz} (200 when {@link Readiness#ready()},
 * else 503 naming what is missing). A busy port is never fatal: a hot standby on the same host takes the
 * configured fallback port or the next free one ({@value #NEXT_PORTS} tried) and logs which; when none is
 * free the process runs without a metrics server and says so.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    static final int NEXT_PORTS = 10;

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * The one call a command makes: starts the server on the configured port unless it is 0 (then
     * returns a server that is not running).
     */
    public static MetricsServer start(ExecctlMetrics metrics, Readiness readiness, OpsSettings ops) {
        if (ops.metricsPort() == 0) {
            LOG.info("metrics server off (EXECCTL_METRICS_PORT=0)");
            return new MetricsServer(null);
        }
        return start(metrics.registry(), readiness, ops.metricsPort(), ops.metricsFallbackPort());
    }

    /** Starts on {@code port}, else {@code fallback}, else the next free ports after {@code port}. */
    public static MetricsServer start(
            PrometheusRegistry registry, Readiness readiness, int port, OptionalInt fallback) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(readiness, "readiness");
        List<String> busy = new ArrayList<>();
        for (int candidate : candidates(port, fallback)) {
            try {
                HTTPServer s = HTTPServer.builder()
                        .port(candidate)
                        .registry(registry)
                        .defaultHandler(new Probes(readiness))
                        .buildAndStart();
                if (candidate == port) {
                    LOG.info("metrics server on port {} (/metrics /healthz /readyz)", s.getPort());
                } else {
                    LOG.warn("metrics port {} busy; metrics server on port {} instead", busy, s.getPort());
                }
                return new MetricsServer(s);
            } catch (IOException e) {
                if (!isBusy(e)) {
                    LOG.error(
                            "metrics server could not start on port {}: {}; running without it",
                            candidate,
                            e.toString());
                    return new MetricsServer(null);
                }
                busy.add(Integer.toString(candidate));
            }
        }
        LOG.error("metrics ports {} all busy; running without a metrics server", busy);
        return new MetricsServer(null);
    }

    static Set<Integer> candidates(int port, OptionalInt fallback) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Set<Integer> out = new LinkedHashSet<>();
        out.add(port);
        fallback.ifPresent(out::add);
        if (port != 0) {
            for (int p = port + 1; p <= Math.min(65_535, port + NEXT_PORTS); p++) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server is listening. */
    public boolean running() {
        return server != null;
    }

    /** The port it listens on, or empty when it is not running. */
    public OptionalInt port() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.getPort());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code /healthz} and {@code /readyz}; every other path but {@code /metrics} is 404. */
    private record Probes(Readiness readiness) implements HttpHandler {
        @Override
        public void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                switch (path) {
                    case "/healthz" -> reply(ex, 200, "ok\n");
                    case "/readyz" -> readyz(ex);
                    default -> reply(ex, 404, "not found: try /metrics, /healthz or /readyz\n");
                }
            }
        }

        private void readyz(HttpExchange ex) throws IOException {
            boolean bootstrap;
            boolean db;
            boolean ws;
            try {
                bootstrap = readiness.bootstrapDone();
                db = readiness.databaseReachable();
                ws = readiness.webSocketSubscribed();
            } catch (RuntimeException e) {
                reply(ex, 503, "not ready: readiness check failed\n");
                return;
            }
            String body = "bootstrap_done " + bootstrap + "\ndatabase_reachable " + db + "\nwebsocket_subscribed " + ws
                    + "\n";
            reply(ex, bootstrap && db && ws ? 200 : 503, (bootstrap && db && ws ? "ready\n" : "not ready\n") + body);
        }

        private static void reply(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
