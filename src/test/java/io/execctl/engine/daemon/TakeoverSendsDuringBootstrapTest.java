package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.SessionLock;
import io.execctl.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A daemon that wins the session lock sends before its bootstrap is over: the intent pump and the
 * notice stream start with the lock, exits may be claimed at once, new entries once the bootstrap's
 * fills step has run (a takeover is a gap and that step is its gap-fill), and the loops only after
 * the whole bootstrap. Each bootstrap step here blocks until the test lets it go, so every stage is
 * observed, against a real session lock.
 */
@Timeout(60)
class TakeoverSendsDuringBootstrapTest {
    private static final SessionLock.Options FAST = SessionLock.Options.releasingAfter(Duration.ofSeconds(3));
    private static TestDatabase db;
    private static DataSource direct;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        direct = db.dataSource();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** A daemon on a fresh account's real session lock, fast retries, no progress output. */
    private static Daemon daemon(
            EngineParts parts,
            Bootstrap bootstrap,
            List<DaemonLoop> loops,
            EntryGate gate,
            InMemoryDaemonMetrics metrics,
            Clock clock) {
        String account = UUID.randomUUID().toString();
        return new Daemon(
                parts,
                (wait, onLost) -> SessionLock.acquire(direct, "daemon", account, wait, FAST, onLost),
                bootstrap,
                BootstrapProgress.NONE,
                loops,
                gate,
                new DaemonStatus(),
                metrics,
                new DaemonListener() {},
                Executors::newSingleThreadScheduledExecutor,
                clock,
                Duration.ofSeconds(2),
                Duration.ofMillis(200));
    }

    /** A bootstrap step that runs only when released. */
    private static final class Held implements EnginePass {
        final String name;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Held(PassName name) {
            this.name = name.key();
        }

        @Override
        public PassReport run() throws InterruptedException {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return PassReport.complete(name, 0, "ok");
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(30, TimeUnit.SECONDS))
                    .as(name + " reached")
                    .isTrue();
        }
    }

    @Test
    void exitsGoWithTheLockEntriesAfterTheFillsStepLoopsAfterTheBootstrap() throws Exception {
        EntryGate gate = new EntryGate();
        Held holdings = new Held(PassName.SYNC_HOLDINGS);
        Held fills = new Held(PassName.SYNC_FILLS);
        Held resolve = new Held(PassName.RESOLVE_UNKNOWN);
        AtomicBoolean pumpStarted = new AtomicBoolean();
        AtomicInteger loopRuns = new AtomicInteger();
        EngineParts parts = EngineParts.builder()
                .pass(PassName.SYNC_HOLDINGS, holdings)
                .pass(PassName.SYNC_UNFILLED, () -> PassReport.complete("sync-unfilled", 0, "ok"))
                .pass(PassName.SYNC_FILLS, fills)
                .pass(PassName.RESOLVE_UNKNOWN, resolve)
                .intentPickup(DaemonService.of("intent-pump", () -> pumpStarted.set(true), timeout -> {}))
                .build();
        InMemoryDaemonMetrics metrics = new InMemoryDaemonMetrics();
        Clock clock = Clock.systemUTC();
        Bootstrap bootstrap = new Bootstrap(BootstrapPlan.standard(parts), List::of, metrics, clock);
        DaemonLoop loop = new DaemonLoop(
                "sync-fills",
                () -> {
                    loopRuns.incrementAndGet();
                    return PassReport.complete("sync-fills", 0, "ok");
                },
                Cadence.between(Duration.ofMillis(50), Duration.ofMillis(100), new Random(1)),
                Duration.ZERO);
        Daemon daemon = daemon(parts, bootstrap, List.of(loop), gate, metrics, clock);
        Thread runner = new Thread(daemon::run, "daemon-under-test");
        runner.start();
        try {
            // lock held, bootstrap at its first step: the pump runs and exits may be claimed
            holdings.awaitEntered();
            assertThat(pumpStarted).isTrue();
            assertThat(gate.claimingAllowed())
                    .as("exits are claimed during the bootstrap")
                    .isTrue();
            assertThat(gate.entriesAllowed())
                    .as("entries wait for the fills step")
                    .isFalse();

            holdings.release.countDown();
            fills.awaitEntered();
            assertThat(gate.entriesAllowed())
                    .as("open orders synced, fills not yet")
                    .isFalse();

            fills.release.countDown();
            resolve.awaitEntered();
            await().atMost(Duration.ofSeconds(5)).until(gate::entriesAllowed);
            assertThat(loopRuns).as("no loop before the bootstrap is DONE").hasValue(0);

            resolve.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> loopRuns.get() > 0);
            assertThat(gate.entriesAllowed()).isTrue();
        } finally {
            holdings.release.countDown();
            fills.release.countDown();
            resolve.release.countDown();
            daemon.requestStop();
            assertThat(daemon.awaitStopped(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(gate.claimingAllowed()).as("a stopped daemon claims nothing").isFalse();
        assertThat(gate.entriesAllowed()).isFalse();
    }

    @Test
    void aBootstrapThatNeverReachesTheFillsStepKeepsEntriesWaitingAndReleasesThemAtTheStop() throws Exception {
        EntryGate gate = new EntryGate();
        Held holdings = new Held(PassName.SYNC_HOLDINGS);
        EngineParts parts = EngineParts.builder()
                .pass(PassName.SYNC_HOLDINGS, holdings)
                .pass(PassName.SYNC_UNFILLED, () -> PassReport.complete("sync-unfilled", 0, "ok"))
                .pass(PassName.SYNC_FILLS, () -> PassReport.complete("sync-fills", 0, "ok"))
                .build();
        InMemoryDaemonMetrics metrics = new InMemoryDaemonMetrics();
        Clock clock = Clock.systemUTC();
        Daemon daemon = daemon(
                parts,
                new Bootstrap(BootstrapPlan.standard(parts), List::of, metrics, clock),
                List.of(),
                gate,
                metrics,
                clock);
        Thread runner = new Thread(daemon::run, "daemon-under-test");
        runner.start();
        holdings.awaitEntered();
        assertThat(gate.entriesAllowed()).isFalse();
        daemon.requestStop();
        holdings.release.countDown();
        assertThat(daemon.awaitStopped(Duration.ofSeconds(20))).isTrue();
        // the hold of that active period is gone: a later one starts from an open gate
        gate.resumeClaiming();
        assertThat(gate.entriesAllowed())
                .as("no hold left behind by the stopped period")
                .isTrue();
    }
}
