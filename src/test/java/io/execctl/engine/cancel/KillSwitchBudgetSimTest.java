package io.execctl.engine.cancel;

import io.execctl.domain.Order;
import io.execctl.domain.Side;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill switch against the simulator's strict 20 requests/s limit, with the client's real
 * host-wide budget: 50 open orders (ours, other API orders, an HTS order) all cancelled, no
 * {@code EGW00201}.
 */
class KillSwitchBudgetSimTest {
    @TempDir
    Path dir;

    CancelFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theKillSwitchCancelsFiftyOpenOrdersUnderTheRateBudget() throws Exception {
        f = new CancelFixture(dir, true);
        Order ours = f.buy("005930", 5, "LMT", "70000");
        for (int i = 0; i < 48; i++) {
            f.sim.broker().placeOrder(new PlaceOrder("000660", Side.BUY, "00", 1 + i % 3, 170000, Source.API));
        }
        f.sim.broker().placeOrder(new PlaceOrder("035420", Side.BUY, "00", 1, 200000, Source.HTS));

        KillReport all = f.killSwitch(
                        new KillSwitch.Options(Duration.ofSeconds(15), Duration.ofMillis(200), Duration.ofSeconds(2)))
                .run(KillSwitch.Selection.all(null));

        assertThat(all.allClosed()).as(all.remaining().toString()).isTrue();
        assertThat(all.lines()).hasSize(50);
        assertThat(f.sim.broker().ledger().orders().stream()
                        .filter(x -> x.rvseCnclDvsn().isEmpty())
                        .filter(x -> !x.status().equals("CANCELLED")))
                .isEmpty();
        assertThat(f.broker(ours.key().odno()).status()).isEqualTo("CANCELLED");
        assertThat(f.metrics.total("rateLimitBackoff")).isZero();
        assertThat(f.counters.get("cancel_accepted")).isEqualTo(50);
    }
}
