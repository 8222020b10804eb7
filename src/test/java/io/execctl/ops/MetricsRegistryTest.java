package io.execctl.ops;

import io.execctl.metrics.CommandTextfile;
import io.execctl.metrics.ExecctlMetrics;
import io.execctl.metrics.MetricsExercise;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/prometheus/metrics.txt and the code agree: every listed metric is registered (by
 * {@link ExecctlMetrics}, or written by {@link CommandTextfile}) with the listed type and labels, and every
 * execctl metric the code registers is listed. With {@link AlertRulesTest} and {@link GrafanaDashboardTest}
 * (every rule and panel uses only listed names) this makes every alert and dashboard expression reference a
 * registered metric; {@link #everyAlertAndPanelNameIsRegistered} checks that directly as well.
 */
class MetricsRegistryTest {
    private static final Pattern TEXT_FAMILY = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    @Test
    void metricsTxtAndTheRegistryAgreeOnNamesTypesAndLabels() throws IOException {
        Map<String, String[]> listed = listed();
        Map<String, String> registered = new TreeMap<>();
        Map<String, Set<String>> labels = new HashMap<>();
        registered(registered, labels);

        Set<String> ours = new TreeSet<>();
        for (String n : registered.keySet()) {
            if (n.startsWith("kis_") || n.startsWith("execution_") || n.startsWith("execctl_")) {
                ours.add(n);
            }
        }
        assertThat(listed.keySet())
                .as("listed in metrics.txt but not registered")
                .isSubsetOf(registered.keySet());
        assertThat(ours).as("registered but missing from metrics.txt").isSubsetOf(listed.keySet());
        listed.forEach((name, f) -> {
            assertThat(registered.get(name)).as("type of %s", name).isEqualTo(f[0]);
            if (labels.containsKey(name) && !name.startsWith("jvm_") && !name.startsWith("process_")) {
                Set<String> want = f[1].equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(f[1].split(",\\s*")));
                assertThat(labels.get(name)).as("labels of %s", name).isEqualTo(want);
            }
        });
    }

    @Test
    void everyAlertAndPanelNameIsRegistered() throws IOException {
        Map<String, String> registered = new TreeMap<>();
        registered(registered, new HashMap<>());
        Set<String> series = new TreeSet<>();
        registered.forEach((n, t) -> {
            series.add(n);
            if (t.equals("histogram")) {
                series.add(n + "_bucket");
                series.add(n + "_sum");
                series.add(n + "_count");
            }
        });
        for (String file : new String[] {"docs/prometheus/alerts.yml", "docs/grafana/execctl.json"}) {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\\b(?:kis|execution|jvm|process)_[a-z0-9_]+")
                    .matcher(text);
            while (m.find()) {
                assertThat(series).as("%s uses %s", file, m.group()).contains(m.group());
            }
        }
    }

    private static Map<String, String[]> listed() throws IOException {
        Map<String, String[]> out = new TreeMap<>();
        for (String line : Files.readAllLines(MetricCatalog.FILE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", 4);
            out.put(f[0].strip(), new String[] {f[1].strip(), f[2].strip()});
        }
        return out;
    }

    /** Exposition name → type and label names of everything the code registers. */
    private static void registered(Map<String, String> types, Map<String, Set<String>> labels) throws IOException {
        ExecctlMetrics metrics = ExecctlMetrics.create(Clock.systemUTC());
        metrics.alerts().webhook(() -> 0, () -> 0);
        MetricsExercise.all(metrics);
        for (MetricSnapshot s : metrics.registry().scrape()) {
            String type;
            String name = s.getMetadata().getPrometheusName();
            if (s instanceof CounterSnapshot) {
                type = "counter";
                name = name + "_total";
            } else if (s instanceof GaugeSnapshot) {
                type = "gauge";
            } else if (s instanceof HistogramSnapshot) {
                type = "histogram";
            } else {
                type = s.getClass().getSimpleName();
            }
            types.put(name, type);
            for (DataPointSnapshot p : s.getDataPoints()) {
                Set<String> l = new TreeSet<>();
                for (Label label : p.getLabels()) {
                    l.add(label.getName());
                }
                labels.put(name, l);
            }
        }
        String text = CommandTextfile.render("sync-holdings", 0, Duration.ofMillis(800), Instant.now());
        Matcher m = TEXT_FAMILY.matcher(text);
        while (m.find()) {
            types.put(m.group(1), m.group(2));
            labels.put(m.group(1), Set.of("command"));
        }
    }
}
