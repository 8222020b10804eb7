package io.execctl.engine.sync;

import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.Side;
import io.execctl.engine.PassReport;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tier, paper mode: 15 daily-ccld rows a page, and no {@code inquire-psbl-rvsecncl} (the open
 * orders come from daily-ccld {@code CCLD_DVSN=02}, {@code rmn_qty > 0}).
 */
class PaperSyncSimTest {
    static SyncFixture f;

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.PAPER, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.reset();
    }

    @Test
    void twoSyncsAtOnceOverSeveralPagesCountEveryExecutionOnceAndAThirdChangesNothing() throws Exception {
        for (int i = 0; i < 32; i++) { // placed at the broker directly: orders we do not hold, 3 pages
            f.sim.broker()
                    .placeOrder(
                            new PlaceOrder(i % 2 == 0 ? "005930" : "000660", Side.BUY, "01", 1 + i % 4, 0, Source.API));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PassReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                FillsSync s = new FillsSync(f.parts(Duration.ZERO));
                runs.add(pool.submit(s::run));
            }
            for (Future<PassReport> run : runs) {
                assertThat(run.get().complete()).isTrue();
                assertThat(run.get().summary()).contains("32 orders, 3 pages");
            }
        } finally {
            pool.shutdownNow();
        }
        f.assertAgreesWithLedger(f.today());
        assertThat(f.count("SELECT count(*) FROM trade.fills WHERE voided")).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.fills")).isEqualTo(32);
        assertThat(new FillsSync(f.parts(Duration.ZERO)).run().changed()).isZero();
    }

    @Test
    void unfilledOnPaperReadsTheOpenOrdersFromDailyCcld() {
        OrderKey filled = f.buy("005930", 3, "MKT", null);
        OrderKey resting = f.buy("000660", 2, "LMT", "150000");

        PassReport r = new UnfilledSync(f.parts(Duration.ZERO)).run();

        assertThat(r.complete()).isTrue();
        assertThat(r.unresolved()).isZero();
        assertThat(r.summary()).startsWith("1 open at the broker, 1 local open orders missing");
        assertThat(f.order(filled).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.order(resting).status()).isEqualTo(OrderStatus.SUBMITTED);
        f.assertAgreesWithLedger(f.today());
    }

    @Test
    void anIncompleteListingStartsTheDeficitTimersOfTheRowsItReadAndChangesNothingElse() throws Exception {
        Duration lag = Duration.ofSeconds(30);
        List<OrderKey> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(f.buy("005930", 1, "MKT", null)); // filled at the broker; no notice path runs
        }
        // every continuation refused (KIS's "data changed" after any activity): page 1 only, the 15 newest
        f.faults("{\"paging_data_changed_rate\":1.0}");

        PassReport partial = new FillsSync(f.parts(lag)).run();

        assertThat(partial.complete()).isFalse();
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isEqualTo(15);
        assertThat(f.count("SELECT count(*) FROM trade.fills")).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.sync_runs")).isZero();
        assertThat(keys).allSatisfy(k -> assertThat(f.order(k).status()).isEqualTo(OrderStatus.SUBMITTED));

        f.faults("{}");
        f.clock.advance(lag);
        PassReport complete = new FillsSync(f.parts(lag)).run();

        assertThat(complete.complete()).isTrue();
        assertThat(complete.changed())
                .as("the 15 timed across the incomplete pass are inferred at once")
                .isEqualTo(15);
        assertThat(f.order(keys.get(0)).filledQty())
                .as("the oldest, on page 2, starts its window only now")
                .isZero();
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isEqualTo(1);
        f.clock.advance(lag);
        new FillsSync(f.parts(lag)).run();
        f.assertAgreesWithLedger(f.today());
    }
}
