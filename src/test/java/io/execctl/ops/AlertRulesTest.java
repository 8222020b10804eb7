package io.execctl.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/prometheus/alerts.yml: valid for Prometheus, unit-tested by alerts_test.yml (promtool), and
 * written only over the metric names of metrics.txt, so a renamed metric cannot leave a silent rule.
 */
class AlertRulesTest {
    private static final Path RULES = Path.of("docs/prometheus/alerts.yml");
    private static final Path RULE_TESTS = Path.of("docs/prometheus/alerts_test.yml");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Promtool promtool = Promtool.require();
        Promtool.Result check = promtool.run("check", "rules", RULES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        Promtool.Result test = promtool.run("test", "rules", RULE_TESTS.toString());
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void rulesAndTheirTestsUseOnlyListedMetrics() throws IOException {
        MetricCatalog catalog = MetricCatalog.load();
        List<String> exprs = YamlText.values(read(RULES), "expr");
        assertThat(exprs).hasSize(YamlText.values(read(RULES), "alert").size());
        for (String expr : exprs) {
            assertThat(MetricCatalog.namesIn(expr)).as(expr).isNotEmpty().allMatch(catalog::knows);
        }
        for (String series : YamlText.values(read(RULE_TESTS), "series")) {
            String name = series.replaceAll("\\{.*", "");
            assertThat(catalog.knows(name))
                    .as("series %s of alerts_test.yml", series)
                    .isTrue();
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndAUnitTest() throws IOException {
        String rules = read(RULES);
        List<String> alerts = YamlText.values(rules, "alert");
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(16).doesNotHaveDuplicates();
        assertThat(YamlText.values(rules, "severity"))
                .hasSameSizeAs(alerts)
                .allMatch(Set.of("critical", "warning", "info")::contains);
        assertThat(YamlText.values(rules, "summary")).hasSameSizeAs(alerts);
        List<String> tested = YamlText.values(read(RULE_TESTS), "alertname");
        assertThat(tested).containsAll(alerts);
    }

    @Test
    void theScannerFindsMetricNamesAndNothingElse() {
        assertThat(MetricCatalog.namesIn("histogram_quantile(0.99, sum by (instance, le) (rate("
                        + "kis_rest_request_duration_seconds_bucket{instance=~\"$instance\", le!=\"x y\"}[$__rate_interval])))"
                        + " > 2 and on (instance) execution_daemon_active == 1 or vector(0)"))
                .containsExactly("execution_daemon_active", "kis_rest_request_duration_seconds_bucket");
        assertThat(MetricCatalog.namesIn("(time() - kis_ws_last_message_timestamp offset 5m) > 30"))
                .containsExactly("kis_ws_last_message_timestamp");
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
