package io.execctl.engine.daemon;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentType;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.submit.Submitter;
import io.execctl.store.IntentStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The submit pass as the daemon runs it: NEW intents oldest first, each through
 * {@link Submitter#submitOne} (claim, checks, one send through the journal's fence), asking the
 * {@link EntryGate} before each — nothing is claimed once the daemon stops or loses its lock, and a
 * new ENTRY waits (stays NEW) while a gap-fill runs, exits go through. The intent pump (LISTEN +
 * poll) runs this same pass.
 */
public final class SubmitPass implements EnginePass {
    private final Jdbi jdbi;
    private final Submitter submitter;
    private final EntryGate gate;
    private final int batch;

    public SubmitPass(Jdbi jdbi, Submitter submitter, EntryGate gate, int batch) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.gate = Objects.requireNonNull(gate, "gate");
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive");
        }
        this.batch = batch;
    }

    @Override
    public PassReport run() {
        Map<SubmitOutcome, Integer> counts = new EnumMap<>(SubmitOutcome.class);
        int deferred = 0;
        for (Intent intent : IntentStore.of(jdbi).findNew(batch)) {
            if (!gate.claimingAllowed()) {
                break;
            }
            if (IntentType.ENTRY.name().equals(intent.intentType()) && !gate.entriesAllowed()) {
                deferred++;
                continue;
            }
            SubmitResult r = submitter.submitOne(intent.intentId(), false);
            counts.merge(r.outcome(), 1, Integer::sum);
            if (r.outcome() == SubmitOutcome.REFUSED) {
                break; // the gateway refused our credentials: sending more would be refused too
            }
        }
        int changed = counts.entrySet().stream()
                .filter(e -> e.getKey() != SubmitOutcome.SKIPPED)
                .mapToInt(Map.Entry::getValue)
                .sum();
        int unresolved = counts.getOrDefault(SubmitOutcome.UNKNOWN, 0)
                + counts.getOrDefault(SubmitOutcome.REFUSED, 0)
                + counts.getOrDefault(SubmitOutcome.DEFERRED, 0);
        String summary = counts.isEmpty() && deferred == 0
                ? "no NEW intents"
                : counts + (deferred > 0 ? ", " + deferred + " entries waiting for the gap-fill" : "");
        return new PassReport(PassName.SUBMIT.key(), true, changed, unresolved, summary);
    }
}
