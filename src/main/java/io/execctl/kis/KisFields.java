package io.execctl.kis;

import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads KIS's string-typed fields: numbers arrive as strings ({@code "5"}, {@code "248750.0000"},
 * sometimes blank for zero), dates as {@code yyyyMMdd}. <b>A field that is absent (or JSON null) is an
 * error, never 0 or ""</b>: a reader that defaulted an absent field would silently read a misspelt
 * name ({@code cnc_cfrm_qty} for the wire's {@code cncl_cfrm_qty}) as "nothing cancelled" (REFERENCE
 * §14.2). A value that is absent or present but unreadable is a {@link MalformedFieldException} naming
 * the field (never the value, which may be sensitive). Only {@link #text} reads leniently, for fields
 * that are not part of a typed row.
 *
 * <p>Inquiry pages carry hundreds of these fields, so the common shapes (plain digits, {@code 123.4500},
 * eight-digit dates) are read directly; anything else takes the general path ({@link BigDecimal},
 * {@link KoreaTime#parseDate}) with exactly the same result.
 */
public final class KisFields {
    private KisFields() {}

    /** Thrown when a KIS field cannot be read; the whole page is then reported incomplete. */
    public static final class MalformedFieldException extends RuntimeException {
        public MalformedFieldException(String field, String what) {
            super("field " + field + ": " + what);
        }
    }

    /** The trimmed text of a field, "" when absent: only for fields a typed row does not rely on. */
    public static String text(KisRow node, String field) {
        return node.text(field);
    }

    /** A field that must be on the row; its trimmed text may be blank. */
    public static String present(KisRow node, String field) {
        String v = node.value(field);
        if (v == null) {
            throw new MalformedFieldException(field, "missing");
        }
        return v.strip();
    }

    /** A required, non-blank text field. */
    public static String required(KisRow node, String field) {
        String v = text(node, field);
        if (v.isEmpty()) {
            throw new MalformedFieldException(field, "missing");
        }
        return v;
    }

    /** A decimal that must be on the row; blank means zero (KIS leaves some amounts blank). */
    public static BigDecimal decimal(KisRow node, String field) {
        String v = present(node, field);
        if (v.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal plain = plainDecimal(v);
        if (plain != null) {
            return plain;
        }
        v = v.replace(",", "");
        if (v.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new MalformedFieldException(field, "not a number");
        }
    }

    /** A whole quantity ({@code "5"} or {@code "5.0000"}) that must be on the row; blank means zero. */
    public static long qty(KisRow node, String field) {
        String v = present(node, field);
        long plain = plainLong(v);
        if (plain != NOT_PLAIN) {
            return plain;
        }
        BigDecimal d = decimal(node, field);
        try {
            return d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new MalformedFieldException(field, "not a whole quantity");
        }
    }

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * {@code -?[0-9]{1,18}} as a long (what {@code new BigDecimal(v).longValueExact()} gives), else
     * {@link #NOT_PLAIN}.
     */
    static long plainLong(String v) {
        int n = v.length();
        int i = n > 0 && v.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 18) {
            return NOT_PLAIN;
        }
        long r = 0;
        for (; i < n; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return NOT_PLAIN;
            }
            r = r * 10 + d;
        }
        return v.charAt(0) == '-' ? -r : r;
    }

    /**
     * {@code -?[0-9]+(\.[0-9]+)?} with at most 18 digits as the BigDecimal {@code new BigDecimal(v)}
     * would give (same unscaled value and scale), else null.
     */
    static BigDecimal plainDecimal(String v) {
        int n = v.length();
        int i = n > 0 && v.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 19) {
            return null;
        }
        long unscaled = 0;
        int digits = 0;
        int dot = -1;
        for (; i < n; i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (dot >= 0 || digits == 0 || i == n - 1) {
                    return null;
                }
                dot = i;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            unscaled = unscaled * 10 + d;
            digits++;
        }
        if (digits > 18) {
            return null;
        }
        int scale = dot < 0 ? 0 : n - 1 - dot;
        return BigDecimal.valueOf(v.charAt(0) == '-' ? -unscaled : unscaled, scale);
    }

    public static LocalDate date(KisRow node, String field) {
        String v = required(node, field);
        if (v.length() == 8) {
            int y = digits(v, 0, 4);
            int m = digits(v, 4, 6);
            int d = digits(v, 6, 8);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d); // what BASIC_ISO_DATE (strict) gives for eight digits
                } catch (DateTimeException e) {
                    throw new MalformedFieldException(field, "not a yyyyMMdd date");
                }
            }
        }
        try {
            return KoreaTime.parseDate(v);
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException(field, "not a yyyyMMdd date");
        }
    }

    /** The ASCII digits v[from, to) as a number, -1 if any is not a digit. */
    private static int digits(String v, int from, int to) {
        int r = 0;
        for (int i = from; i < to; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            r = r * 10 + d;
        }
        return r;
    }

    public static Side side(KisRow node, String field) {
        try {
            return Side.fromKisCode(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException(field, "not a side code 01/02");
        }
    }

    /** {@code Y} → true; anything else → false; absent is an error. */
    public static boolean yes(KisRow node, String field) {
        return "Y".equalsIgnoreCase(present(node, field));
    }
}
