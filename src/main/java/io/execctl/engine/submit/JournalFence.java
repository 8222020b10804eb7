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
 * POST proven unprocessed {@link SubmissionStore#renewForRetry}. A write that matched no row means the
 * claim is no longer ours (expired, taken over): nothing is sent. A write that could not be made (the
 * database unreachable) also sends nothing, but is told apart ({@link #writeFailed()}): the claim stays. Used by one send on one thread. Partial cancels
 * (kind CANCEL rows of the same journal, keyed by their cancel request id) are fenced by it too.
 */
public final class JournalFence implements SendFence {
    private final SubmissionStore journal;
    private final UUID intentId;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private SendPermit permit;
    private boolean lost;
    private RuntimeException writeFailure;

    public JournalFence(SubmissionStore journal, UUID intentId, Incarnation owner, JournalPolicy policy) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.intentId = Objects.requireNonNull(intentId, "intentId");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public boolean mayFire() {
        Optional<SendPermit> next;
        try {
            next = permit == null ? journal.beginSend(intentId, owner, policy) : journal.renewForRetry(permit, policy);
        } catch (RuntimeException e) {
            // the database did not answer: this proves only that nothing is sent now, not that the
            // claim was lost; the caller keeps the claim for a retry once the database is back
            writeFailure = e;
            throw e;
        }
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

    /**
     * True if the last fencing write could not be made at all (the database was unreachable, the
     * statement failed): nothing was sent by that attempt, and the claim is not known to be lost —
     * unlike {@link #lost()}, which is another owner's (or an expired deadline's) verdict.
     */
    public boolean writeFailed() {
        return writeFailure != null;
    }
}
