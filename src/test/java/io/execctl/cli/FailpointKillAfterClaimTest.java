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
 * Kill test (after the claim): a real {@code execctl submit} process halts (137, like {@code kill -9}) at each failpoint,
 * a second process (no failpoint) runs after it, and the simulator's ledger shows what reached the
 * broker. The claim's lease / send deadline is run out by hand between the two runs (the time a real
 * restart would take).
 */
class FailpointKillAfterClaimTest {
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
    void killedAfterTheClaimTheRestartSendsItExactlyOnce() throws Exception {
        UUID id = x.intent("005930", 7);

        ExecctlProcesses.Run killed = x.run(Failpoints.AFTER_CLAIM, "submit");

        assertThat(killed.code()).as(killed.err()).isEqualTo(Failpoints.EXIT_CODE);
        assertThat(killed.err()).contains("failpoint after-claim");
        assertThat(x.brokerOrders()).isEmpty();
        assertThat(x.intentStatus(id)).isEqualTo("SENDING");
        assertThat(x.journalState(id)).isEqualTo("CLAIMED");

        // Before the lease ends the claim is the dead process's: a restart leaves it alone.
        ExecctlProcesses.Run early = x.run(null, "submit");
        assertThat(early.code()).as(early.err()).isZero();
        assertThat(x.brokerOrders()).isEmpty();

        x.leaseRunsOut(id);
        ExecctlProcesses.Run restarted = x.run(null, "submit", "--json");

        assertThat(restarted.code()).as(restarted.err()).isZero();
        assertThat(restarted.out()).contains(id.toString()).contains("\"outcome\":\"SUBMITTED\"");
        assertThat(x.brokerOrders("005930", 7)).hasSize(1);
        assertThat(x.brokerOrders()).hasSize(1);
        assertThat(x.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(x.journalState(id)).isEqualTo("ACCEPTED");
        assertThat(x.ordersRows(id)).isEqualTo(1);
    }
}
