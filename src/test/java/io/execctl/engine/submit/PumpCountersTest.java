package io.execctl.engine.submit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pump's health events are counted and passed to the listener (the daemon's metrics bridge). */
class PumpCountersTest {
    @Test
    void eachHealthEventIsCountedAndPassedOn() {
        List<String> seen = new ArrayList<>();
        PumpCounters c = new PumpCounters(new PumpCounters.Listener() {
            @Override
            public void scan() {
                seen.add("scan");
            }

            @Override
            public void notified() {
                seen.add("notified");
            }

            @Override
            public void gap() {
                seen.add("gap");
            }

            @Override
            public void error() {
                seen.add("error");
            }
        });

        c.gap();
        c.scan();
        c.notified();
        c.scan();
        c.error();

        assertThat(seen).containsExactly("gap", "scan", "notified", "scan", "error");
        assertThat(c.scans()).isEqualTo(2);
        assertThat(c.notifications()).isEqualTo(1);
        assertThat(c.gaps()).isEqualTo(1);
        assertThat(c.scanErrors()).isEqualTo(1);
        new PumpCounters().scan(); // no listener: counts only
    }
}
