package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One order as an account inquiry lists it (a daily-ccld row or an open order), reduced to what the
 * absence rule needs, so the rule depends on no client class.
 *
 * @param orderNo     the row's {@code odno}, normalised to 10 digits
 * @param origOrderNo {@code orgn_odno} for a cancel or modify row (normalised), else null
 * @param orderedAt   the broker's order time ({@code ord_dt} + {@code ord_tmd}, Korea), or null when not known
 * @param orderType   the row's order division ({@code ord_dvsn_cd}), or null when not known
 * @param price       the row's order price ({@code ord_unpr}; zero for market), or null when not known
 */
public record InquiryLine(
        String orderNo,
        String origOrderNo,
        LocalDate tradingDate,
        String symbol,
        Side side,
        long qty,
        Instant orderedAt,
        OrderType orderType,
        BigDecimal price) {
    /** A line whose order time is not known. */
    public InquiryLine(String orderNo, String origOrderNo, LocalDate tradingDate, String symbol, Side side, long qty) {
        this(orderNo, origOrderNo, tradingDate, symbol, side, qty, null);
    }

    /** A line whose order type and price are not known. */
    public InquiryLine(
            String orderNo,
            String origOrderNo,
            LocalDate tradingDate,
            String symbol,
            Side side,
            long qty,
            Instant orderedAt) {
        this(orderNo, origOrderNo, tradingDate, symbol, side, qty, orderedAt, null, null);
    }

    public InquiryLine {
        orderNo = OrderKey.normalizeOdno(orderNo);
        origOrderNo = origOrderNo == null
                        || origOrderNo.isBlank()
                        || origOrderNo.trim().matches("0+")
                ? null
                : OrderKey.normalizeOdno(origOrderNo);
        Checks.notNull(tradingDate, "tradingDate");
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.nonNegative(qty, "qty");
    }
}
