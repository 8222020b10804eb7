package io.execctl.kis.port;

import io.execctl.kis.port.CachedToken.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TokenStore} must do, run against each implementation (in memory in {@code kis},
 * PostgreSQL in {@code store}): unit tests of the client trust the in-memory store to behave like the
 * table that production processes share, and this proves it. Each test uses its own app-key
 * fingerprint, so the cases never see each other's rows. Instants are whole microseconds (what
 * PostgreSQL keeps).
 */
public abstract class TokenStoreContract {
    protected static final Instant T = Instant.parse("2026-01-13T00:00:00.123456Z");

    protected String fp;
    private ExecutorService pool;

    /** The store as one process sees it. */
    protected abstract TokenStore store();

    /** The same cache as a second process sees it (its own connections, same rows and locks). */
    protected abstract TokenStore anotherProcess();

    /** Returns once {@code caller} is blocked waiting for an issuance lock someone else holds. */
    protected abstract void awaitBlockedOnIssueLock(Thread caller);

    @BeforeEach
    void freshKey() {
        fp = "fp-" + UUID.randomUUID().toString().substring(0, 12);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private CachedToken token(String env, Kind kind, String value, Instant issued) {
        return new CachedToken(env, fp, kind, value, issued, issued.plus(Duration.ofHours(24)));
    }

    @Test
    void nothingIsCachedAtFirst() {
        for (Kind kind : Kind.values()) {
            assertThat(store().load("REAL", fp, kind)).isEmpty();
            assertThat(store().lastIssueAttempt("REAL", fp, kind)).isEmpty();
        }
    }

    @Test
    void aSavedTokenLoadsBackEqualAndOtherProcessesSeeIt() {
        CachedToken t = token("REAL", Kind.ACCESS, "token-one", T);
        store().save(t);
        store().save(t);
        assertThat(store().load("REAL", fp, Kind.ACCESS)).contains(t);
        assertThat(anotherProcess().load("REAL", fp, Kind.ACCESS)).contains(t);
    }

    @Test
    void environmentFingerprintAndKindAreSeparateKeys() {
        store().save(token("REAL", Kind.ACCESS, "real-access", T));
        assertThat(store().load("REAL", fp, Kind.APPROVAL)).isEmpty();
        assertThat(store().load("PAPER", fp, Kind.ACCESS)).isEmpty();
        assertThat(store().load("REAL", fp + "x", Kind.ACCESS)).isEmpty();
        store().save(token("REAL", Kind.APPROVAL, "real-approval", T));
        assertThat(store().load("REAL", fp, Kind.ACCESS).orElseThrow().value()).isEqualTo("real-access");
        assertThat(store().load("REAL", fp, Kind.APPROVAL).orElseThrow().value())
                .isEqualTo("real-approval");
    }

    @Test
    void saveReplacesTheValueOfItsKey() {
        store().save(token("REAL", Kind.ACCESS, "token-one", T));
        CachedToken newer = token("REAL", Kind.ACCESS, "token-two", T.plusSeconds(60));
        anotherProcess().save(newer);
        assertThat(store().load("REAL", fp, Kind.ACCESS)).contains(newer);
    }

    @Test
    void invalidateForgetsOnlyTheValueItWasToldAbout() {
        store().save(token("REAL", Kind.ACCESS, "token-one", T));
        CachedToken two = token("REAL", Kind.ACCESS, "token-two", T.plusSeconds(60));
        anotherProcess().save(two);
        // A process that saw token-one rejected must not throw away the token another process just stored.
        store().invalidate("REAL", fp, Kind.ACCESS, "token-one");
        assertThat(store().load("REAL", fp, Kind.ACCESS)).contains(two);
        store().invalidate("REAL", fp, Kind.ACCESS, "token-two");
        assertThat(store().load("REAL", fp, Kind.ACCESS)).isEmpty();
        store().invalidate("REAL", fp, Kind.ACCESS, "token-two");
        assertThat(store().load("REAL", fp, Kind.ACCESS)).isEmpty();
    }

    @Test
    void issueAttemptsAreSharedAndNeverMoveBack() {
        store().recordIssueAttempt("REAL", fp, Kind.APPROVAL, T.plusSeconds(10));
        anotherProcess().recordIssueAttempt("REAL", fp, Kind.APPROVAL, T);
        assertThat(anotherProcess().lastIssueAttempt("REAL", fp, Kind.APPROVAL)).contains(T.plusSeconds(10));
        assertThat(store().lastIssueAttempt("REAL", fp, Kind.ACCESS)).isEmpty();
        // An attempt is not a token.
        assertThat(store().load("REAL", fp, Kind.APPROVAL)).isEmpty();
    }

    @Test
    void anAttemptDoesNotDisturbTheCachedToken() {
        CachedToken t = token("PAPER", Kind.ACCESS, "cached", T);
        store().save(t);
        store().recordIssueAttempt("PAPER", fp, Kind.ACCESS, T.plusSeconds(90));
        assertThat(store().load("PAPER", fp, Kind.ACCESS)).contains(t);
        store().save(token("PAPER", Kind.ACCESS, "next", T.plusSeconds(100)));
        assertThat(store().lastIssueAttempt("PAPER", fp, Kind.ACCESS)).contains(T.plusSeconds(90));
    }

    @Test
    void theIssueLockLetsOneProcessIssueAndTheOtherReusesItsToken() throws Exception {
        TokenStore a = store();
        TokenStore b = anotherProcess();
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        AtomicBoolean bEntered = new AtomicBoolean();
        AtomicReference<Thread> bThread = new AtomicReference<>();

        Future<String> first = pool.submit(() -> a.withIssueLock("REAL", fp, Kind.ACCESS, () -> {
            aInside.countDown();
            a.recordIssueAttempt("REAL", fp, Kind.ACCESS, T);
            await(releaseA);
            issued.incrementAndGet();
            a.save(token("REAL", Kind.ACCESS, "from-a", T));
            return "issued";
        }));
        await(aInside);
        Future<String> second = pool.submit(() -> {
            bThread.set(Thread.currentThread());
            return b.withIssueLock("REAL", fp, Kind.ACCESS, () -> {
                bEntered.set(true);
                if (b.load("REAL", fp, Kind.ACCESS).isPresent()) {
                    return "reused";
                }
                issued.incrementAndGet();
                return "issued";
            });
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bThread.get() != null);
        awaitBlockedOnIssueLock(bThread.get());
        assertThat(bEntered).isFalse();
        // The attempt recorded inside the lock is visible to others at once.
        assertThat(b.lastIssueAttempt("REAL", fp, Kind.ACCESS)).contains(T);
        releaseA.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("issued");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("reused");
        assertThat(issued).hasValue(1);
    }

    @Test
    void theIssueLockIsPerKey() throws Exception {
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<String> holder = pool.submit(() -> store().withIssueLock("REAL", fp, Kind.ACCESS, () -> {
            aInside.countDown();
            await(releaseA);
            return "a";
        }));
        await(aInside);
        try {
            Future<String> otherKind =
                    pool.submit(() -> anotherProcess().withIssueLock("REAL", fp, Kind.APPROVAL, () -> "approval"));
            assertThat(otherKind.get(10, TimeUnit.SECONDS)).isEqualTo("approval");
            assertThat(anotherProcess().withIssueLock("PAPER", fp, Kind.ACCESS, () -> "paper"))
                    .isEqualTo("paper");
        } finally {
            releaseA.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void aFailedIssuanceReleasesTheLockPropagatesTheErrorAndKeepsItsAttempt() throws Exception {
        assertThatThrownBy(() -> store().withIssueLock("PAPER", fp, Kind.ACCESS, () -> {
                    store().recordIssueAttempt("PAPER", fp, Kind.ACCESS, T);
                    throw new IllegalStateException("EGW00133");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EGW00133");
        assertThat(store().lastIssueAttempt("PAPER", fp, Kind.ACCESS)).contains(T);
        Future<String> other =
                pool.submit(() -> anotherProcess().withIssueLock("PAPER", fp, Kind.ACCESS, () -> "free"));
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("free");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
