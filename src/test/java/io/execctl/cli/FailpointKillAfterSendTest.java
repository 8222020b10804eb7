package io.execctl.cli;

import io.execctl.engine.Failpoints;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill tests (after the send, inside the record): a real {@code execctl submit} process halts (137, like {@code kill -9}) at each failpoint,
 * a second process (no failpoint) runs after it, and the simulator's ledger shows what reached the
 * broker. The claim's lease / send deadline is run out by hand between the two runs (the time a real
 * restart would take).
 */
class FailpointKillAfterSendTest {
    @TempDir
    Path dir;

    ExecctlProcesses x;

    @BeforeEach
    void setUp() {
        x = new ExecctlProcesses(dir);
        // the simulator's ORD_TMD is its session clock (frozen at 09:00), not wall time; the send
        // deadline is run out by hand, so the history needs no further lag to count as late enough
        x.extraEnv.put("EXECCTL_ORDER_TIME_SKEW_MS", DemoCommand.SIM_ORDER_TIME_SKEW_MS);
        x.extraEnv.put("EXECCTL_HISTORY_LAG_MS", "0");
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    @Test
    void killedAfterTheSendBeforeTheRecordTheRestartNeverSendsItAgain() throws Exception {
        UUID id = x.intent("000660", 3);

        ExecctlProcesses.Run killed = x.run(Failpoints.AFTER_SEND_BEFORE_RECORD, "submit");

        assertThat(killed.code()).as(killed.err()).isEqualTo(Failpoints.EXIT_CODE);
        assertThat(x.brokerOrders("000660", 3)).hasSize(1);
        assertThat(x.ordersRows(id)).isZero();
        assertThat(x.journalState(id)).isEqualTo("SENT");
        assertThat(x.intentStatus(id)).isEqualTo("SENDING");

        x.leaseRunsOut(id);
        ExecctlProcesses.Run restarted = x.run(null, "submit");

        assertThat(restarted.code()).as(restarted.out() + restarted.err()).isZero();
        // The SENT row may have reached the broker, so it is never resent; the resolver finds the one
        // matching order in daily-ccld and adopts it: exactly one broker order, the intent SUBMITTED.
        assertThat(x.brokerOrders()).hasSize(1);
        assertThat(x.ordersRows(id)).isEqualTo(1L);
        assertThat(x.journalState(id)).as("adopted by the resolver").isEqualTo("RESOLVED");
        assertThat(x.intentStatus(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void killedInsideTheRecordNothingOfItSurvivesAndTheRestartNeverSendsItAgain() throws Exception {
        UUID id = x.intent("035420", 2);

        ExecctlProcesses.Run killed = x.run(Failpoints.AFTER_RECORD_BEFORE_INTENT, "submit");

        assertThat(killed.code()).as(killed.err()).isEqualTo(Failpoints.EXIT_CODE);
        assertThat(x.brokerOrders("035420", 2)).hasSize(1);
        // The journal's ACCEPTED (with the broker's ODNO) commits on its own first; the order row and
        // the intent's SUBMITTED are one transaction: a crash before its commit leaves neither.
        assertThat(x.ordersRows(id)).isZero();
        assertThat(x.journalState(id)).isEqualTo("ACCEPTED");
        assertThat(x.intentStatus(id)).isEqualTo("SENDING");

        x.leaseRunsOut(id);
        ExecctlProcesses.Run restarted = x.run(null, "submit");

        assertThat(restarted.code()).as(restarted.out() + restarted.err()).isZero();
        assertThat(x.brokerOrders()).hasSize(1);
        assertThat(x.ordersRows(id)).isEqualTo(1L);
        assertThat(x.journalState(id)).isEqualTo("ACCEPTED");
        assertThat(x.intentStatus(id)).isEqualTo("SUBMITTED");
    }
}
