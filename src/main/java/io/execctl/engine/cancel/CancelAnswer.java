package io.execctl.engine.cancel;

import io.execctl.kis.OrderOutcome;
import java.util.Set;

/**
 * What one cancel POST's answer means for the order it targeted. A refusal because nothing is left
 * (already filled, cancelled or lapsed) closes the target just like an accepted cancel: the broker
 * refuses the second full cancel of a cancelled order, which is what makes full cancels idempotent.
 *
 * @param kind   the class of the answer
 * @param detail {@code msg_cd msg1} or the reason, for the report (never the raw body)
 */
public record CancelAnswer(Kind kind, String detail) {

    /** {@code msg_cd}s of "nothing left to modify/cancel" (real {@code APBK0559}, paper {@code 40330000}). */
    public static final Set<String> NOTHING_LEFT_CODES = Set.of("APBK0559", "40330000");

    /** Classes of answers. */
    public enum Kind {
        /** Accepted: the cancel got its own ODNO. */
        ACCEPTED,
        /** Refused because nothing is left to cancel: the target is closed at the broker. */
        NOTHING_LEFT,
        /** Refused for another reason (the target may still be open). */
        REJECTED,
        /** May or may not have been executed (timeout, gateway timeout, cut connection). */
        UNKNOWN,
        /** Never sent, or refused before processing (no slot, no token, credentials). */
        NOT_SENT;

        /** True when the broker's answer settles what this cancel did. */
        public boolean definite() {
            return this == ACCEPTED || this == NOTHING_LEFT || this == REJECTED;
        }
    }

    public static CancelAnswer of(OrderOutcome outcome) {
        if (outcome instanceof OrderOutcome.Accepted a) {
            return new CancelAnswer(Kind.ACCEPTED, "accepted as ODNO " + a.odno());
        }
        if (outcome instanceof OrderOutcome.Rejected r) {
            boolean nothingLeft = NOTHING_LEFT_CODES.contains(r.msgCd())
                    || (r.msg1() != null && r.msg1().contains("정정/취소할 수량이 없습니다"));
            return new CancelAnswer(nothingLeft ? Kind.NOTHING_LEFT : Kind.REJECTED, r.msgCd() + " " + r.msg1());
        }
        if (outcome instanceof OrderOutcome.Unknown u) {
            return new CancelAnswer(Kind.UNKNOWN, "outcome unknown: " + u.reason());
        }
        if (outcome instanceof OrderOutcome.Refused f) {
            return new CancelAnswer(Kind.NOT_SENT, "refused before processing: " + f.msgCd() + " " + f.reason());
        }
        OrderOutcome.Failed f = (OrderOutcome.Failed) outcome;
        return new CancelAnswer(Kind.NOT_SENT, "not sent: " + f.reason());
    }
}
