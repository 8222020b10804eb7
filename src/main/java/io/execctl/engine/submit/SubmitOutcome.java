package io.execctl.engine.submit;

/** What one pass did with one intent; {@link #isUnresolved()} ones make {@code execctl submit} exit 4. */
public enum SubmitOutcome {
    /** The broker accepted the order: an {@code orders} row exists, the intent is SUBMITTED. */
    SUBMITTED,
    /** Refused by validation, the oversell check or the broker: the intent is REJECTED, with its reason. */
    REJECTED,
    /** Never reached the broker and will not be retried by this pass: the intent is FAILED. */
    FAILED,
    /** The order POST's outcome is unknown: the intent is UNKNOWN and is never resent by this pass. */
    UNKNOWN,
    /**
     * The gateway refused our credentials before processing: nothing happened at the broker, the
     * intent stays SENDING (claimed), the pass stops sending and an alert is raised.
     */
    REFUSED,
    /**
     * Not sent because the journal's fencing write could not be made (the database unreachable) or no
     * access token could be had (KIS's one-a-minute spacing, an issuance failing for now): nothing
     * reached the broker, the intent stays SENDING (journal CLAIMED) and is sent through the takeover
     * of expired claims once the cause clears. Never FAILED for this.
     */
    DEFERRED,
    /** Another submitter claimed it first, or it was no longer NEW: nothing done. */
    SKIPPED,
    /**
     * Valid but not claimed: a submission of the same symbol, side and quantity is unresolved; the
     * intent stays NEW and is sent once that one resolves.
     */
    WAITING,
    /** Dry run: it would be sent. */
    WOULD_SEND,
    /** Dry run: it would be rejected. */
    WOULD_REJECT;

    /** Outcomes that leave work an operator or a later resolution must finish. */
    public boolean isUnresolved() {
        return this == UNKNOWN || this == REFUSED || this == WAITING || this == DEFERRED;
    }
}
