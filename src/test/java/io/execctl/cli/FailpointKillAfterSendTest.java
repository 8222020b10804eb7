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

        assertThat(restarted.code()).as(restarted.err()).isZero();
        // At most one order: the SENT row may have reached the broker, so it is never resent; adopting
        // the order (→ SUBMITTED) is the unknown-outcome resolver's job.
        assertThat(x.brokerOrders()).hasSize(1);
        assertThat(x.journalState(id)).isIn("SENT", "UNKNOWN");
        assertThat(x.intentStatus(id)).isIn("SENDING", "UNKNOWN");
    }

    @Test
    void killedInsideTheRecordNothingOfItSurvivesAndTheRestartNeverSendsItAgain() throws Exception {
        UUID id = x.intent("035420", 2);

        ExecctlProcesses.Run killed = x.run(Failpoints.AFTER_RECORD_BEFORE_INTENT, "submit");

        assertThat(killed.code()).as(killed.err()).isEqualTo(Failpoints.EXIT_CODE);
        assertThat(x.brokerOrders("035420", 2)).hasSize(1);
        // The order row, the journal's ACCEPTED and the intent's SUBMITTED are one transaction: a
        // crash before its commit leaves none of them.
        assertThat(x.ordersRows(id)).isZero();
        assertThat(x.journalState(id)).isEqualTo("SENT");
        assertThat(x.intentStatus(id)).isEqualTo("SENDING");

        x.leaseRunsOut(id);
        ExecctlProcesses.Run restarted = x.run(null, "submit");

        assertThat(restarted.code()).as(restarted.err()).isZero();
        assertThat(x.brokerOrders()).hasSize(1);
        assertThat(x.journalState(id)).isIn("SENT", "UNKNOWN");
        assertThat(x.intentStatus(id)).isIn("SENDING", "UNKNOWN");
    }
}
