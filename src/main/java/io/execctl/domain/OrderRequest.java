package io.execctl.domain;

import java.math.BigDecimal;

/**
 * A validated cash order for KIS {@code order-cash}: the only shape that may be sent.
 * Market orders carry price 0 ({@code ORD_UNPR "0"}); limit orders a positive price on the KRX grid.
 */
public record OrderRequest(String symbol, Side side, OrderType orderType, long qty, BigDecimal price) {
    public OrderRequest {
        Checks.notNull(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.notNull(orderType, "orderType");
        Checks.positive(qty, "qty");
        Checks.notNull(price, "price");
        if (!IntentMapper.isValidSymbol(symbol)) {
            throw new IllegalArgumentException("symbol must be 6 characters: '" + symbol + "'");
        }
        if (orderType == OrderType.MKT && price.signum() != 0) {
            throw new IllegalArgumentException("a market order has price 0");
        }
        if (orderType == OrderType.LMT && !KrxTick.isOnGrid(price)) {
            throw new IllegalArgumentException("limit price " + price.toPlainString() + " is not on the KRX tick grid");
        }
        price = Checks.normalized(price);
    }

    public static OrderRequest market(String symbol, Side side, long qty) {
        return new OrderRequest(symbol, side, OrderType.MKT, qty, BigDecimal.ZERO);
    }

    public static OrderRequest limit(String symbol, Side side, long qty, BigDecimal price) {
        return new OrderRequest(symbol, side, OrderType.LMT, qty, price);
    }

    /** {@code ORD_DVSN}: {@code 01} market, {@code 00} limit. */
    public String ordDvsn() {
        return orderType.ordDvsn();
    }

    /** {@code ORD_UNPR} as KIS wants it: a whole number string, {@code "0"} for market. */
    public String ordUnpr() {
        return price.toPlainString();
    }
}
