package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** REST threads, the control API and the ticker call the market at once: the ledger stays exact. */
class ConcurrencyTest {

    @Test
    void concurrentCallersKeepTheLedgerConsistentAndOdnosUnique() throws Exception {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        SimMarket m = new SimMarket(
                Markets.config(KisEnv.REAL)
                        .moveProbability(0.3)
                        .maxStepVolume(20)
                        .build(),
                feed);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    int accepted = 0;
                    for (int i = 0; i < 400; i++) {
                        Side side = r.nextInt(3) == 0 ? Side.SELL : Side.BUY;
                        String kind = r.nextBoolean() ? "01" : "00";
                        long price = kind.equals("01") ? 0 : m.priceBand("005930")[0] + 100L * r.nextInt(300);
                        OrderResult res = m.placeOrder(
                                new PlaceOrder("005930", side, kind, 1 + r.nextInt(20), price, Source.API));
                        if (res instanceof OrderResult.Accepted a) {
                            accepted++;
                            if (r.nextInt(4) == 0) {
                                m.reviseOrCancel(Markets.cancelAll(a.branch(), a.odno()));
                            }
                        }
                    }
                    return accepted;
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 400; i++) {
                    m.advance(Duration.ofSeconds(2));
                }
                return 0;
            }));
            int accepted = 0;
            for (Future<Integer> f : futures) {
                accepted += f.get();
            }
            List<OrderRecord> rows = m.orders(Markets.DAY);
            assertThat(rows.stream().filter(o -> o.rvseCnclDvsn().isEmpty()).count())
                    .isEqualTo(accepted);
            assertThat(rows).extracting(OrderRecord::odno).doesNotHaveDuplicates();
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).odno()).isEqualTo(OdnoSequence.format(i + 1));
            }
            LedgerInvariantTest.check(m, feed);
        } finally {
            pool.shutdownNow();
        }
    }
}
