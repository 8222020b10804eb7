package io.execctl.metrics;

import io.execctl.domain.MismatchKind;
import io.execctl.engine.HoldingsCounters;
import java.time.Instant;
import java.util.Objects;

/**
 * The holdings loop's {@link HoldingsCounters.Listener} onto Prometheus: each judged mismatch increments
 * the mismatch counter of its kind, labelled by symbol; each complete sync resets the holdings lag.
 * Pass it to {@code new HoldingsCounters(listener)}.
 */
public final class HoldingsMetrics implements HoldingsCounters.Listener {
    private final ExecutionMetrics execution;

    HoldingsMetrics(ExecutionMetrics execution) {
        this.execution = Objects.requireNonNull(execution, "execution");
    }

    @Override
    public void mismatch(MismatchKind kind, String symbol) {
        if (kind != MismatchKind.OK) {
            execution.holdingsMismatch(kind.name(), symbol);
        }
    }

    @Override
    public void synced(Instant at) {
        execution.holdingsSynced(at);
    }
}
