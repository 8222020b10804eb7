package io.execctl.store;

import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A sent submission whose order is not known yet (journal SENT or UNKNOWN, no {@code orders} row for
 * its intent): what it asked the broker for, read from the journal's request, and when it may have
 * reached the broker. The ownership decision matches broker orders against these.
 *
 * @param orderType  from the request's {@code ord_dvsn}; null if the request does not say
 * @param price      the request's {@code ORD_UNPR} (zero for market), null if it does not say
 * @param positionId the position an exit sells, null for an entry
 * @param sentTs     the last fencing write (of the current attempt), or null when not read
 */
public record UnresolvedSubmission(
        UUID intentId,
        Submission.State state,
        int attempts,
        String symbol,
        Side side,
        long qty,
        OrderType orderType,
        BigDecimal price,
        UUID positionId,
        LocalDate tradingDate,
        Instant firstSentTs,
        Instant sendDeadline,
        Instant sentTs) {
    public UnresolvedSubmission {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(tradingDate, "tradingDate");
        Objects.requireNonNull(firstSentTs, "firstSentTs");
        Objects.requireNonNull(sendDeadline, "sendDeadline");
        price = price == null ? null : price.stripTrailingZeros();
    }

    /**
     * Where the send window of the current attempt starts: the first send, or for a resend its own
     * fencing write. The earlier attempt was proven absent before the resend was licensed, so an order
     * the broker took before the resend was sent is neither attempt's; with the first send as the start,
     * an HTS order placed between the two attempts would be matched to the resend (chaos day tk2: an
     * HTS order 13 s before the resend became its only candidate).
     */
    public Instant windowFrom() {
        return attempts > 1 && sentTs != null && sentTs.isAfter(firstSentTs) ? sentTs : firstSentTs;
    }
}
