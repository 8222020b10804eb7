package io.execctl.store;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** Helpers for the lock tests: waiting on latches and seeing who waits for an advisory lock. */
final class Concurrency {
    private Concurrency() {}

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Advisory locks in this database that some session is waiting for. */
    static long waitingAdvisoryLocks(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                 WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()""").mapTo(Long.class).one());
    }
}
