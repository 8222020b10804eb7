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
}
