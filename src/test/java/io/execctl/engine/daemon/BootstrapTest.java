package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.engine.daemon.BootstrapResult.Outcome;
import io.execctl.engine.daemon.BootstrapResult.StepState;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:00:00Z"));
    final InMemoryDaemonMetrics metrics = new InMemoryDaemonMetrics();
    final List<String> ran = new ArrayList<>();
    final List<BootstrapStatus> statusDuringRun = new ArrayList<>();

    EnginePass ok(String name) {
        return () -> {
            ran.add(name);
            statusDuringRun.add(metrics.bootstrapStatus());
            clock.advance(Duration.ofSeconds(2));
            return PassReport.complete(name, 1, name + " ok");
        };
    }

    Bootstrap bootstrap(EngineParts parts, List<UUID> unknown) {
        return new Bootstrap(BootstrapPlan.standard(parts), () -> unknown, metrics, clock);
    }

    EngineParts.Builder all() {
        EngineParts.Builder b = EngineParts.builder();
        for (PassName n : PassName.values()) {
            b.pass(n, ok(n.key()));
        }
        return b;
    }

    @Test
    void runsTheStepsInTheDesignOrderAndReportsDoneWithItsDuration() {
        UUID unknown = UUID.randomUUID();
        assertThat(metrics.bootstrapStatus()).isEqualTo(BootstrapStatus.NOT_RUN);

        BootstrapResult r = bootstrap(all().build(), List.of(unknown)).run(BootstrapProgress.NONE);

        assertThat(ran)
                .containsExactly(
                        "sync-holdings",
                        "sync-unfilled",
                        "sync-fills",
                        "recompute-orders",
                        "reconcile",
                        "resolve-unknown");
        assertThat(statusDuringRun).containsOnly(BootstrapStatus.RUNNING);
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(r.took()).isEqualTo(Duration.ofSeconds(12));
        assertThat(metrics.bootstrapStatus()).isEqualTo(BootstrapStatus.DONE);
        assertThat(metrics.bootstrapDuration()).isEqualTo(Duration.ofSeconds(12));
        // UNKNOWN submissions are listed, they do not block
        assertThat(r.unknownIntents()).containsExactly(unknown);
    }

    @Test
    void aStepNotBuiltIsReportedAndSkippedNotRun() {
        EngineParts parts = EngineParts.builder()
                .pass(PassName.SYNC_HOLDINGS, ok("sync-holdings"))
                .pass(PassName.SUBMIT, ok("submit"))
                .build();

        BootstrapResult r = bootstrap(parts, List.of()).run(BootstrapProgress.NONE);

        assertThat(ran).containsExactly("sync-holdings"); // submit is no bootstrap step
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(r.ran()).containsExactly("sync-holdings");
        assertThat(r.steps())
                .extracting(BootstrapResult.StepResult::state)
                .containsExactly(
                        StepState.RAN,
                        StepState.NOT_BUILT,
                        StepState.NOT_BUILT,
                        StepState.NOT_BUILT,
                        StepState.NOT_BUILT,
                        StepState.NOT_BUILT);
    }

    @Test
    void anIncompleteStepStopsTheBootstrapIncompleteAndNothingAfterItRuns() {
        EngineParts parts = all().pass(PassName.SYNC_UNFILLED, () -> {
                    ran.add("sync-unfilled");
                    return new PassReport("sync-unfilled", false, 0, 0, "page cap reached");
                })
                .build();

        BootstrapResult r = bootstrap(parts, List.of()).run(BootstrapProgress.NONE);

        assertThat(ran).containsExactly("sync-holdings", "sync-unfilled");
        assertThat(r.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(r.steps().get(1).state()).isEqualTo(StepState.INCOMPLETE);
        assertThat(r.steps().subList(2, 6))
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.NOT_REACHED));
        assertThat(metrics.bootstrapStatus()).isEqualTo(BootstrapStatus.FAILED);
    }

    @Test
    void aThrowingStepFailsTheBootstrap() {
        EngineParts parts = all().pass(PassName.SYNC_HOLDINGS, () -> {
                    throw new IllegalStateException("broker down");
                })
                .build();

        BootstrapResult r = bootstrap(parts, List.of()).run(BootstrapProgress.NONE);

        assertThat(ran).isEmpty();
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.steps().get(0).error()).isEqualTo("broker down");
        assertThat(metrics.bootstrapStatus()).isEqualTo(BootstrapStatus.FAILED);
    }

    @Test
    void aStopBetweenStepsEndsItUnfinished() {
        BootstrapResult r = bootstrap(all().build(), List.of()).run(BootstrapProgress.NONE, () -> ran.size() >= 2);

        assertThat(ran).hasSize(2);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    }
}
