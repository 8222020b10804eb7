package io.execctl.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoViewTest {
    static final DemoSnapshot SNAPSHOT = new DemoSnapshot(
            Instant.parse("2026-12-02T01:00:00Z"),
            Map.of("FILLED", 3L, "NEW", 1L),
            Map.of("FILLED", 3L),
            List.of("0000000003 005930 BUY  MKT    5 @ MKT      filled    5  FILLED"),
            3,
            List.of("0000000003 005930 BUY     5 @ 72000 (INFERRED)"),
            List.of("005930     5 @ 72000"),
            List.of("n/a"),
            "n/a (no notice stream has connected)");

    @Test
    void onATerminalTheScreenIsRedrawnInPlace() {
        StringWriter w = new StringWriter();
        new DemoView(new PrintWriter(w), true).show(SNAPSHOT, "execctl demo — 3 s", "engine line");

        assertThat(w.toString())
                .startsWith("\033[H\033[2J")
                .contains("intents:    FILLED 3, NEW 1")
                .contains("sync lags:  n/a")
                .contains("recent fills (3 live):")
                .contains("005930     5 @ 72000")
                .contains("engine line");
    }

    @Test
    void withoutATerminalItPrintsOnePlainLine() {
        StringWriter w = new StringWriter();
        new DemoView(new PrintWriter(w), false).show(SNAPSHOT, "header", "engine");

        assertThat(w.toString()).doesNotContain("\033").hasLineCount(1).contains("intents {FILLED 3, NEW 1}");
    }
}
