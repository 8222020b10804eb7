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
        Instant sendDeadline) {
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
}
