package io.execctl.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * KIS speaks Korea local time without a zone ({@code ORD_TMD}, {@code STCK_CNTG_HOUR} as HHmmss,
 * {@code ord_dt} as yyyyMMdd). Every conversion goes through {@link #ZONE} so that nothing depends
 * on the host's time zone, and trading dates are always Korean dates.
 */
public final class KoreaTime {
    /** Asia/Seoul (KST, UTC+9, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    // STRICT: the default (SMART) resolver reads "240000" as midnight, a silent 24 h shift.
    private static final DateTimeFormatter HHMMSS =
            DateTimeFormatter.ofPattern("HHmmss").withResolverStyle(ResolverStyle.STRICT);

    private KoreaTime() {}

    /** The Korean trading date of an instant: {@link TradingDate#at}, the one definition. */
    public static LocalDate tradingDate(Instant instant) {
        return TradingDate.at(instant);
    }

    /** Parses {@code yyyyMMdd}. */
    public static LocalDate parseDate(String yyyymmdd) {
        try {
            return LocalDate.parse(Checks.notNull(yyyymmdd, "date").trim(), YYYYMMDD);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a yyyyMMdd date: '" + yyyymmdd + "'", e);
        }
    }

    /** Formats as {@code yyyyMMdd}. */
    public static String formatDate(LocalDate date) {
        int y = date.getYear();
        if (y < 1000 || y > 9999) {
            return date.format(YYYYMMDD);
        }
        // what YYYYMMDD prints, without the formatter (every order id on the fill path goes through here)
        int v = y * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        return Integer.toString(v);
    }

    /** Parses {@code HHmmss}. */
    public static LocalTime parseTime(String hhmmss) {
        try {
            return LocalTime.parse(Checks.notNull(hhmmss, "time").trim(), HHMMSS);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an HHmmss time: '" + hhmmss + "'", e);
        }
    }

    /** Formats as {@code HHmmss}. */
    public static String formatTime(LocalTime time) {
        return time.format(HHMMSS);
    }

    /** The instant of a Korean date and HHmmss time. */
    public static Instant toInstant(LocalDate date, String hhmmss) {
        return ZonedDateTime.of(date, parseTime(hhmmss), ZONE).toInstant();
    }

    /** The instant of a Korean {@code yyyyMMdd} date and {@code HHmmss} time. */
    public static Instant toInstant(String yyyymmdd, String hhmmss) {
        return toInstant(parseDate(yyyymmdd), hhmmss);
    }

    /** The Korean wall-clock time of an instant as HHmmss. */
    public static String hhmmss(Instant instant) {
        return formatTime(instant.atZone(ZONE).toLocalTime());
    }
}
