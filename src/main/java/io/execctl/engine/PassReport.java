package io.execctl.engine;

import java.util.Objects;

/**
 * What one {@link EnginePass} did.
 *
 * @param pass       stable lower-case name ({@code submit}, {@code sync-fills}, ...), used as a metric label
 * @param complete   false when the pass saw only part of the broker's picture (a page cap, an error
 *                   page, an unresolved item): nothing was judged from it and the caller must not
 *                   treat the state as settled (bootstrap exit code 4)
 * @param changed    rows the pass changed (0 on a quiet second run)
 * @param unresolved items it had to leave (UNKNOWN submissions, open cancel targets, ...)
 * @param summary    one line for a log or a progress display; no secrets
 */
public record PassReport(String pass, boolean complete, int changed, int unresolved, String summary) {
    public PassReport {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(summary, "summary");
        if (changed < 0 || unresolved < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    public static PassReport complete(String pass, int changed, String summary) {
        return new PassReport(pass, true, changed, 0, summary);
    }
}
