package io.execctl.engine.submit;

import io.execctl.domain.JournalPolicy;
import io.execctl.kis.SendFence;
import io.execctl.store.Incarnation;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The journal's fencing write as the KIS client's last word before each POST (asked after the token
 * and the rate slot were taken): the first attempt's {@link SubmissionStore#beginSend}, a retry of a
 * POST proven unprocessed {@link SubmissionStore#renewForRetry}. A failed write means the claim is no
 * longer ours (expired, taken over): nothing is sent. Used by one send on one thread. Partial cancels
 * (kind CANCEL rows of the same journal, keyed by their cancel request id) are fenced by it too.
 */
public final class JournalFence implements SendFence {
    private final SubmissionStore journal;
    private final UUID intentId;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private SendPermit permit;
    private boolean lost;

    public JournalFence(SubmissionStore journal, UUID intentId, Incarnation owner, JournalPolicy policy) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.intentId = Objects.requireNonNull(intentId, "intentId");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public boolean mayFire() {
        Optional<SendPermit> next =
                permit == null ? journal.beginSend(intentId, owner, policy) : journal.renewForRetry(permit, policy);
        if (next.isEmpty()) {
            lost = true;
            return false;
        }
        permit = next.get();
        return true;
    }

    /** The last permit granted, empty if no fencing write succeeded (then nothing was sent). */
    public Optional<SendPermit> permit() {
        return Optional.ofNullable(permit);
    }

    /** True if a fencing write failed: the claim was not ours any more. */
    public boolean lost() {
        return lost;
    }
}
