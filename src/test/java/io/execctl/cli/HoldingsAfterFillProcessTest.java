package io.execctl.cli;

import io.execctl.engine.HoldingsSync;
import io.execctl.proof.BrokerLedger;
import io.execctl.proof.LedgerReader;
import io.execctl.sim.SimOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code execctl daemon} against the simulator (its market moving) and PostgreSQL, with a
 * holdings cadence of 10–30 minutes: a fill still brings {@code trade.holdings} to the broker's balance
 * within seconds, because the fill watch hears the fill's outbox NOTIFY and nudges the holdings loop
 * ({@code EXECCTL_HOLDINGS_AFTER_FILL_MS}), and a second fill soon after is followed too (after the
 * minimum interval), not only the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldingsAfterFillProcessTest {
    private static final Duration START = Duration.ofSeconds(30);
    /** Far below the cadence's floor (600 s): only the nudge can explain a refresh this soon. */
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    DaemonProcesses f;

    @BeforeAll
    void setUp() {
        f = new DaemonProcesses(dir, 1.0);
        f.extraEnv.put("EXECCTL_HOLDINGS_SYNC_S", "1800");
        f.extraEnv.put("EXECCTL_HOLDINGS_AFTER_FILL_MS", "500");
        f.extraEnv.put("EXECCTL_HOLDINGS_MIN_INTERVAL_MS", "1000");
    }

    @AfterEach
    void killDaemons() {
        f.killAll();
    }

    @AfterAll
    void tearDown() {
        f.close();
    }

    @Test
    void aFillBringsTheHoldingsToTheBrokersBalanceLongBeforeTheCadence() throws Exception {
        DaemonProcesses.Daemon d = f.start("soon");
        d.awaitLine("running", 0, START);
        Instant bootstrapped = lastHoldingsSync().orElseThrow(); // the bootstrap's own sync
        LedgerReader ledger = new LedgerReader(f.sim.adminUrl());

        for (String symbol : List.of("005930", "000660")) {
            Instant before = lastHoldingsSync().orElseThrow();
            long held = stored(symbol);
            UUID id = f.entry(symbol, 2);
            await().atMost(SOON).until(() -> f.intents(List.of(id), "FILLED") == 1);
            long broker = broker(ledger.read(), symbol);
            assertThat(broker).as("the simulator filled the buy").isEqualTo(held + 2);
            await().atMost(SOON).untilAsserted(() -> {
                assertThat(stored(symbol)).as("trade.holdings of " + symbol).isEqualTo(broker);
                assertThat(lastHoldingsSync().orElseThrow()).isAfter(before);
            });
        }
        assertThat(lastHoldingsSync().orElseThrow()).isAfter(bootstrapped);
    }

    private Optional<Instant> lastHoldingsSync() {
        return f.jdbi.withHandle(h -> h.createQuery("SELECT updated_ts FROM trade.sync_cursors WHERE name = :n")
                .bind("n", HoldingsSync.cursorName(SimOptions.DEMO_ACCOUNT))
                .mapTo(Instant.class)
                .findOne());
    }

    private long stored(String symbol) {
        return f.jdbi.withHandle(h -> h.createQuery(
                        "SELECT coalesce(sum(qty), 0) FROM trade.holdings WHERE account_id = :a AND symbol = :s")
                .bind("a", SimOptions.DEMO_ACCOUNT)
                .bind("s", symbol)
                .mapTo(Long.class)
                .one());
    }

    private static long broker(BrokerLedger ledger, String symbol) {
        return ledger.holdings().stream()
                .filter(h -> h.symbol().equals(symbol))
                .mapToLong(BrokerLedger.Holding::qty)
                .sum();
    }
}
