package io.execctl.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which generation of KIS TR ids to send. KIS renamed its order and inquiry TR ids in 2025 ("new",
 * e.g. {@code TTTC0012U}); the old ones ({@code TTTC0802U}) are still accepted, at least on paper, so
 * the choice stays a setting in case KIS retires one of them.
 */
public enum TrIdSet {
    NEW,
    OLD;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TrIdSet> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "new" -> Optional.of(NEW);
            case "old" -> Optional.of(OLD);
            default -> Optional.empty();
        };
    }
}
