package io.execctl.engine.ownership;

import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A broker order that execctl's tables do not hold yet, as one of the broker's channels showed it:
 * an execution notice, a daily-ccld row or an open-orders row. It is what {@link OrderOwnership}
 * needs to decide whose order it is — an intent's whose answer was lost, a cancel or modify of an
 * order we know, or an order placed outside execctl.
 *
 * @param key          account, Korean trading date and {@code ODNO}
 * @param origOrderNo  {@code orgn_odno} / {@code OODER_NO} when the broker says this order changes another
 *                     (a cancel or modify), else null
 * @param orderType    null when the channel does not say (a notice names no order division)
 * @param price        the order price; null when the channel does not say; zero for market
 * @param orderedAt    when the broker took the order ({@code ORD_TMD} converted from Korea time), or
 *                     null when the channel does not say
 * @param channel      which channel saw it, for logs and the audit
 * @param branch       the branch the channel names ({@code BRNC_NO}, {@code ord_gno_brno}), or null;
 *                     stored as the order's branch attribute when the decision writes its row
 * @param cancelRequest the channel says this change order will not execute (daily-ccld {@code cncl_yn = Y}
 *                     with an {@code orgn_odno}: a cancel request, or a modify cancelled since): linked,
 *                     its row gets open quantity 0, while a modify's row carries the moved quantity and
 *                     keeps its intent open
 */
public record BrokerOrderSighting(
        OrderKey key,
        String origOrderNo,
        String symbol,
        Side side,
        long qty,
        OrderType orderType,
        BigDecimal price,
        Instant orderedAt,
        Channel channel,
        String branch,
        boolean cancelRequest) {

    /** The broker channel that showed the order. */
    public enum Channel {
        NOTICE,
        DAILY_CCLD,
        OPEN_ORDERS,
        /** The submission journal holds the broker's answer (its order row was not written). */
        JOURNAL
    }

    public BrokerOrderSighting {
        Objects.requireNonNull(key, "key");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is required");
        }
        Objects.requireNonNull(side, "side");
        if (qty <= 0) {
            throw new IllegalArgumentException("qty must be positive: " + qty);
        }
        Objects.requireNonNull(channel, "channel");
        origOrderNo = origOrderNo == null
                        || origOrderNo.isBlank()
                        || origOrderNo.trim().matches("0+")
                ? null
                : OrderKey.normalizeOdno(origOrderNo);
        price = price == null ? null : price.stripTrailingZeros();
        branch = branch == null || branch.isBlank() ? null : OrderKey.normalizeBranch(branch);
    }

    /** A sighting that is not known to be a cancel request (a notice, an open order, an original). */
    public BrokerOrderSighting(
            OrderKey key,
            String origOrderNo,
            String symbol,
            Side side,
            long qty,
            OrderType orderType,
            BigDecimal price,
            Instant orderedAt,
            Channel channel,
            String branch) {
        this(key, origOrderNo, symbol, side, qty, orderType, price, orderedAt, channel, branch, false);
    }

    /** A sighting from a channel that names no branch. */
    public BrokerOrderSighting(
            OrderKey key,
            String origOrderNo,
            String symbol,
            Side side,
            long qty,
            OrderType orderType,
            BigDecimal price,
            Instant orderedAt,
            Channel channel) {
        this(key, origOrderNo, symbol, side, qty, orderType, price, orderedAt, channel, null);
    }
}
