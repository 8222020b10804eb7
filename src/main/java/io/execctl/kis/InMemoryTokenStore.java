package io.execctl.kis;

import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.TokenStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link TokenStore} in memory: one process only (tests, one-off tools). Several
 * {@link TokenManager}s sharing one instance behave like several processes sharing the database table.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> attempts = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private static String key(String env, String fp, CachedToken.Kind kind) {
        return env + "|" + fp + "|" + kind;
    }

    @Override
    public Optional<CachedToken> load(String env, String appKeyFingerprint, CachedToken.Kind kind) {
        return Optional.ofNullable(tokens.get(key(env, appKeyFingerprint, kind)));
    }

    @Override
    public void save(CachedToken token) {
        tokens.put(key(token.env(), token.appKeyFingerprint(), token.kind()), token);
    }

    @Override
    public void invalidate(String env, String appKeyFingerprint, CachedToken.Kind kind, String value) {
        tokens.computeIfPresent(
                key(env, appKeyFingerprint, kind), (k, t) -> t.value().equals(value) ? null : t);
    }

    @Override
    public <T> T withIssueLock(String env, String appKeyFingerprint, CachedToken.Kind kind, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(key(env, appKeyFingerprint, kind), k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Instant> lastIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind) {
        return Optional.ofNullable(attempts.get(key(env, appKeyFingerprint, kind)));
    }

    @Override
    public void recordIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind, Instant at) {
        attempts.merge(key(env, appKeyFingerprint, kind), at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
