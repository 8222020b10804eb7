package io.execctl.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/prometheus/metrics.txt, the one list of metric names the alert rules, their tests and the
 * Grafana dashboard may use; plus a small PromQL scanner that finds the metric names in an expression.
 * The scanner only has to be right for the expressions we write, and the dashboard's are additionally
 * syntax-checked by promtool.
 */
final class MetricCatalog {
    static final Path FILE = Path.of("docs/prometheus/metrics.txt");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan",
            "Inf",
            "NaN");

    /** Metric name → type (gauge, counter, histogram). */
    private final Map<String, String> types;

    private MetricCatalog(Map<String, String> types) {
        this.types = types;
    }

    static MetricCatalog load() throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", 4);
            if (f.length != 4 || f[3].isBlank()) {
                throw new IllegalStateException("metrics.txt: want name | type | labels | meaning: " + line);
            }
            String name = f[0].strip();
            String type = f[1].strip();
            if (!Set.of("gauge", "counter", "histogram").contains(type)) {
                throw new IllegalStateException("metrics.txt: unknown type " + type + " of " + name);
            }
            if (type.equals("counter") != name.endsWith("_total")) {
                throw new IllegalStateException("metrics.txt: a counter, and only a counter, ends in _total: " + name);
            }
            if (types.put(name, type) != null) {
                throw new IllegalStateException("metrics.txt: " + name + " listed twice");
            }
        }
        return new MetricCatalog(types);
    }

    Set<String> names() {
        return types.keySet();
    }

    /** Whether a series name may be queried: a listed name, or a listed histogram's _bucket/_sum/_count. */
    boolean knows(String seriesName) {
        if (types.containsKey(seriesName) && !"histogram".equals(types.get(seriesName))) {
            return true;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (seriesName.endsWith(suffix)) {
                String base = seriesName.substring(0, seriesName.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The metric names an expression selects (functions, keywords, label names and durations removed). */
    static Set<String> namesIn(String promql) {
        String s = STRING.matcher(promql).replaceAll("\"\"");
        s = BRACES.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(m.group())) {
                continue;
            }
            names.add(m.group());
        }
        return names;
    }
}
