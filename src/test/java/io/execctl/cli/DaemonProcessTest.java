package io.execctl.cli;

import io.execctl.sim.SimOptions;
import io.execctl.store.CursorStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real {@code execctl daemon} processes against PostgreSQL and the simulator (one database and one
 * simulator for the class; every test kills its daemons and counts only its own intents and broker
 * orders): hot standby after {@code kill -9}, exactly one active daemon after the database ends
 * every daemon session, a one-shot {@code sync holdings} beside the daemon, SIGTERM during a burst.
 * Nothing is ever sent twice (the simulator's ledger and {@code trade.orders}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonProcessTest {
    static final Duration START = Duration.ofSeconds(30);
    static final int BURST = 60;

    /** Kept when a test fails: the daemons' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    DaemonProcesses f;

    @BeforeAll
    void setUp() {
        f = new DaemonProcesses(dir);
    }

    @AfterEach
    void killDaemons() {
        f.killAll();
    }

    @AfterAll
    void tearDown() {
        f.close();
    }

    private List<UUID> entries(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(f.entry("005930", 1));
        }
        return ids;
    }

    private void awaitAllSubmittedOnce(List<UUID> ids, int brokerBefore) {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.sent(ids) == ids.size());
        try {
            assertThat(f.brokerOrders()).hasSize(brokerBefore + ids.size());
            assertThat(f.externalOrders())
                    .as("no order here is placed outside execctl")
                    .isZero();
            assertThat(f.ordersPerIntent(ids)).hasSize(ids.size()).allSatisfy((id, n) -> assertThat(n)
                    .isEqualTo(1L));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + f.evidence(ids), e);
        }
    }

    /** The daemon's session lock is the one long-held advisory lock (order locks are per transaction). */
    private void awaitOneLockHolder() {
        await().atMost(Duration.ofSeconds(5)).until(() -> f.advisoryLockHolders() == 1);
    }

    /** Starts two daemons at once: one becomes active and runs, the other the standby. */
    private DaemonProcesses.Daemon[] activeAndStandby() throws Exception {
        DaemonProcesses.Daemon a = f.start("a");
        DaemonProcesses.Daemon b = f.start("b");
        await().atMost(START)
                .until(() -> (a.indexOf("running", 0) >= 0 && b.indexOf("standby", 0) >= 0)
                        || (b.indexOf("running", 0) >= 0 && a.indexOf("standby", 0) >= 0)
                        || !a.process.isAlive()
                        || !b.process.isAlive());
        assertThat(a.process.isAlive()).as(a.stderr()).isTrue();
        assertThat(b.process.isAlive()).as(b.stderr()).isTrue();
        return a.indexOf("running", 0) >= 0 ? new DaemonProcesses.Daemon[] {a, b} : new DaemonProcesses.Daemon[] {b, a};
    }

    @Test
    void aHotStandbyTakesOverWithinTenSecondsOfKill9AndNothingIsSentTwice() throws Exception {
        int before = f.brokerOrders().size();
        DaemonProcesses.Daemon[] ab = activeAndStandby();
        DaemonProcesses.Daemon active = ab[0];
        DaemonProcesses.Daemon standby = ab[1];
        awaitOneLockHolder();

        List<UUID> first = entries(5);
        awaitAllSubmittedOnce(first, before);
        assertThat(standby.indexOf("active", 0)).as("the standby never ran").isNegative();

        long killed = System.nanoTime();
        active.process.destroyForcibly(); // SIGKILL: no shutdown hook, the lock's session just ends
        standby.awaitLine("active", 0, Duration.ofSeconds(10));
        long acquired = System.nanoTime();
        standby.awaitLine("running", 0, Duration.ofSeconds(20));
        long running = System.nanoTime();
        Duration acquire = Duration.ofNanos(acquired - killed);
        System.out.printf(
                "hot standby: lock acquired %d ms after kill -9, bootstrapped and running after %d ms%n",
                acquire.toMillis(), Duration.ofNanos(running - killed).toMillis());
        assertThat(acquire).isLessThan(Duration.ofSeconds(10));

        List<UUID> second = entries(5);
        awaitAllSubmittedOnce(second, before + 5);
        awaitOneLockHolder();
    }

    @Test
    void afterTheDatabaseEndsEveryDaemonSessionExactlyOneDaemonIsActive() throws Exception {
        int before = f.brokerOrders().size();
        DaemonProcesses.Daemon[] ab = activeAndStandby();
        DaemonProcesses.Daemon a = ab[0];
        DaemonProcesses.Daemon b = ab[1];
        int aBefore = a.lines.size();

        assertThat(f.terminateOtherBackends()).isPositive();

        // the active one notices on its next heartbeat (1 s with a 4 s session timeout) and stops its loops
        a.awaitLine("lost", aBefore, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (a.last().equals("running") ? 1 : 0) + (b.last().equals("running") ? 1 : 0) == 1);
        DaemonProcesses.Daemon active = a.last().equals("running") ? a : b;
        DaemonProcesses.Daemon standby = active == a ? b : a;
        System.out.printf(
                "after pg_terminate_backend: %s active %s, %s standby %s%n",
                active.name, active.lines, standby.name, standby.lines);
        awaitOneLockHolder();

        List<UUID> ids = entries(4);
        awaitAllSubmittedOnce(ids, before);
        assertThat(standby.last()).isNotEqualTo("running");
        awaitOneLockHolder();
    }

    @Test
    void syncHoldingsBesideTheDaemonThenSigtermDuringABurstExitsZeroInTimeAndNothingIsSentTwice() throws Exception {
        int before = f.brokerOrders().size();
        DaemonProcesses.Daemon a = f.start("a");
        a.awaitLine("running", 0, START);

        // a one-shot sync holdings (cron) beside the running daemon: a holding without a position is
        // EXTRA (exit 3) unless its fill is recent (pending, exit 0); the daemon's own holdings loop may
        // have stored a later balance meanwhile (exit 0, "unchanged")
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(f.env()), new PrintWriter(out), new PrintWriter(err), "sync", "holdings");
        assertThat(code).as(err.toString()).isIn(ExitCodes.OK, ExitCodes.MISMATCHES);
        assertThat(out.toString()).containsAnyOf("holdings synced", "holdings unchanged");
        assertThat(CursorStore.of(f.jdbi).updatedAt("holdings/" + SimOptions.DEMO_ACCOUNT))
                .isPresent();
        assertThat(a.last()).isEqualTo("running");

        List<UUID> burst = entries(BURST);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.brokerOrders().size() >= before + 3);

        long t0 = System.nanoTime();
        a.sigterm(); // Process.destroy() would close our end of its stdout
        assertThat(a.process.waitFor(DaemonProcesses.CALL_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS))
                .as("exited within the order-call timeout + 5 s")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("SIGTERM during a burst: exit %d after %d ms%n", a.process.exitValue(), took.toMillis());
        assertThat(a.process.exitValue()).as(a.stderr()).isZero();
        a.awaitLine("stopped", 0, Duration.ofSeconds(2));
        assertThat(a.stderr()).contains("stop requested").doesNotContain("ERROR");

        long sent = f.brokerOrders().size() - before;
        assertThat(sent).as("it stopped in the middle of the burst").isLessThan(BURST);
        assertThat(f.sent(burst)).isEqualTo(sent);
        assertThat(f.intents(burst, "SENDING")).as("no claim left hanging").isZero();
        assertThat(f.intents(burst, "NEW")).isEqualTo(BURST - sent);

        DaemonProcesses.Daemon b = f.start("b");
        b.awaitLine("running", 0, START);
        awaitAllSubmittedOnce(burst, before);
    }

    @Test
    void bootstrapPrintsWhichStepsRanAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Cli.run(new CliContext(f.env()), new PrintWriter(out), new PrintWriter(err), "bootstrap");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("sync-holdings       RAN")
                .contains("sync-unfilled       RAN")
                .contains("sync-fills          RAN")
                .contains("reconcile           RAN")
                .contains("resolve-unknown     RAN")
                .contains("recompute-orders    RAN")
                .contains("bootstrap DONE in ")
                .contains(
                        "steps ran: sync-holdings, sync-unfilled, sync-fills, recompute-orders, reconcile, resolve-unknown\n");
    }
}
