package io.execctl.sim.market;

import java.util.Optional;

/**
 * How the simulator treats each ORD_DVSN code (REFERENCE.md §3.2). Market-type orders carry
 * {@code ORD_UNPR "0"}; limit-type orders a grid price.
 */
enum OrderKind {
    /** 00 지정가: rests; executes when the price reaches the limit. */
    LIMIT("00", true, true),
    /** 01 시장가: executes at once, in full. */
    MARKET("01", false, true),
    /** 02 조건부지정가: a limit order whose remainder turns into a market order at the close. */
    CONDITIONAL_LIMIT("02", true, true),
    /** 03 최유리지정가: a limit at the current (best opposite) price, executes as far as volume allows, rest rests. */
    BEST_LIMIT("03", false, true),
    /** 04 최우선지정가: a limit at the own side's best price (one tick behind the current price), rests. */
    PRIORITY_LIMIT("04", false, true),
    /** 11 IOC지정가: executes what it can at once, the rest is cancelled. */
    IOC_LIMIT("11", true, false),
    /** 12 FOK지정가: executes in full at once or is cancelled. */
    FOK_LIMIT("12", true, false),
    /** 13 IOC시장가. */
    IOC_MARKET("13", false, false),
    /** 14 FOK시장가. */
    FOK_MARKET("14", false, false),
    /** 15 IOC최유리. */
    IOC_BEST("15", false, false),
    /** 16 FOK최유리. */
    FOK_BEST("16", false, false);

    private final String code;
    private final boolean limitPrice;
    private final boolean paperAllowed;

    OrderKind(String code, boolean limitPrice, boolean paperAllowed) {
        this.code = code;
        this.limitPrice = limitPrice;
        this.paperAllowed = paperAllowed;
    }

    String code() {
        return code;
    }

    /** True when ORD_UNPR carries the limit; false when it must be "0". */
    boolean limitPrice() {
        return limitPrice;
    }

    boolean paperAllowed() {
        return paperAllowed;
    }

    /** Executes at once and in full, whatever the step volume (market orders take the book). */
    boolean marketType() {
        return this == MARKET || this == IOC_MARKET || this == FOK_MARKET || this == IOC_BEST || this == FOK_BEST;
    }

    boolean immediateOrCancel() {
        return this == IOC_LIMIT || this == FOK_LIMIT;
    }

    static Optional<OrderKind> of(String ordDvsn) {
        for (OrderKind k : values()) {
            if (k.code.equals(ordDvsn)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
