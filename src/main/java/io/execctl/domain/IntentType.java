package io.execctl.domain;

import java.util.Optional;

/** What a strategy asks for. An entry buys; both exits sell (design document, 주문 매핑 규칙). */
public enum IntentType {
    ENTRY(Side.BUY),
    EXIT_PARTIAL(Side.SELL),
    EXIT_FULL(Side.SELL);

    private final Side side;

    IntentType(Side side) {
        this.side = side;
    }

    public Side side() {
        return side;
    }

    /** Parses the stored spelling; empty when unknown. */
    public static Optional<IntentType> parse(String s) {
        return Checks.parseEnum(IntentType.class, s);
    }
}
