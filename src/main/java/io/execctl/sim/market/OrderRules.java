package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.util.Optional;

/**
 * The exchange's and the broker's order rules that need no account state: which ORD_DVSN codes the
 * environment takes, price rules (market-type orders carry 0; limits a grid price inside the day's
 * ±30 % band), the price an order is effectively limited to, and how much buying power it holds.
 */
final class OrderRules {
    private final MarketConfig config;

    OrderRules(MarketConfig config) {
        this.config = config;
    }

    /** The order kind of {@code ordDvsn} if this environment accepts it (paper: 00–04 only). */
    Optional<OrderKind> kind(String ordDvsn) {
        Optional<OrderKind> k = OrderKind.of(ordDvsn);
        if (k.isPresent() && config.paper() && !k.get().paperAllowed()) {
            return Optional.empty();
        }
        return k;
    }

    /** What is wrong with ORD_UNPR for this kind, if anything. */
    static Optional<KisMessages> checkPrice(OrderKind kind, long price, PricePath path) {
        if (!kind.limitPrice()) {
            return price == 0 ? Optional.empty() : Optional.of(KisMessages.MARKET_PRICE_NOT_ZERO);
        }
        if (price <= 0) {
            return Optional.of(KisMessages.PRICE_BAND);
        }
        if (!PriceGrid.onGrid(price)) {
            return Optional.of(KisMessages.TICK_ERROR);
        }
        if (!path.inBand(price)) {
            return Optional.of(KisMessages.PRICE_BAND);
        }
        return Optional.empty();
    }

    /** The price an order executes at or better (0 for market-type orders, which take any price). */
    static long effectiveLimit(OrderKind kind, Side side, long price, PricePath path) {
        return switch (kind) {
            case LIMIT, CONDITIONAL_LIMIT, IOC_LIMIT, FOK_LIMIT -> price;
            case BEST_LIMIT -> path.price();
            case PRIORITY_LIMIT ->
                side == Side.BUY
                        ? Math.max(path.lower(), PriceGrid.down(path.price()))
                        : Math.min(path.upper(), PriceGrid.up(path.price()));
            default -> 0;
        };
    }

    /** Buying power is held at the limit, or at the upper limit price for market-type orders (as KIS does). */
    static long reservePrice(OrderKind kind, long limit, PricePath path) {
        return kind.marketType() ? path.upper() : limit;
    }

    /** qty × price + its commission; saturates instead of overflowing (an absurd order is simply unaffordable). */
    long reserve(long qty, long price) {
        try {
            long amount = Math.multiplyExact(qty, price);
            return Math.addExact(amount, config.fees().commission(amount));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** What a resting buy order holds back of the cash. */
    long heldBack(SimOrder o, PricePath path) {
        return reserve(o.remaining(), reservePrice(o.kind, o.limitPrice, path));
    }
}
