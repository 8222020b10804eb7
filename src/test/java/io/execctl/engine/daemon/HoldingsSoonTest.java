package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldingsSoonTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:30:00Z"));
    final Nudge nudge = new Nudge();
    final List<Duration> asked = new ArrayList<>();
    final HoldingsSoon soon = new HoldingsSoon(clock, Duration.ofSeconds(10), nudge);

    @Test
    void fillsAfterTheMinimumIntervalAskForARunNowOncePerRun() throws Exception {
        nudge.attach(asked::add);
        var holdings = soon.wrap(() -> PassReport.complete("sync-holdings", 0, "ok"));
        holdings.run();
        clock.advance(Duration.ofSeconds(30));
        soon.fillsCommitted();
        soon.fillsCommitted(); // the same coming run covers these
        assertThat(asked).containsExactly(Duration.ZERO);
        holdings.run();
        clock.advance(Duration.ofSeconds(20));
        soon.fillsCommitted();
        assertThat(asked).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void fillsSoonAfterARunWaitForTheMinimumIntervalSinceItsStart() throws Exception {
        nudge.attach(asked::add);
        var holdings = soon.wrap(() -> PassReport.complete("sync-holdings", 0, "ok"));
        holdings.run();
        clock.advance(Duration.ofSeconds(2));
        soon.fillsCommitted();
        assertThat(asked).containsExactly(Duration.ofSeconds(8));
    }

    @Test
    void nothingIsAskedWhileNoLoopRunsAndTheNextFillsStillAsk() {
        soon.fillsCommitted(); // standby or bootstrap: no scheduler attached
        assertThat(asked).isEmpty();
        nudge.attach(asked::add);
        soon.fillsCommitted();
        assertThat(asked).containsExactly(Duration.ZERO);
    }
}
