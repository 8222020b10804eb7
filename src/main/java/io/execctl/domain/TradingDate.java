package io.execctl.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The one home of an order's trading date, part of its identity (ODNO restarts every day). KIS
 * gives a date only on inquiry rows ({@code ord_dt}); the order answer and the execution notice
 * carry a time only, so their date is the Korean (Asia/Seoul) date of the injected clock at send or
 * receipt. Never the host's zone, never {@code LocalDate.now()}.
 */
public final class TradingDate {
    private TradingDate() {}

    /** The broker's own date of a row ({@code ord_dt}, {@code yyyyMMdd}): it wins wherever a row carries it. */
    public static LocalDate ofBrokerDate(String ordDt) {
        return KoreaTime.parseDate(ordDt);
    }

    /** The date of an order answer or a notice: the Korean date of the moment it was sent or received. */
    public static LocalDate at(Instant sentOrReceived) {
        return Checks.notNull(sentOrReceived, "instant").atZone(KoreaTime.ZONE).toLocalDate();
    }

    /** {@link #at} of the injected clock's now. */
    public static LocalDate today(Clock clock) {
        return at(Checks.notNull(clock, "clock").instant());
    }
}
