package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a bootstrap did.
 *
 * @param outcome       DONE, INCOMPLETE (a pass saw only part of the picture) or FAILED (a pass threw)
 * @param steps         every step in order, the ones not built or not reached included
 * @param took          wall time
 * @param unknownIntents intents whose submission is UNKNOWN after the bootstrap: listed, never blocking
 */
public record BootstrapResult(Outcome outcome, List<StepResult> steps, Duration took, List<UUID> unknownIntents) {
    public BootstrapResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
        Objects.requireNonNull(took, "took");
        unknownIntents = List.copyOf(unknownIntents);
    }

    public enum Outcome {
        DONE,
        INCOMPLETE,
        FAILED
    }

    /** How one step ended. */
    public enum StepState {
        RAN,
        INCOMPLETE,
        FAILED,
        NOT_BUILT,
        NOT_REACHED
    }

    /**
     * @param report the pass's report when it ran, else null
     * @param error  the failure's message when it failed, else null
     */
    public record StepResult(String name, StepState state, PassReport report, String error, Duration took) {
        public StepResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(took, "took");
        }
    }

    /** The steps that ran (complete or not). */
    public List<String> ran() {
        return steps.stream()
                .filter(s -> s.state() == StepState.RAN || s.state() == StepState.INCOMPLETE)
                .map(StepResult::name)
                .toList();
    }
}
