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

    static String format(long n) {
        return String.format("%010d", n);
    }
}
