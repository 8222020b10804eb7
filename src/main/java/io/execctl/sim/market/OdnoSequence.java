package io.execctl.sim.market;

import java.time.LocalDate;

/** Order numbers: 10 digits, zero-padded, restarting at 1 every trading day (as KIS appears to). */
final class OdnoSequence {
    private LocalDate date;
    private long last;

    OdnoSequence(LocalDate date) {
        this.date = date;
    }

    /** The next number of {@code tradingDate}; a new date restarts at 0000000001. */
    String next(LocalDate tradingDate) {
        if (!tradingDate.equals(date)) {
            date = tradingDate;
            last = 0;
        }
        last++;
        if (last > 9_999_999_999L) {
            throw new IllegalStateException("order numbers of " + tradingDate + " exhausted");
        }
        return format(last);
    }

    /** {@code n} zero-padded to 10 digits (n &gt;= 0); hand-rolled because String.format is slow on the hot path. */
    static String format(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 10 ? digits : ZEROS.substring(digits.length()) + digits;
    }

    private static final String ZEROS = "0000000000";
}
