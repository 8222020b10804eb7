package io.execctl.kis;

import java.util.Locale;

/**
 * Which generation of KIS transaction ids to send. KIS renamed most trading TR ids in 2025
 * ({@code TTTC0802U} → {@code TTTC0012U}); the old ones are still accepted (at least on paper), so the
 * set is configuration, with {@link #NEW} as the default.
 */
public enum TrIdSet {
    NEW,
    OLD;

    /** Parses {@code new}/{@code old} (any case); empty or null means {@link #NEW}. */
    public static TrIdSet parse(String s) {
        if (s == null || s.isBlank()) {
            return NEW;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "new" -> NEW;
            case "old" -> OLD;
            default -> throw new IllegalArgumentException("tr id set must be 'new' or 'old': '" + s + "'");
        };
    }
}
