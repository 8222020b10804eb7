package io.execctl.store;

import io.execctl.domain.OrderKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Serializes all work on one order across threads and processes: each transaction first takes
 * {@code pg_advisory_xact_lock} on a 64-bit hash of the order's identity ({@link OrderKey}: account,
 * trading date, ODNO; released at commit or rollback),
 * so a WS fill, a REST sync and a second daemon touching the same order run one after another,
 * while different orders proceed in parallel. Work on an order must go through here; plain row
 * locks would not cover an order row that does not exist yet.
 *
 * <p>Stores created with {@code X.of(jdbi)} and called on the same thread inside the work join the
 * transaction too (Jdbi reuses the thread's open handle), but the {@link StoreTx} accessors say so
 * explicitly.
 */
public final class OrderTx {
    private final Jdbi jdbi;
    private final Duration lockTimeout;

    /** Waits for the lock as long as it takes. */
    public OrderTx(Jdbi jdbi) {
        this(jdbi, Duration.ZERO);
    }

    /**
     * @param lockTimeout how long to wait for the order's lock before failing with a database error
     *                    ({@code lock_not_available}); zero waits forever
     */
    public OrderTx(Jdbi jdbi, Duration lockTimeout) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative");
        }
    }

    /** The advisory lock key of an order: a hash of its full identity, so accounts never share locks. */
    public static long lockKey(OrderKey key) {
        return AdvisoryLocks.key("order", Objects.requireNonNull(key, "key").lockName());
    }

    /** Runs {@code work} in one transaction holding the order's lock; commits if it returns normally. */
    public <T> T inOrderTransaction(OrderKey key, Function<StoreTx, T> work) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(work, "work");
        return jdbi.inTransaction(h -> {
            if (!lockTimeout.isZero()) {
                h.execute("SELECT set_config('lock_timeout', ?, true)", lockTimeout.toMillis() + "ms");
            }
            h.createQuery("SELECT pg_advisory_xact_lock(:k)")
                    .bind("k", lockKey(key))
                    .mapTo(String.class)
                    .one();
            if (!lockTimeout.isZero()) {
                h.execute("SELECT set_config('lock_timeout', '0', true)");
            }
            return work.apply(new StoreTx(h));
        });
    }

    /**
     * Runs {@code work} in one transaction holding the locks of all {@code keys}, taken in ascending
     * lock-key order in one statement (so two such transactions can never deadlock).
     */
    public <T> T inOrdersTransaction(Collection<OrderKey> keys, Function<StoreTx, T> work) {
        Objects.requireNonNull(work, "work");
        List<Long> locks = sortedLockKeys(keys);
        return jdbi.inTransaction(h -> {
            if (!lockTimeout.isZero()) {
                h.execute("SELECT set_config('lock_timeout', ?, true)", lockTimeout.toMillis() + "ms");
            }
            lockAll(h, locks);
            if (!lockTimeout.isZero()) {
                h.execute("SELECT set_config('lock_timeout', '0', true)");
            }
            return work.apply(new StoreTx(h));
        });
    }

    /** The distinct lock keys of {@code keys}, ascending: the order every multi-order transaction takes them in. */
    public static List<Long> sortedLockKeys(Collection<OrderKey> keys) {
        return keys.stream().map(OrderTx::lockKey).distinct().sorted().toList();
    }

    /**
     * {@link #inOrdersTransaction} for work whose FIRST statement takes the locks of all {@code keys}
     * itself ({@link #sortedLockKeys}, pipelined with its reads: one round trip less). With a lock
     * timeout the locks are taken here first as usual (the work re-enters them).
     */
    <T> T inOrdersTransactionLockedByWork(Collection<OrderKey> keys, Function<StoreTx, T> work) {
        if (!lockTimeout.isZero()) {
            return inOrdersTransaction(keys, work);
        }
        Objects.requireNonNull(work, "work");
        return jdbi.inTransaction(h -> work.apply(new StoreTx(h)));
    }

    /**
     * Takes the advisory locks {@code sortedKeys} in the list's order with one statement: a function
     * scan over {@code unnest} yields the array's elements in order, and the locks are re-entrant.
     */
    public static void lockAll(Handle h, List<Long> sortedKeys) {
        h.createQuery("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(:ks) AS t(k)")
                .bindArray("ks", Long.class, sortedKeys)
                .mapTo(Long.class)
                .one();
    }

    public void useOrderTransaction(OrderKey key, Consumer<StoreTx> work) {
        inOrderTransaction(key, tx -> {
            work.accept(tx);
            return null;
        });
    }
}
