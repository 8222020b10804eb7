package io.execctl.engine.notice;

import java.util.Locale;

/**
 * What a notice asks of the order it is routed to. The metric label is the lower-case name.
 */
public enum NoticeAction {
    /** CNTG_YN=2: one execution of the order. */
    FILL,
    /** CNTG_YN=1 of a new order: the broker accepted it. */
    ACCEPTED,
    /** ACPT_YN=3: the exchange cancelled the unexecuted rest of an IOC/FOK order. */
    EXCHANGE_CANCELLED,
    /** RFUS_YN=1 of an order: the exchange refused it (after acceptance: it ends REJECTED). */
    REFUSED,
    /** RCTF_CLS=2 confirmation, routed by OODER_NO to the order it cancels. */
    CANCEL_CONFIRMED,
    /** RCTF_CLS=1 confirmation, routed by OODER_NO to the order it modifies. */
    MODIFY_CONFIRMED,
    /** RFUS_YN=1 of a cancel or modify: the change was refused, the original order is untouched. */
    CHANGE_REFUSED;

    /** The metric label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
