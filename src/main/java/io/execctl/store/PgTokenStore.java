package io.execctl.store;

import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.TokenStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The shared KIS credential cache in {@code trade.kis_tokens}: one row per environment, app-key
 * fingerprint and kind, read by the daemon and every cron command, so that KIS is asked for a token
 * at most once a minute however many processes run.
 *
 * <p>{@link #withIssueLock} holds {@code pg_advisory_xact_lock} in a transaction on a handle of its
 * own for as long as the work runs; every cache read and write goes through a fresh autocommit
 * connection and commits at once, so the next lock holder sees the token just stored and a failed
 * issuance still leaves its attempt time behind. The lock's transaction stays open (idle) during the
 * work, i.e. during the HTTP call to KIS: a server-side {@code idle_in_transaction_session_timeout},
 * if set, must exceed that call's timeout. Because the lock is transaction-scoped, a pool can never
 * hand out a connection that still holds it.
 */
public final class PgTokenStore implements TokenStore {
    private final Jdbi jdbi;

    public PgTokenStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<CachedToken> load(String env, String appKeyFingerprint, CachedToken.Kind kind) {
        return own(h -> h.createQuery("""
                SELECT value, issued_at, expires_at FROM trade.kis_tokens
                 WHERE env = :env AND app_key_fp = :fp AND kind = :kind AND value IS NOT NULL""")
                .bind("env", env)
                .bind("fp", appKeyFingerprint)
                .bind("kind", kind.name())
                .map((rs, ctx) -> new CachedToken(
                        env,
                        appKeyFingerprint,
                        kind,
                        rs.getString("value"),
                        Db.instant(rs, "issued_at"),
                        Db.instant(rs, "expires_at")))
                .findOne());
    }

    @Override
    public void save(CachedToken token) {
        Objects.requireNonNull(token, "token");
        own(h -> h.createUpdate("""
                INSERT INTO trade.kis_tokens (env, app_key_fp, kind, value, issued_at, expires_at, updated_ts)
                VALUES (:env, :fp, :kind, :value, :issued, :expires, now())
                ON CONFLICT (env, app_key_fp, kind) DO UPDATE SET
                    value = EXCLUDED.value, issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at,
                    updated_ts = now()""")
                .bind("env", token.env())
                .bind("fp", token.appKeyFingerprint())
                .bind("kind", token.kind().name())
                .bind("value", token.value())
                .bind("issued", token.issuedAt())
                .bind("expires", token.expiresAt())
                .execute());
    }

    @Override
    public void invalidate(String env, String appKeyFingerprint, CachedToken.Kind kind, String value) {
        own(h -> h.createUpdate("""
                UPDATE trade.kis_tokens SET value = NULL, issued_at = NULL, expires_at = NULL, updated_ts = now()
                 WHERE env = :env AND app_key_fp = :fp AND kind = :kind AND value = :value""")
                .bind("env", env)
                .bind("fp", appKeyFingerprint)
                .bind("kind", kind.name())
                .bind("value", value)
                .execute());
    }

    @Override
    public <T> T withIssueLock(String env, String appKeyFingerprint, CachedToken.Kind kind, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        String name = env + "/" + appKeyFingerprint + "/" + kind.name();
        try (Handle lockHandle = jdbi.open()) {
            lockHandle.begin();
            try {
                AdvisoryLocks.lockForTransaction(lockHandle, "token-issue", name);
                T result = work.get();
                lockHandle.commit();
                return result;
            } finally {
                if (lockHandle.isInTransaction()) {
                    lockHandle.rollback();
                }
            }
        }
    }

    /**
     * Runs one statement on a fresh autocommit handle, never on a handle the calling thread may
     * have open: a token or issuance attempt must be visible to other processes at once, and must
     * survive whatever happens to the caller's transaction.
     */
    private <R> R own(Function<Handle, R> work) {
        try (Handle h = jdbi.open()) {
            return work.apply(h);
        }
    }

    @Override
    public Optional<Instant> lastIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind) {
        return own(h -> h.createQuery("""
                SELECT last_issue_attempt FROM trade.kis_tokens
                 WHERE env = :env AND app_key_fp = :fp AND kind = :kind AND last_issue_attempt IS NOT NULL""")
                .bind("env", env)
                .bind("fp", appKeyFingerprint)
                .bind("kind", kind.name())
                .mapTo(Instant.class)
                .findOne());
    }

    @Override
    public void recordIssueAttempt(String env, String appKeyFingerprint, CachedToken.Kind kind, Instant at) {
        Objects.requireNonNull(at, "at");
        own(h -> h.createUpdate("""
                INSERT INTO trade.kis_tokens (env, app_key_fp, kind, last_issue_attempt, updated_ts)
                VALUES (:env, :fp, :kind, :at, now())
                ON CONFLICT (env, app_key_fp, kind) DO UPDATE SET
                    last_issue_attempt = GREATEST(kis_tokens.last_issue_attempt, EXCLUDED.last_issue_attempt),
                    updated_ts = now()""")
                .bind("env", env)
                .bind("fp", appKeyFingerprint)
                .bind("kind", kind.name())
                .bind("at", at)
                .execute());
    }
}
