package io.execctl.kis.ws;

/**
 * The two record layouts KIS is known to send (REFERENCE.md §9.3). Fields 0–17 agree; the tail
 * differs, so only the last field ({@code ODER_PRC}) is read from it.
 */
public enum NoticeLayout {
    /** The current official layout (26 fields). */
    FIELDS_26(26),
    /** The older layout, measured on paper in 2026 (23 fields). */
    FIELDS_23(23);

    private final int fieldCount;

    NoticeLayout(int fieldCount) {
        this.fieldCount = fieldCount;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The layout with this many fields per record, or {@code null} if none. */
    public static NoticeLayout ofFieldCount(int n) {
        if (n == 26) {
            return FIELDS_26;
        }
        if (n == 23) {
            return FIELDS_23;
        }
        return null;
    }
}
