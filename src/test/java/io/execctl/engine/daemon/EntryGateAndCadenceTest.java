package io.execctl.engine.daemon;

import io.execctl.config.LoopSettings;
import io.execctl.engine.PassReport;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryGateAndCadenceTest {
    @Test
    void entriesWaitWhileAGapFillHoldsThemExitsDoNot() {
        EntryGate gate = new EntryGate();
        assertThat(gate.claimingAllowed())
                .as("nothing is claimed before the daemon is active")
                .isFalse();
        gate.resumeClaiming();
        assertThat(gate.entriesAllowed()).isTrue();

        EntryGate.Hold one = gate.holdEntries();
        EntryGate.Hold two = gate.holdEntries();
        assertThat(gate.entriesAllowed()).isFalse();
        assertThat(gate.claimingAllowed()).as("exits go through").isTrue();
        one.close();
        one.close(); // twice does nothing
        assertThat(gate.entriesAllowed()).isFalse();
        two.close();
        assertThat(gate.entriesAllowed()).isTrue();

        gate.stopClaiming();
        assertThat(gate.claimingAllowed()).isFalse();
        assertThat(gate.entriesAllowed()).isFalse();
    }

    static final LoopSettings DEFAULTS = new LoopSettings(
            Duration.ofMillis(1000),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            4);

    private static void assertRange(Cadence c, long minMs, long maxMs) {
        for (int i = 0; i < 200; i++) {
            assertThat(c.next().toMillis()).isBetween(minMs, maxMs);
        }
    }

    @Test
    void theLoopsRunAtTheDesignCadences() {
        AtomicBoolean wsDown = new AtomicBoolean(false);
        AtomicBoolean active = new AtomicBoolean(true);
        AtomicBoolean closed = new AtomicBoolean(false);
        EngineParts.Builder b = EngineParts.builder();
        for (PassName n : PassName.values()) {
            b.pass(n, () -> PassReport.complete(n.key(), 0, ""));
        }
        List<DaemonLoop> loops = LoopPlan.loops(
                b.build(),
                DEFAULTS,
                new LoopPlan.Conditions(wsDown::get, active::get, closed::get),
                new SplittableRandom(7));
        assertThat(loops)
                .extracting(DaemonLoop::name)
                .containsExactly(
                        "submit",
                        "sync-unfilled",
                        "sync-fills",
                        "sync-holdings",
                        "resolve-unknown",
                        "reconcile",
                        "parked-notices",
                        "resolve-cancels",
                        "settle-intents");
        Cadence submit = loops.get(0).cadence();
        Cadence unfilled = loops.get(1).cadence();
        Cadence fills = loops.get(2).cadence();
        Cadence holdings = loops.get(3).cadence();

        assertRange(submit, 1000, 3000);
        assertRange(unfilled, 2000, 5000);
        assertRange(fills, 3000, 5000);
        assertRange(holdings, 10_000, 30_000);
        active.set(false);
        assertRange(unfilled, 10_000, 30_000);
        wsDown.set(true);
        assertRange(unfilled, 1000, 2000);
        assertRange(fills, 1000, 2000);
        closed.set(true);
        assertRange(holdings, 60_000, 120_000);
        assertRange(loops.get(4).cadence(), 5000, 10_000);
        assertRange(loops.get(5).cadence(), 60_000, 120_000);
    }

    @Test
    void anIntentPumpReplacesTheSubmitPoll() {
        EngineParts parts = EngineParts.builder()
                .pass(PassName.SUBMIT, () -> PassReport.complete("submit", 0, ""))
                .intentPickup(DaemonService.of("intent-pump", () -> {}, t -> {}))
                .build();
        List<DaemonLoop> loops = LoopPlan.loops(
                parts,
                DEFAULTS,
                new LoopPlan.Conditions(() -> false, () -> false, () -> false),
                new SplittableRandom(7));
        assertThat(loops).isEmpty();
    }

    @Test
    void afterTheCloseMeansOutsideTheKoreanSessionAndWeekends() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z")); // Mon 10:00 KST
        MarketHours hours = new MarketHours(clock);
        assertThat(hours.getAsBoolean()).isFalse();
        clock.set(Instant.parse("2026-03-02T06:31:00Z")); // 15:31 KST
        assertThat(hours.getAsBoolean()).isTrue();
        clock.set(Instant.parse("2026-03-01T01:00:00Z")); // Sunday
        assertThat(hours.getAsBoolean()).isTrue();
    }
}
