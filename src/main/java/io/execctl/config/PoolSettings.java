package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The database connection pool of long-lived commands, and the session of a session lock.
 *
 * <p>Every store call borrows a connection; opening a new PostgreSQL connection per transaction
 * (TLS and authentication included) costs far more than the fill path's few statements, so the
 * daemon reuses a few. Locks that outlive a transaction never come from the pool (a returned
 * connection would carry the lock to its next borrower): they hold a connection of their own whose
 * silence the server ends after {@code lockSessionTimeout}.
 *
 * @param maxSize            most connections open at once
 * @param connectionTimeout  how long a borrower waits for a free connection before failing
 * @param maxLifetime        a connection is replaced after this long (before a firewall or the
 *                           server cuts it)
 * @param lockSessionTimeout {@code idle_session_timeout} of a session lock's connection: how long
 *                           a frozen holder keeps the lock
 */
public record PoolSettings(int maxSize, Duration connectionTimeout, Duration maxLifetime, Duration lockSessionTimeout) {
    public PoolSettings {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1, was " + maxSize);
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(lockSessionTimeout, "lockSessionTimeout");
    }

    /** 8 connections, 5 s to borrow one, replaced after 30 min; session locks freed 10 s after a freeze. */
    public static PoolSettings defaults() {
        return new PoolSettings(8, Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofSeconds(10));
    }

    static PoolSettings parse(ConfigSources src) {
        PoolSettings d = defaults();
        return new PoolSettings(
                src.value(Setting.DB_POOL_SIZE)
                        .map(v -> (int) Parse.integer(Setting.DB_POOL_SIZE, v, 1, 100))
                        .orElse(d.maxSize()),
                src.value(Setting.DB_POOL_TIMEOUT_MS)
                        .map(v -> Parse.millis(Setting.DB_POOL_TIMEOUT_MS, v, 250, 600_000))
                        .orElse(d.connectionTimeout()),
                src.value(Setting.DB_POOL_MAX_LIFETIME_S)
                        .map(v -> Parse.seconds(Setting.DB_POOL_MAX_LIFETIME_S, v, 30, 86_400))
                        .orElse(d.maxLifetime()),
                src.value(Setting.DB_LOCK_SESSION_TIMEOUT_S)
                        .map(v -> Parse.seconds(Setting.DB_LOCK_SESSION_TIMEOUT_S, v, 2, 3_600))
                        .orElse(d.lockSessionTimeout()));
    }
}
