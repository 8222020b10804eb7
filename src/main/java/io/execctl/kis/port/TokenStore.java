package io.execctl.kis.port;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client's port to the shared token cache: one row per environment + app key + kind, shared by
 * the daemon and every cron command so that KIS issues a token at most once a minute however many
 * processes run. Implemented over PostgreSQL in {@code store}; in memory for unit tests.
 */
public interface TokenStore {

    Optional<CachedToken> load(String env, String appKeyFingerprint, CachedToken.Kind kind);

    /** Inserts or replaces the cached value for its (env, fingerprint, kind). */
    void save(CachedToken token);

    /** Forgets the cached value, but only if it still is {@code value} (another process may have replaced it). */
    void invalidate(String env, String appKeyFingerprint, CachedToken.Kind kind, String value);

    /**
     * Runs {@code work} while holding the cross-process issuance lock for (env, fingerprint, kind):
     * at most one process talks to the issuing endpoint at a time. Inside, the caller re-reads the
     * cache (another process may just have stored a token) and checks {@link #lastIssueAttempt}.
     */
    <T> T withIssueLock(String env, String appKeyFingerprint, CachedToken.Kind kind, Supplier<T> work);

    /** When any process last asked KIS to issue this kind of credential (successful or not). */
    Optional<Instant> lastIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind);

    /** Records an issuance attempt now (call inside {@link #withIssueLock}, before the HTTP call). */
    void recordIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind, Instant at);
}
