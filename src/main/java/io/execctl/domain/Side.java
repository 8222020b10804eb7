package io.execctl.domain;

/**
 * Buy or sell. KIS encodes the side as {@code sll_buy_dvsn_cd} / {@code SELN_BYOV_CLS}:
 * {@code 01} = sell, {@code 02} = buy.
 */
public enum Side {
    BUY("02"),
    SELL("01");

    private final String kisCode;

    Side(String kisCode) {
        this.kisCode = kisCode;
    }

    /** The KIS code ({@code 01} sell, {@code 02} buy). */
    public String kisCode() {
        return kisCode;
    }

    /** Parses a KIS side code; throws {@link IllegalArgumentException} naming the bad value. */
    public static Side fromKisCode(String code) {
        if ("01".equals(code)) {
            return SELL;
        }
        if ("02".equals(code)) {
            return BUY;
        }
        throw new IllegalArgumentException("unknown KIS side code: '" + code + "'");
    }
}
