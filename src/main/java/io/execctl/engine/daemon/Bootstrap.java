package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.engine.daemon.BootstrapResult.Outcome;
import io.execctl.engine.daemon.BootstrapResult.StepResult;
import io.execctl.engine.daemon.BootstrapResult.StepState;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Startup recovery (design document §5.5): the {@link BootstrapPlan}'s steps in order, stopping at
 * the first step that fails or sees only part of the broker's picture — the daemon must not resume
 * on a partial picture of holdings, open orders or fills. UNKNOWN submissions never block it: they
 * are listed in the result and keep resolving while the daemon runs.
 */
public final class Bootstrap {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final List<BootstrapStep> steps;
    private final Supplier<List<UUID>> unknownIntents;
    private final DaemonMetrics metrics;
    private final Clock clock;

    public Bootstrap(
            List<BootstrapStep> steps, Supplier<List<UUID>> unknownIntents, DaemonMetrics metrics, Clock clock) {
        this.steps = List.copyOf(steps);
        this.unknownIntents = Objects.requireNonNull(unknownIntents, "unknownIntents");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The intents whose submission is UNKNOWN (any date), oldest update first. */
    public static Supplier<List<UUID>> unknownSubmissions(Jdbi jdbi) {
        return () -> SubmissionStore.of(jdbi).findByState(EnumSet.of(Submission.State.UNKNOWN)).stream()
                .map(Submission::intentId)
                .toList();
    }

    public BootstrapResult run(BootstrapProgress progress) {
        return run(progress, () -> false);
    }

    /** Runs the steps; {@code stop} is asked between steps (a stopping daemon ends it as FAILED). */
    public BootstrapResult run(BootstrapProgress progress, BooleanSupplier stop) {
        Instant start = clock.instant();
        metrics.bootstrapStatus(BootstrapStatus.RUNNING);
        List<StepResult> results = new ArrayList<>();
        Outcome outcome = Outcome.DONE;
        int total = steps.size();
        for (int i = 0; i < total; i++) {
            BootstrapStep step = steps.get(i);
            if (outcome != Outcome.DONE || stop.getAsBoolean()) {
                if (outcome == Outcome.DONE) {
                    outcome = Outcome.FAILED; // stopped before the picture was whole
                }
                results.add(new StepResult(step.name(), StepState.NOT_REACHED, null, null, Duration.ZERO));
                continue;
            }
            if (step.pass().isEmpty()) {
                log.warn("bootstrap step {} ({}): not built in this version, skipped", step.name(), step.what());
                progress.notBuilt(i, total, step);
                results.add(new StepResult(step.name(), StepState.NOT_BUILT, null, null, Duration.ZERO));
                continue;
            }
            progress.started(i, total, step);
            Instant t0 = clock.instant();
            StepResult r = runStep(step, step.pass().get(), t0, progress, i, total);
            results.add(r);
            if (r.state() == StepState.FAILED) {
                outcome = Outcome.FAILED;
            } else if (r.state() == StepState.INCOMPLETE) {
                outcome = Outcome.INCOMPLETE;
            }
        }
        List<UUID> unknown = listUnknown();
        Duration took = Duration.between(start, clock.instant());
        metrics.bootstrapDuration(took);
        metrics.bootstrapStatus(outcome == Outcome.DONE ? BootstrapStatus.DONE : BootstrapStatus.FAILED);
        log.info(
                "bootstrap {} in {} ms; ran: {}; UNKNOWN submissions left to resolve: {}",
                outcome,
                took.toMillis(),
                results.stream()
                        .filter(s -> s.state() == StepState.RAN)
                        .map(StepResult::name)
                        .toList(),
                unknown.size());
        return new BootstrapResult(outcome, results, took, unknown);
    }

    private StepResult runStep(
            BootstrapStep step, EnginePass pass, Instant t0, BootstrapProgress progress, int i, int total) {
        try {
            PassReport report = pass.run();
            Duration took = Duration.between(t0, clock.instant());
            progress.finished(i, total, step, report, took);
            if (!report.complete()) {
                log.warn("bootstrap step {} incomplete: {}", step.name(), report.summary());
                return new StepResult(step.name(), StepState.INCOMPLETE, report, null, took);
            }
            log.info("bootstrap step {} done in {} ms: {}", step.name(), took.toMillis(), report.summary());
            return new StepResult(step.name(), StepState.RAN, report, null, took);
        } catch (Exception e) {
            Duration took = Duration.between(t0, clock.instant());
            log.error("bootstrap step {} failed", step.name(), e);
            progress.failed(i, total, step, e, took);
            return new StepResult(step.name(), StepState.FAILED, null, String.valueOf(e.getMessage()), took);
        }
    }

    private List<UUID> listUnknown() {
        try {
            return unknownIntents.get();
        } catch (RuntimeException e) {
            log.warn("could not list UNKNOWN submissions: {}", e.toString());
            return List.of();
        }
    }
}
