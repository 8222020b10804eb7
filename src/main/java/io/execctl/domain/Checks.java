package io.execctl.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** Small argument checks shared by the validating constructors of this package. */
final class Checks {
    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String name) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value.toPlainString());
        }
        return value;
    }
    /**
     * One representation per amount: trailing zeros stripped, never a negative scale ({@code 72000.00},
     * {@code 72000} and {@code 7.2E+4} all become {@code 72000}). Records whose {@code equals} matters
     * (set membership, "read back equal", dedupe) normalise their amounts with this, because
     * {@link BigDecimal#equals} compares the scale too. Null stays null.
     */
    static BigDecimal normalized(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** Parses an enum constant by its exact name (surrounding blanks ignored); empty when unknown or null. */
    static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String s) {
        if (s == null) {
            return Optional.empty();
        }
        String name = s.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
