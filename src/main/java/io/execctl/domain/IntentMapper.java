package io.execctl.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Intent → order mapping (design document §주문 매핑 규칙, corrected by ERRATA): ENTRY buys,
 * EXIT_PARTIAL/EXIT_FULL sell; MKT → {@code ORD_DVSN 01} at price 0, LMT → {@code 00} at the
 * intent's limit price. An intent that cannot be sent as it is gets a {@link Rejected} with one
 * precise reason and is never sent.
 */
public final class IntentMapper {
    private IntentMapper() {}

    /** The outcome of mapping: a sendable request or a reason. */
    public sealed interface Result permits Mapped, Rejected {}

    /** The intent maps to this request. */
    public record Mapped(OrderRequest request) implements Result {}

    /** The intent is invalid; {@code code} is stable (for metrics), {@code reason} is for people. */
    public record Rejected(String code, String reason) implements Result {}

    /** Six characters, digits and upper-case letters (ETN codes such as {@code Q500001} are 7 and out of scope). */
    public static boolean isValidSymbol(String symbol) {
        return symbol != null && symbol.matches("[0-9A-Z]{6}");
    }

    public static Result map(Intent intent) {
        Optional<IntentType> type = IntentType.parse(intent.intentType());
        if (type.isEmpty()) {
            return new Rejected(
                    "BAD_INTENT_TYPE",
                    "unknown intent_type '" + intent.intentType() + "' (expected ENTRY, EXIT_PARTIAL or EXIT_FULL)");
        }
        Optional<OrderType> orderType = OrderType.parse(intent.orderType());
        if (orderType.isEmpty()) {
            return new Rejected(
                    "BAD_ORDER_TYPE", "unknown order_type '" + intent.orderType() + "' (expected MKT or LMT)");
        }
        if (!isValidSymbol(intent.symbol())) {
            return new Rejected("BAD_SYMBOL", "symbol '" + intent.symbol() + "' is not a 6-character KRX code");
        }
        if (intent.qty() <= 0) {
            return new Rejected("BAD_QTY", "qty must be > 0, was " + intent.qty());
        }
        BigDecimal limit = intent.limitPrice();
        if (orderType.get() == OrderType.MKT) {
            if (limit != null && limit.signum() != 0) {
                return new Rejected(
                        "PRICE_ON_MARKET",
                        "a MKT intent must not carry limit_price (was " + limit.toPlainString() + ")");
            }
            return new Mapped(OrderRequest.market(intent.symbol(), type.get().side(), intent.qty()));
        }
        if (limit == null) {
            return new Rejected("MISSING_PRICE", "a LMT intent needs limit_price");
        }
        if (limit.signum() <= 0) {
            return new Rejected("BAD_PRICE", "limit_price must be > 0, was " + limit.toPlainString());
        }
        if (!KrxTick.isOnGrid(limit)) {
            long whole = limit.signum() > 0 ? KrxTick.wholeWon(limit) : 0;
            return new Rejected(
                    "OFF_TICK",
                    "limit_price " + limit.toPlainString() + " is off the KRX tick grid (tick "
                            + KrxTick.tickSize(Math.max(whole, 1)) + " at that price)");
        }
        return new Mapped(OrderRequest.limit(intent.symbol(), type.get().side(), intent.qty(), limit));
    }
}
