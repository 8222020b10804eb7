package io.execctl.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/grafana/execctl.json: importable (a ${DS_PROMETHEUS} input every query uses), the design
 * document's panels present, and every query over metric names of metrics.txt and valid PromQL.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("docs/grafana/execctl.json");
    private static final String DS = "${DS_PROMETHEUS}";

    @Test
    void isAnImportableDashboardOverOneDatasourceInput() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(d.path("uid").asText()).isEqualTo("execctl");
        JsonNode input = d.path("__inputs").path(0);
        assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id %s", panel.path("id"))
                    .isTrue();
            JsonNode pos = panel.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt())
                    .as(title(panel))
                    .isLessThanOrEqualTo(24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText())
                    .as(title(panel))
                    .isEqualTo(DS);
            assertThat(panel.path("targets")).as(title(panel)).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText())
                        .as(title(panel))
                        .isEqualTo(DS);
                assertThat(target.path("expr").asText()).as(title(panel)).isNotBlank();
            }
        }
    }

    @Test
    void everyQueryUsesOnlyListedMetricsAndTheDesignPanelsArePresent() throws IOException {
        MetricCatalog catalog = MetricCatalog.load();
        Set<String> used = new TreeSet<>();
        for (String expr : queries(dashboard())) {
            Set<String> names = MetricCatalog.namesIn(expr);
            assertThat(names).as(expr).isNotEmpty().allMatch(catalog::knows);
            used.addAll(names);
        }
        // the design document's panels (§모니터링 메트릭, 대시보드 패널 구성) and the operator's 9:00 view
        assertThat(used)
                .contains(
                        "kis_ws_connected",
                        "execution_unfilled_orders",
                        "execution_holdings_position_mismatch_total",
                        "execution_fill_processing_duration_seconds_bucket",
                        "kis_rest_errors_total",
                        "kis_rest_requests_total",
                        "execution_unfilled_sync_lag_seconds",
                        "execution_fills_sync_lag_seconds",
                        "execution_holdings_sync_lag_seconds",
                        "execution_unknown_submissions",
                        "execution_bootstrap_status",
                        "execution_daemon_active",
                        "kis_rate_budget_wait_seconds_bucket");
    }

    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.require();
        // Each query becomes a recording rule (Grafana's variables replaced by values), which
        // `promtool check rules` parses: a syntax error in a panel fails here, not at 9:00.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = queries(dashboard());
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i)
                    .replace("$__rate_interval", "1m")
                    .replace("$instance", ".*")
                    .replace("'", "''");
            rules.append("      - record: dashboard:query_")
                    .append(i)
                    .append("\n        expr: '")
                    .append(expr.replace("\n", " "))
                    .append("'\n");
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);
        Promtool.Result check = promtool.run("check", "rules", file.toString());
        assertThat(check.exitCode()).as(check.output() + "\n" + rules).isZero();
        assertThat(check.output()).contains(queries.size() + " rules found");
    }

    private static List<String> queries(JsonNode d) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : d.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : d.path("templating").path("list")) {
            String q = variable.path("query").path("query").asText();
            // label_values(metric, label) is Grafana's, not PromQL: check its metric name only
            out.add(q.replaceAll("^label_values\\(([^,]+),.*\\)$", "$1"));
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    private static String title(JsonNode panel) {
        return panel.path("title").asText();
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    }
}
