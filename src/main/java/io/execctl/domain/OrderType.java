package io.execctl.domain;

import java.util.Optional;

/**
 * Market or limit. KIS {@code ORD_DVSN}: {@code 00} = 지정가 (limit), {@code 01} = 시장가 (market),
 * the reverse of what the design document says (see ERRATA).
 */
public enum OrderType {
    MKT("01"),
    LMT("00");

    private final String ordDvsn;

    OrderType(String ordDvsn) {
        this.ordDvsn = ordDvsn;
    }

    /** The KIS {@code ORD_DVSN} code. */
    public String ordDvsn() {
        return ordDvsn;
    }

    /** Parses the intent-side spelling ({@code MKT}/{@code LMT}); empty when unknown. */
    public static Optional<OrderType> parse(String s) {
        return Checks.parseEnum(OrderType.class, s);
    }

    /** Maps a KIS {@code ORD_DVSN}; other order kinds (conditional, best-price ...) are empty. */
    public static Optional<OrderType> fromOrdDvsn(String code) {
        for (OrderType t : values()) {
            if (t.ordDvsn.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
