package io.execctl.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of one process start, the owner of its journal claims and notice-coverage spans.
 * Random per start — never {@code host:pid}, which a restart or a container reuses — so a restarted
 * process never inherits (and never sends on) its predecessor's claims: it has to take them over
 * like any stranger, after their deadline.
 */
public record Incarnation(String id) {
    public Incarnation {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("incarnation id must be 1-64 characters");
        }
    }

    /** A new random incarnation; call once per process start. */
    public static Incarnation start() {
        return new Incarnation("inc-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return id;
    }
}
