package io.execctl.store;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.PoolSettings;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Session locks on a heartbeating connection that the server releases when the holder freezes. */
class SessionLockTest {
    /**
     * The server ends a lock session that was silent for 3 s; heartbeats every 750 ms (slack for a
     * loaded build machine).
     */
    private static final SessionLock.Options FAST = SessionLock.Options.releasingAfter(Duration.ofSeconds(3));

    private static TestDatabase db;
    private static DataSource direct;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        direct = db.dataSource();
        jdbi = Db.create(direct);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static String name() {
        return UUID.randomUUID().toString();
    }

    private static Optional<SessionLock> tryTake(String name, List<String> lost) {
        return SessionLock.tryAcquire(direct, "daemon", name, FAST, lost::add);
    }

    @Test
    void aHeldLockIsRefusedToOthersUntilReleased() {
        String name = name();
        List<String> lost = new CopyOnWriteArrayList<>();
        SessionLock first = tryTake(name, lost).orElseThrow();
        assertThat(first.isHeld()).isTrue();
        assertThat(tryTake(name, lost)).isEmpty();
        assertThat(tryTake(name(), lost)).hasValueSatisfying(SessionLock::close);

        first.close();
        assertThat(first.isHeld()).isFalse();
        SessionLock second = tryTake(name, lost).orElseThrow();
        second.close();
        assertThat(lost).isEmpty();
    }

    @Test
    void aBeatingHolderKeepsTheLockFarBeyondTheIdleTimeout() {
        String name = name();
        List<String> lost = new CopyOnWriteArrayList<>();
        try (SessionLock holder = tryTake(name, lost).orElseThrow()) {
            Optional<SessionLock> waiter =
                    SessionLock.acquire(direct, "daemon", name, Duration.ofSeconds(6), FAST, lost::add);
            assertThat(waiter).isEmpty();
            assertThat(holder.isHeld()).isTrue();
            assertThat(backendAlive(holder.backendPid())).isTrue();
        }
        assertThat(lost).isEmpty();
    }

    @Test
    void aFrozenHolderIsReleasedByTheServerAndLearnsItWhenItWakes() {
        String name = name();
        List<String> firstLost = new CopyOnWriteArrayList<>();
        List<String> secondLost = new CopyOnWriteArrayList<>();
        SessionLock frozen = tryTake(name, firstLost).orElseThrow();
        frozen.suspendHeartbeat();

        long started = System.nanoTime();
        SessionLock successor = SessionLock.acquire(
                        direct, "daemon", name, Duration.ofSeconds(30), FAST, secondLost::add)
                .orElseThrow();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        // released after about one idle timeout (3 s), not held for ever
        assertThat(waited).isLessThan(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> !backendAlive(frozen.backendPid()));

        frozen.resumeHeartbeat();
        await().atMost(Duration.ofSeconds(10)).until(() -> !firstLost.isEmpty());
        assertThat(frozen.isHeld()).isFalse();
        assertThat(firstLost).hasSize(1);
        assertThat(successor.isHeld()).isTrue();
        successor.close();
        assertThat(secondLost).isEmpty();
    }

    @Test
    void aTerminatedBackendIsReportedLostAndTheLockIsFree() {
        String name = name();
        List<String> lost = new CopyOnWriteArrayList<>();
        SessionLock holder = tryTake(name, lost).orElseThrow();
        boolean terminated = jdbi.withHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)")
                .bind("pid", holder.backendPid())
                .mapTo(Boolean.class)
                .one());
        assertThat(terminated).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !lost.isEmpty());
        assertThat(holder.isHeld()).isFalse();
        assertThat(lost).singleElement().asString().startsWith("heartbeat failed");
        holder.close(); // harmless after a loss
        assertThat(lost).hasSize(1);
        tryTake(name, new CopyOnWriteArrayList<>()).orElseThrow().close();
    }

    @Test
    void aPoolIsRefusedForLocksAndListeners() {
        try (HikariDataSource pool = ConnectionPool.open(direct, PoolSettings.defaults(), "lock-test")) {
            assertThatThrownBy(() -> SessionLock.tryAcquire(pool, "daemon", name(), FAST, r -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpooled");
            assertThatThrownBy(() -> new NotificationListener(
                            pool,
                            List.of(OutboxEvent.CHANNEL),
                            new NotificationListenerTest.Recorder(),
                            NotificationListener.Options.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpooled");
        }
    }

    @Test
    void optionsKeepSeveralHeartbeatsWithinTheTimeout() {
        assertThatThrownBy(() ->
                        new SessionLock.Options(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SessionLock.Options.releasingAfter(Duration.ofSeconds(8)).heartbeatEvery())
                .isEqualTo(Duration.ofSeconds(2));
    }

    private static boolean backendAlive(int pid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
                        .bind("pid", pid)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }
}
