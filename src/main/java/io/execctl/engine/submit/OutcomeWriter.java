package io.execctl.engine.submit;

import io.execctl.domain.IntentStatus;
import io.execctl.store.IntentTransitions;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Submission's side of {@link IntentTransitions}, the one writer of intent statuses: the status, its
 * reason and an {@code INTENT_STATUS} event on the caller's transaction, moved only from what this
 * step expects (another process may have moved it on).
 */
final class OutcomeWriter {
    private final Clock clock;

    OutcomeWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Instant now() {
        return clock.instant();
    }

    /** Moves the intent from {@code from} to {@code to}; false (nothing written) if it was not in {@code from}. */
    boolean intentMoved(
            Handle h, UUID intentId, IntentStatus from, IntentStatus to, String reasonCode, String msgCd, String msg1) {
        return intentMoved(h, intentId, EnumSet.of(from), to, reasonCode, msgCd, msg1, null);
    }

    boolean intentMoved(
            Handle h,
            UUID intentId,
            Set<IntentStatus> from,
            IntentStatus to,
            String reasonCode,
            String msgCd,
            String msg1,
            String orderId) {
        return IntentTransitions.on(h)
                .move(intentId, from, to, new IntentTransitions.Why(reasonCode, msgCd, msg1, orderId), now());
    }

    /** The reason and the event for a status the journal already moved (SENDING → UNKNOWN). */
    void recordOnly(Handle h, UUID intentId, IntentStatus status, String reasonCode, Instant at) {
        IntentTransitions.on(h).announce(intentId, status, IntentTransitions.Why.code(reasonCode), at);
    }
}
