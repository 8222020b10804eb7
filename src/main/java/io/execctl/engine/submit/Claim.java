package io.execctl.engine.submit;

import io.execctl.domain.Intent;
import io.execctl.domain.OrderRequest;
import java.util.Objects;

/** What the claim step made of one NEW intent. */
sealed interface Claim {
    Intent intent();

    /** Claimed by us (intent SENDING, journal CLAIMED) and valid: send {@code request}. */
    record Ready(Intent intent, OrderRequest request) implements Claim {
        public Ready {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(request, "request");
        }
    }

    /** Refused before sending (intent REJECTED, journal REJECTED), or in a dry run would be. */
    record Refused(Intent intent, String code, String reason) implements Claim {
        public Refused {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not ours: claimed by someone else first, or no longer NEW. */
    record Taken(Intent intent) implements Claim {}

    /**
     * Valid, but a submission of the same symbol, side and quantity is unresolved: not claimed, the
     * intent stays NEW until that one resolves.
     */
    record Waiting(Intent intent) implements Claim {}

    /** Dry run: valid and would be sent. */
    record WouldSend(Intent intent, OrderRequest request) implements Claim {}
}
