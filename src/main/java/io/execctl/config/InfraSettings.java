package io.execctl.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where state shared by several execctl processes lives, and how much the audit may buffer.
 *
 * @param rateStateDir a directory every host shares for a file-based rate budget; empty = the
 *                     database (the default). Never a per-host temporary directory: the budget is
 *                     KIS's per app key, whatever host the process runs on.
 * @param auditQueue   raw broker messages that may wait for the audit writer
 */
public record InfraSettings(Optional<Path> rateStateDir, int auditQueue) {
    public static final int DEFAULT_AUDIT_QUEUE = 10_000;

    public InfraSettings {
        Objects.requireNonNull(rateStateDir, "rateStateDir");
        if (auditQueue < 1) {
            throw new IllegalArgumentException("auditQueue must be positive");
        }
    }

    static InfraSettings parse(ConfigSources src) {
        Optional<Path> dir = src.value(Setting.KIS_RATE_STATE_DIR).map(v -> {
            try {
                Path p = Path.of(v);
                if (!p.isAbsolute()) {
                    throw new ConfigException(Setting.KIS_RATE_STATE_DIR, "must be an absolute path");
                }
                return p.normalize();
            } catch (InvalidPathException e) {
                throw new ConfigException(Setting.KIS_RATE_STATE_DIR, "is not a valid path");
            }
        });
        int queue = src.value(Setting.AUDIT_QUEUE)
                .map(v -> (int) Parse.integer(Setting.AUDIT_QUEUE, v, 100, 10_000_000))
                .orElse(DEFAULT_AUDIT_QUEUE);
        return new InfraSettings(dir, queue);
    }
}
