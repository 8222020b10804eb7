package io.execctl.engine.sync;

import io.execctl.domain.FillSource;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.Side;
import io.execctl.engine.PassReport;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import io.execctl.store.SyncRunStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tier: {@code sync fills} against the strict simulator (real mode unless said) and
 * PostgreSQL; after each scenario trade.orders/trade.fills agree with the simulator's ledger.
 */
class FillsSyncSimTest {
    static final Duration LAG = Duration.ofSeconds(30);

    static SyncFixture f;

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.REAL, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.reset();
    }

    private long outbox() {
        return f.count("SELECT count(*) FROM trade.outbox");
    }

    @Test
    void fillsWithoutNoticesAreInferredOnlyAfterTheHistoryLagAndASecondPassChangesNothing() throws Exception {
        // the notice path is not running at all: a WebSocket gap
        OrderKey a = f.buy("005930", 10, "MKT", null);
        OrderKey b = f.buy("000660", 3, "MKT", null);
        FillsSync sync = new FillsSync(f.parts(LAG));

        PassReport first = sync.run();
        assertThat(first.complete()).isTrue();
        assertThat(f.order(a).filledQty())
                .as("a deficit younger than the lag waits")
                .isZero();
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isEqualTo(2);

        f.clock.advance(LAG.minusSeconds(1));
        sync.run();
        assertThat(f.fills(a)).isEmpty();

        f.clock.advance(Duration.ofSeconds(1));
        PassReport inferred = sync.run();
        assertThat(inferred.changed()).isEqualTo(2);
        assertThat(f.fills(a)).singleElement().satisfies(x -> assertThat(x.source())
                .isEqualTo(FillSource.INFERRED));
        f.assertAgreesWithLedger(f.today());
        assertThat(f.order(b).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isZero();
        assertThat(f.counters.inferredFills()).isEqualTo(2);

        long events = outbox();
        long fills = f.count("SELECT count(*) FROM trade.fills");
        PassReport again = new FillsSync(f.parts(LAG)).run();
        assertThat(again.changed()).isZero();
        assertThat(outbox()).isEqualTo(events);
        assertThat(f.count("SELECT count(*) FROM trade.fills")).isEqualTo(fills);

        SyncRunStore.Run run = SyncRunStore.of(f.jdbi)
                .find(SyncRunStore.Kind.FILLS, SyncFixture.ACCOUNT, f.today())
                .orElseThrow();
        assertThat(run.rows()).isEqualTo(2);
        assertThat(run.pages()).isEqualTo(1);
        assertThat(run.totCcldQty()).isEqualTo(13);
        assertThat(run.completedTs()).isEqualTo(f.clock.instant());
    }

    @Test
    void staleRestTotalsNeverVoidFillsTheNoticesRecordedAndConvergeWhenTheyCatchUp() throws Exception {
        f.faults("{\"ccld_stale_totals_ms\":60000,\"branch_variation\":true}");
        OrderKey partial = f.buy("005930", 500, "LMT", "72000"); // rests; takes what one step offers
        OrderKey full = f.buy("035420", 7, "MKT", null);
        assertThat(f.broker(partial).filledQty()).isBetween(1L, 499L);
        f.noticesFor(partial);
        f.noticesFor(full);
        long wsRows = f.count("SELECT count(*) FROM trade.fills WHERE source = 'WS'");
        assertThat(f.order(full).status()).isEqualTo(OrderStatus.FILLED);

        FillsSync sync = new FillsSync(f.parts(LAG));
        for (int i = 0; i < 3; i++) {
            PassReport r = sync.run(); // REST still shows nothing executed: the notices are ahead
            assertThat(r.complete()).isTrue();
            f.clock.advance(LAG);
        }
        assertThat(f.count("SELECT count(*) FROM trade.fills WHERE voided")).isZero();
        assertThat(f.order(full).status()).isEqualTo(OrderStatus.FILLED);

        f.clock.advance(Duration.ofSeconds(61)); // the stale window has passed: REST catches up
        sync.run();
        f.assertAgreesWithLedger(f.today());
        assertThat(f.count("SELECT count(*) FROM trade.fills WHERE voided")).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.fills")).isEqualTo(wsRows);
        assertThat(f.order(partial).status()).isEqualTo(OrderStatus.PARTIAL);
    }

    @Test
    void anExternalHtsOrderGoesToTheOwnershipDecisionAndIsRecordedWithItsFills() throws Exception {
        f.buy("005930", 2, "MKT", null);
        f.sim.broker().placeOrder(new PlaceOrder("000660", Side.BUY, "01", 4, 0, Source.HTS));
        FillsSync sync = new FillsSync(f.parts(Duration.ZERO));

        f.ownership.pending = true;
        PassReport pending = sync.run();
        assertThat(pending.unresolved()).isEqualTo(1);
        assertThat(f.counters.pendingOwnership()).isEqualTo(1);

        f.ownership.pending = false;
        PassReport r = sync.run();
        assertThat(r.unresolved()).isZero();
        assertThat(f.ownership.asked)
                .allSatisfy(s -> assertThat(s.channel().name()).isEqualTo("DAILY_CCLD"))
                .hasSize(2);
        OrderKey ext = f.ownership.asked.get(1).key();
        assertThat(f.order(ext).source()).isEqualTo(OrderSource.EXTERNAL);
        assertThat(f.order(ext).status()).isEqualTo(OrderStatus.FILLED);
        f.assertAgreesWithLedger(f.today());
        assertThat(sync.run().changed()).isZero();
        assertThat(f.ownership.asked).hasSize(2);
    }

    @Test
    void anIncompleteInquiryChangesNothingAndRecordsNoWatermark() throws Exception {
        OrderKey a = f.buy("005930", 5, "MKT", null);
        f.faults("{\"data_changed_first_page_rate\":1.0}");
        PassReport r = new FillsSync(f.parts(Duration.ZERO)).run();
        assertThat(r.complete()).isFalse();
        assertThat(r.changed()).isZero();
        assertThat(f.fills(a)).isEmpty();
        assertThat(f.count("SELECT count(*) FROM trade.sync_runs")).isZero();
        assertThat(f.counters.incompletePasses(FillsSync.PASS)).isEqualTo(1);

        f.faults("{\"data_changed_first_page_rate\":0.3}"); // transient: the client starts again
        PassReport ok = new FillsSync(f.parts(Duration.ZERO)).run();
        assertThat(ok.complete()).isTrue();
        f.assertAgreesWithLedger(f.today());
    }
}
