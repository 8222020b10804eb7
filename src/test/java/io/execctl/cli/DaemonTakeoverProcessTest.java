package io.execctl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real daemon processes of one account: one active, one hot standby. The standby takes over
 * within 10 s of the active one's {@code kill -9}; after the database ends every daemon session
 * (what a database restart does) exactly one daemon is active again. Nothing is ever sent twice
 * (the simulator's ledger and {@code trade.orders}).
 */
class DaemonTakeoverProcessTest {
    static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    DaemonProcesses f;

    @BeforeEach
    void setUp() {
        f = new DaemonProcesses(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<UUID> entries(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(f.entry("005930", 1 + i));
        }
        return ids;
    }

    private void awaitAllSubmittedOnce(int total) {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.intents("SUBMITTED") == total);
        assertThat(f.brokerOrders()).hasSize(total);
        assertThat(f.ordersPerIntent()).hasSize(total).allSatisfy((id, n) -> assertThat(n)
                .isEqualTo(1L));
    }

    @Test
    void aHotStandbyTakesOverWithinTenSecondsOfKill9AndNothingIsSentTwice() throws Exception {
        DaemonProcesses.Daemon a = f.start("a");
        a.awaitLine("running", 0, START);
        DaemonProcesses.Daemon b = f.start("b");
        b.awaitLine("standby", 0, START);
        assertThat(f.advisoryLockHolders()).isEqualTo(1);

        entries(5);
        awaitAllSubmittedOnce(5);
        assertThat(b.indexOf("active", 0)).as("the standby never ran").isNegative();

        long killed = System.nanoTime();
        a.process.destroyForcibly(); // SIGKILL: no shutdown hook, the lock's session just ends
        b.awaitLine("active", 0, Duration.ofSeconds(10));
        long acquired = System.nanoTime();
        b.awaitLine("running", 0, Duration.ofSeconds(20));
        long running = System.nanoTime();
        Duration acquire = Duration.ofNanos(acquired - killed);
        Duration resume = Duration.ofNanos(running - killed);
        System.out.printf(
                "hot standby: lock acquired %d ms after kill -9, bootstrapped and running after %d ms%n",
                acquire.toMillis(), resume.toMillis());
        assertThat(acquire).isLessThan(Duration.ofSeconds(10));

        entries(5);
        awaitAllSubmittedOnce(10);
        assertThat(f.advisoryLockHolders()).isEqualTo(1);
    }

    @Test
    void afterTheDatabaseEndsEveryDaemonSessionExactlyOneDaemonIsActive() throws Exception {
        DaemonProcesses.Daemon a = f.start("a");
        a.awaitLine("running", 0, START);
        DaemonProcesses.Daemon b = f.start("b");
        b.awaitLine("standby", 0, START);
        int aBefore = a.lines.size();
        int bBefore = b.lines.size();

        assertThat(f.terminateOtherBackends()).isPositive();

        // the active one notices on its next heartbeat (1 s with a 4 s session timeout) and stops its loops
        a.awaitLine("lost", aBefore, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (a.last().equals("running") ? 1 : 0) + (b.last().equals("running") ? 1 : 0) == 1);
        DaemonProcesses.Daemon active = a.last().equals("running") ? a : b;
        DaemonProcesses.Daemon standby = active == a ? b : a;
        System.out.printf(
                "after pg_terminate_backend: %s active (%s), %s standby (%s)%n",
                active.name,
                active.lines.subList(active == a ? aBefore : bBefore, active.lines.size()),
                standby.name,
                standby.lines);
        assertThat(f.advisoryLockHolders()).isEqualTo(1);

        entries(4);
        awaitAllSubmittedOnce(4);
        assertThat(standby.last()).isIn("standby", "lost", "running").isNotEqualTo("running");
        assertThat(f.advisoryLockHolders()).isEqualTo(1);
    }
}
