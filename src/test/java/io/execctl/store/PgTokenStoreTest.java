package io.execctl.store;

import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.CachedToken.Kind;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PgTokenStoreTest {
    private static final Instant T = Instant.parse("2026-01-13T00:00:00Z");
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
        db.close();
    }

    @Test
    void savesLoadsAndInvalidatesOnlyTheSameValue() {
        PgTokenStore store = new PgTokenStore(jdbi);
        assertThat(store.load("REAL", "fp1", Kind.ACCESS)).isEmpty();
        CachedToken t1 = new CachedToken("REAL", "fp1", Kind.ACCESS, "token-one", T, T.plus(Duration.ofHours(24)));
        store.save(t1);
        store.save(t1);
        assertThat(store.load("REAL", "fp1", Kind.ACCESS)).contains(t1);
        assertThat(store.load("REAL", "fp1", Kind.APPROVAL)).isEmpty();
        assertThat(store.load("PAPER", "fp1", Kind.ACCESS)).isEmpty();

        CachedToken t2 = new CachedToken(
                "REAL", "fp1", Kind.ACCESS, "token-two", T.plusSeconds(60), T.plus(Duration.ofHours(25)));
        store.save(t2);
        store.invalidate("REAL", "fp1", Kind.ACCESS, "token-one");
        assertThat(store.load("REAL", "fp1", Kind.ACCESS)).contains(t2);
        store.invalidate("REAL", "fp1", Kind.ACCESS, "token-two");
        assertThat(store.load("REAL", "fp1", Kind.ACCESS)).isEmpty();
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.kis_tokens WHERE app_key_fp = 'fp1'")
                .mapTo(Long.class)
                .one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void issueAttemptsAreRememberedAndNeverMoveBack() {
        PgTokenStore store = new PgTokenStore(jdbi);
        assertThat(store.lastIssueAttempt("REAL", "fp2", Kind.APPROVAL)).isEmpty();
        store.recordIssueAttempt("REAL", "fp2", Kind.APPROVAL, T.plusSeconds(10));
        store.recordIssueAttempt("REAL", "fp2", Kind.APPROVAL, T);
        assertThat(store.lastIssueAttempt("REAL", "fp2", Kind.APPROVAL)).contains(T.plusSeconds(10));
        assertThat(store.load("REAL", "fp2", Kind.APPROVAL)).isEmpty();
    }

    @Test
    void twoProcessesIssueOnceTheSecondReusesTheFirstsToken() throws Exception {
        PgTokenStore a = new PgTokenStore(jdbi);
        PgTokenStore b = new PgTokenStore(Samples.jdbi(db));
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        AtomicBoolean bEntered = new AtomicBoolean();

        Future<String> first = pool.submit(() -> a.withIssueLock("REAL", "fp3", Kind.ACCESS, () -> {
            aInside.countDown();
            a.recordIssueAttempt("REAL", "fp3", Kind.ACCESS, T);
            Concurrency.await(releaseA);
            issued.incrementAndGet();
            a.save(new CachedToken("REAL", "fp3", Kind.ACCESS, "from-a", T, T.plus(Duration.ofHours(24))));
            return "issued";
        }));
        Concurrency.await(aInside);
        Future<String> second = pool.submit(() -> b.withIssueLock("REAL", "fp3", Kind.ACCESS, () -> {
            bEntered.set(true);
            if (b.load("REAL", "fp3", Kind.ACCESS).isPresent()) {
                return "reused";
            }
            issued.incrementAndGet();
            return "issued";
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> Concurrency.waitingAdvisoryLocks(jdbi) == 1);
        assertThat(bEntered).isFalse();
        // The attempt recorded inside the lock is visible to others at once.
        assertThat(b.lastIssueAttempt("REAL", "fp3", Kind.ACCESS)).contains(T);
        releaseA.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("issued");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("reused");
        assertThat(issued).hasValue(1);
    }

    @Test
    void aFailedIssuanceReleasesTheLockAndKeepsItsAttempt() throws Exception {
        PgTokenStore store = new PgTokenStore(jdbi);
        assertThatThrownBy(() -> store.withIssueLock("PAPER", "fp4", Kind.ACCESS, () -> {
                    store.recordIssueAttempt("PAPER", "fp4", Kind.ACCESS, T);
                    throw new IllegalStateException("EGW00133");
                }))
                .hasMessage("EGW00133");
        assertThat(store.lastIssueAttempt("PAPER", "fp4", Kind.ACCESS)).contains(T);
        Future<String> other =
                pool.submit(() -> new PgTokenStore(jdbi).withIssueLock("PAPER", "fp4", Kind.ACCESS, () -> "free"));
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("free");
    }
}
