package io.execctl.domain;

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
        List<KnownOrder> accounted) {
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
        accounted = List.copyOf(Checks.notNull(accounted, "accounted"));
    }

    /** True if {@code orderNo} (normalised) is one of the accounted orders. */
    boolean accounts(String orderNo) {
        return orderNo != null && accounted.stream().anyMatch(k -> k.orderNo().equals(orderNo));
    }
}
