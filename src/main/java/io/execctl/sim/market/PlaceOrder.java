package io.execctl.sim.market;

import io.execctl.domain.Side;

/**
 * A new cash order as the HTTP layer parsed it from order-cash (already checked for shape: digits,
 * known fields). Business validation (symbol listed, ORD_DVSN allowed in this environment, tick
 * grid, price band, market open, cash, sellable quantity) is the broker's and ends in
 * {@link OrderResult.Rejected}.
 *
 * @param side    {@code BUY} or {@code SELL} (from the TR id)
 * @param ordDvsn KIS ORD_DVSN as sent ({@code 00} limit, {@code 01} market, ...)
 * @param price   ORD_UNPR; 0 for market orders
 */
public record PlaceOrder(String symbol, Side side, String ordDvsn, long qty, long price, Source source) {}
