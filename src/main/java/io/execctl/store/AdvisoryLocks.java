package io.execctl.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jdbi.v3.core.Handle;

/**
 * Transaction-scoped PostgreSQL advisory locks keyed by a 64-bit hash of a namespaced name, so that
 * processes coordinate through the database they already share. Each namespace ({@code order:},
 * {@code token:}, {@code holdings:}) hashes to its own keys; a hash collision can only make two
 * unrelated pieces of work wait for each other, never run together.
 *
 * <p>Only transaction-scoped locks are taken here: they end with their transaction, so a pooled
 * connection never carries one to its next borrower. A lock that must outlive a transaction (one
 * active daemon per account) is a {@link SessionLock}, on a dedicated heartbeating connection. A
 * session lock and a transaction lock on the same key conflict: give each its own namespace.
 */
public final class AdvisoryLocks {
    private AdvisoryLocks() {}

    /** The first 8 bytes of SHA-256 of {@code namespace + ":" + name}, as a signed long. */
    public static long key(String namespace, String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((namespace + ":" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    /**
     * Blocks until this handle's open transaction holds the lock; released at commit or rollback.
     *
     * @throws IllegalStateException if the handle is not in a transaction (the lock would be
     *                               released at once)
     */
    public static void lockForTransaction(Handle handle, String namespace, String name) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("an advisory transaction lock needs an open transaction");
        }
        handle.createQuery("SELECT pg_advisory_xact_lock(:k)")
                .bind("k", key(namespace, name))
                .mapTo(String.class)
                .one();
    }
}
