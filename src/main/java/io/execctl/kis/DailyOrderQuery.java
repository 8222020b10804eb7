package io.execctl.kis;

import io.execctl.domain.Side;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Filters of {@code inquire-daily-ccld}.
 *
 * @param from   {@code INQR_STRT_DT} (Korean date)
 * @param to     {@code INQR_END_DT}
 * @param side   {@code SLL_BUY_DVSN_CD}; null = both ({@code 00})
 * @param fill   {@code CCLD_DVSN}
 * @param symbol {@code PDNO}; empty = all
 * @param odno   {@code ODNO}; empty = all
 */
public record DailyOrderQuery(LocalDate from, LocalDate to, Side side, FillFilter fill, String symbol, String odno) {

    /** {@code CCLD_DVSN}: {@code 00} all, {@code 01} filled, {@code 02} unfilled. */
    public enum FillFilter {
        ALL("00"),
        FILLED("01"),
        UNFILLED("02");

        private final String code;

        FillFilter(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public DailyOrderQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the end date is before the start date");
        }
        fill = fill == null ? FillFilter.ALL : fill;
        symbol = symbol == null ? "" : symbol.trim();
        odno = odno == null ? "" : odno.trim();
    }

    /** Every order of the range. */
    public static DailyOrderQuery range(LocalDate from, LocalDate to) {
        return new DailyOrderQuery(from, to, null, FillFilter.ALL, "", "");
    }

    /**
     * One trading date, one symbol, one side: the narrow query that looks for an order sent on that
     * date (the evidence an order does not exist is scoped to the trading date of the send).
     */
    public static DailyOrderQuery narrow(LocalDate tradingDate, String symbol, Side side) {
        Objects.requireNonNull(side, "side");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("a narrow query names its symbol");
        }
        return new DailyOrderQuery(tradingDate, tradingDate, side, FillFilter.ALL, symbol, "");
    }

    /** The same query for one side only (null = both). */
    public DailyOrderQuery withSide(Side s) {
        return new DailyOrderQuery(from, to, s, fill, symbol, odno);
    }

    /** The same query for one symbol only (empty = all). */
    public DailyOrderQuery withSymbol(String pdno) {
        return new DailyOrderQuery(from, to, side, fill, pdno, odno);
    }

    /** The same query for one order number only ({@code ODNO}; empty = all). */
    public DailyOrderQuery withOdno(String orderNo) {
        return new DailyOrderQuery(from, to, side, fill, symbol, orderNo);
    }

    public DailyOrderQuery withFill(FillFilter f) {
        return new DailyOrderQuery(from, to, side, f, symbol, odno);
    }

    public DailyOrderQuery withRange(LocalDate f, LocalDate t) {
        return new DailyOrderQuery(f, t, side, fill, symbol, odno);
    }
}
