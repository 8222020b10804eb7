package io.execctl.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Draws {@link DemoSnapshot}s. On a terminal it redraws one screen in place (ANSI cursor home and
 * clear); otherwise (a pipe, CI) it prints one plain line per frame, so a log stays readable.
 */
public final class DemoView {
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";

    private final PrintWriter out;
    private final boolean ansi;

    public DemoView(PrintWriter out, boolean ansi) {
        this.out = Objects.requireNonNull(out, "out");
        this.ansi = ansi;
    }

    public boolean ansi() {
        return ansi;
    }

    /** Shows one frame; {@code header} says what runs and for how long. */
    public void show(DemoSnapshot s, String header, String engine) {
        if (ansi) {
            out.print(HOME_AND_CLEAR);
            out.print(screen(s, header, engine));
        } else {
            out.println(line(s));
        }
        out.flush();
    }

    /** The full screen (also what a test reads). */
    public static String screen(DemoSnapshot s, String header, String engine) {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append(header).append(nl);
        b.append("engine:     ").append(engine).append(nl);
        b.append("websocket:  ").append(s.webSocket()).append(nl);
        b.append("sync lags:  ")
                .append(String.join(", ", s.syncLags()))
                .append(nl)
                .append(nl);
        b.append("intents:    ").append(counts(s.intentsByStatus())).append(nl);
        b.append("orders:     ").append(counts(s.ordersByStatus())).append(nl);
        section(b, "recent orders", s.recentOrders());
        section(b, "recent fills (" + s.liveFills() + " live)", s.recentFills());
        section(b, "holdings", s.holdings());
        b.append(nl).append("Ctrl-C stops the demo and prints a summary.").append(nl);
        return b.toString();
    }

    /** One line per frame, for a log. */
    public static String line(DemoSnapshot s) {
        return "demo " + s.at() + " intents {" + counts(s.intentsByStatus()) + "} orders {"
                + counts(s.ordersByStatus()) + "} fills " + s.liveFills() + " holdings "
                + s.holdings().size()
                + " ws " + s.webSocket();
    }

    private static void section(StringBuilder b, String title, List<String> rows) {
        String nl = System.lineSeparator();
        b.append(nl).append(title).append(':').append(nl);
        if (rows.isEmpty()) {
            b.append("  (none)").append(nl);
        }
        rows.forEach(r -> b.append("  ").append(r).append(nl));
    }

    static String counts(Map<String, Long> m) {
        if (m.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(m)
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
