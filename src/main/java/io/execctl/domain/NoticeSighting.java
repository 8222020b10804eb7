package io.execctl.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An execution notice (acceptance, fill, refusal) received for an order, reduced to what the absence
 * rule needs. The trading date is the Korean date at receipt (a notice carries a time only).
 */
public record NoticeSighting(String orderNo, LocalDate tradingDate, String symbol, Side side, Instant receivedAt) {
    public NoticeSighting {
        orderNo = OrderKey.normalizeOdno(orderNo);
        Checks.notNull(tradingDate, "tradingDate");
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.notNull(receivedAt, "receivedAt");
    }
}
