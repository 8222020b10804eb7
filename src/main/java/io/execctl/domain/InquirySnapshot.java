package io.execctl.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one account inquiry showed, and how far it can be trusted. Completeness is decided by the
 * client that read it (every page read, totals not contradicting an empty list); this record only
 * carries the verdict.
 *
 * @param tradingDate the trading date the inquiry was made for (open orders: the date they were read)
 * @param symbol      the symbol filter, or null if all symbols were asked for
 * @param side        the side filter, or null if both sides were asked for
 * @param takenAt     when the inquiry's first request was sent, on the journal's clock: an order the
 *                    broker had accepted {@code historyLag} before this instant must be listed
 * @param complete    every page was read and nothing says rows are missing
 */
public record InquirySnapshot(
        Kind kind,
        LocalDate tradingDate,
        String symbol,
        Side side,
        Instant takenAt,
        boolean complete,
        List<InquiryLine> lines) {

    /** Which inquiry it was. */
    public enum Kind {
        /** {@code inquire-daily-ccld}: every order of the date, with history lag. */
        DAILY_CCLD,
        /** {@code inquire-psbl-rvsecncl}: the working orders now (real accounts only). */
        OPEN_ORDERS
    }

    public InquirySnapshot {
        Checks.notNull(kind, "kind");
        Checks.notNull(tradingDate, "tradingDate");
        if (symbol != null && symbol.isBlank()) {
            symbol = null;
        }
        Checks.notNull(takenAt, "takenAt");
        lines = List.copyOf(Checks.notNull(lines, "lines"));
    }

    /** True if the inquiry's filters admit orders of this date, symbol and side. */
    boolean admits(LocalDate date, String sym, Side s) {
        return tradingDate.equals(date) && (symbol == null || symbol.equals(sym)) && (side == null || side == s);
    }
}
