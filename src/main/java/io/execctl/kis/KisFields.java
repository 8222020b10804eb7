package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Reads KIS's string-typed fields: numbers arrive as strings ({@code "5"}, {@code "248750.0000"},
 * sometimes blank for zero), dates as {@code yyyyMMdd}. A value that is present but unreadable is a
 * {@link MalformedFieldException} naming the field (never the value, which may be sensitive).
 */
public final class KisFields {
    private KisFields() {
    }

    /** Thrown when a KIS field cannot be read; the whole page is then reported incomplete. */
    public static final class MalformedFieldException extends RuntimeException {
        public MalformedFieldException(String field, String what) {
            super("field " + field + ": " + what);
        }
    }

    public static String text(JsonNode node, String field) {
        return ResponseClassifier.text(node, field);
    }

    /** A required text field. */
    public static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v.isEmpty()) {
            throw new MalformedFieldException(field, "missing");
        }
        return v;
    }

    /** A decimal; blank means zero (KIS leaves some amounts blank). */
    public static BigDecimal decimal(JsonNode node, String field) {
        String v = text(node, field).replace(",", "");
        if (v.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new MalformedFieldException(field, "not a number");
        }
    }

    /** A whole quantity ({@code "5"} or {@code "5.0000"}); blank means zero. */
    public static long qty(JsonNode node, String field) {
        BigDecimal d = decimal(node, field);
        try {
            return d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new MalformedFieldException(field, "not a whole quantity");
        }
    }

    public static LocalDate date(JsonNode node, String field) {
        try {
            return KoreaTime.parseDate(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException(field, "not a yyyyMMdd date");
        }
    }

    public static Side side(JsonNode node, String field) {
        try {
            return Side.fromKisCode(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException(field, "not a side code 01/02");
        }
    }

    /** {@code Y} → true; anything else → false. */
    public static boolean yes(JsonNode node, String field) {
        return "Y".equalsIgnoreCase(text(node, field));
    }
}
