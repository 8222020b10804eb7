package io.execctl.proof;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The table of several chaos days (one per seed, {@code execctl chaos --seeds 1-10}): seed, intents,
 * broker orders, kills, each check PASS/FAIL, convergence and wall seconds. Markdown, so the same text
 * prints on a terminal and publishes in docs/chaos.md; the checks are numbered columns with a legend.
 */
public final class ChaosSummary {
    private ChaosSummary() {}

    /**
     * One day.
     *
     * @param rows        the verdict's rows; empty when the day could not run (then {@code note} says why)
     * @param convergence from the last fault to full convergence; null when never
     */
    public record Day(
            long seed,
            int intents,
            int brokerOrders,
            int kills,
            List<ChaosVerdict.Row> rows,
            Duration convergence,
            Duration wall,
            int exitCode,
            String note) {
        public Day {
            rows = List.copyOf(rows);
            Objects.requireNonNull(wall, "wall");
            note = note == null ? "" : note;
        }

        public boolean ok() {
            return exitCode == 0 && !rows.isEmpty() && rows.stream().allMatch(ChaosVerdict.Row::ok);
        }
    }

    /** The markdown table and the legend of its check columns (from the first day that has rows). */
    public static String table(List<Day> days) {
        String nl = System.lineSeparator();
        List<String> checks = days.stream()
                .filter(d -> !d.rows().isEmpty())
                .findFirst()
                .map(d -> d.rows().stream().map(ChaosVerdict.Row::check).toList())
                .orElse(List.of());
        StringBuilder b = new StringBuilder("| seed | intents | orders | kills |");
        for (int i = 1; i <= checks.size(); i++) {
            b.append(" C").append(i).append(" |");
        }
        b.append(" convergence s | wall s | verdict |").append(nl);
        b.append("|---:|---:|---:|---:|");
        b.append("---|".repeat(checks.size()));
        b.append("---:|---:|---|").append(nl);
        for (Day d : days) {
            b.append("| ").append(d.seed()).append(" | ").append(d.intents()).append(" | ");
            b.append(d.brokerOrders()).append(" | ").append(d.kills()).append(" |");
            for (String check : checks) {
                String cell = d.rows().stream()
                        .filter(r -> r.check().equals(check))
                        .findFirst()
                        .map(r -> r.ok() ? "PASS" : "FAIL")
                        .orElse("-");
                b.append(" ").append(cell).append(" |");
            }
            b.append(" ").append(d.convergence() == null ? "never" : secs(d.convergence()));
            b.append(" | ").append(secs(d.wall()));
            b.append(" | ").append(d.ok() ? "PASS" : "FAIL");
            if (!d.note().isEmpty()) {
                b.append(" (").append(d.note()).append(")");
            }
            b.append(" |").append(nl);
        }
        long passed = days.stream().filter(Day::ok).count();
        b.append(nl)
                .append(passed)
                .append(" of ")
                .append(days.size())
                .append(" days passed")
                .append(nl);
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            legend.add("C" + (i + 1) + " = " + checks.get(i));
        }
        legend.forEach(l -> b.append(nl).append(l));
        return b.append(nl).toString();
    }

    private static String secs(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }
}
