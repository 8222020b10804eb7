package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * "Does an order exist for this submission?": the facts of the send, as the submission journal
 * holds them, and the orders of the same date, symbol and side that execctl already accounts for.
 *
 * @param intentId     the intent (as text, so the domain needs no store type)
 * @param attempt      the journal's attempt count the question is about; a verdict licenses a
 *                     resend of exactly this attempt
 * @param tradingDate  the trading date of the send (Korean date on the journal's clock)
 * @param firstSentAt  the first fencing write of any attempt: notices must be covered from here
 * @param sendDeadline the last send deadline; the broker may have accepted the order until then
 * @param accounted    orders of this date, symbol and side that are ours or known (not candidates)
 * @param orderType    the order type sent, or null when not known
 * @param price        the limit price sent (zero or null for market), or null when not known
 * @param windowFrom   where the send window of this attempt starts: the first send, or a resend's own
 *                     fencing write (the earlier attempt was proven absent); null = {@code firstSentAt}
 */
public record AbsenceQuestion(
        String intentId,
        int attempt,
        LocalDate tradingDate,
        String symbol,
        Side side,
        long qty,
        Instant firstSentAt,
        Instant sendDeadline,
        List<KnownOrder> accounted,
        OrderType orderType,
        BigDecimal price,
        Instant windowFrom) {
    /** A question whose order type and price are not known (every order of the quantity is a candidate). */
    public AbsenceQuestion(
            String intentId,
            int attempt,
            LocalDate tradingDate,
            String symbol,
            Side side,
            long qty,
            Instant firstSentAt,
            Instant sendDeadline,
            List<KnownOrder> accounted) {
        this(intentId, attempt, tradingDate, symbol, side, qty, firstSentAt, sendDeadline, accounted, null, null, null);
    }

    public AbsenceQuestion {
        Checks.notBlank(intentId, "intentId");
        Checks.positive(attempt, "attempt");
        Checks.notNull(tradingDate, "tradingDate");
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.positive(qty, "qty");
        Checks.notNull(firstSentAt, "firstSentAt");
        Checks.notNull(sendDeadline, "sendDeadline");
        if (sendDeadline.isBefore(firstSentAt)) {
            throw new IllegalArgumentException("send deadline before the first send");
        }
        windowFrom = windowFrom == null ? firstSentAt : windowFrom;
        if (windowFrom.isBefore(firstSentAt) || windowFrom.isAfter(sendDeadline)) {
            throw new IllegalArgumentException("the send window must start between the first send and the deadline");
        }
        accounted = List.copyOf(Checks.notNull(accounted, "accounted"));
    }

    /** True if {@code orderNo} (normalised) is one of the accounted orders. */
    boolean accounts(String orderNo) {
        return orderNo != null && accounted.stream().anyMatch(k -> k.orderNo().equals(orderNo));
    }
}
