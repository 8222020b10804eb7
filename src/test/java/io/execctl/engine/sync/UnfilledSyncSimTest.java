package io.execctl.engine.sync;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.PassReport;
import io.execctl.kis.OrderOutcome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tier: {@code sync unfilled} against the strict simulator in real mode
 * ({@code inquire-psbl-rvsecncl}) and PostgreSQL; after each scenario the orders agree with the ledger.
 */
class UnfilledSyncSimTest {
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

    @Test
    void ordersMissingFromTheOpenListAreResolvedByDailyCcldFilledOrCancelledPartial() {
        OrderKey partial = f.buy("005930", 500, "LMT", "72000");
        OrderKey filled = f.buy("000660", 6, "MKT", null);
        OrderKey resting = f.buy("035420", 3, "LMT", "180000");
        assertThat(f.broker(partial).filledQty()).isBetween(1L, 499L);
        f.noticesFor(partial);
        OrderOutcome cancel = f.client.cancel(f.order(partial).address());
        assertThat(cancel).isInstanceOf(OrderOutcome.Accepted.class);
        assertThat(f.broker(partial).status()).isEqualTo("CANCELLED");

        PassReport r = new UnfilledSync(f.parts(Duration.ZERO)).run();

        assertThat(r.complete()).isTrue();
        assertThat(r.unresolved()).isZero();
        assertThat(f.order(partial).status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(f.order(partial).brokerStatus()).isEqualTo(BrokerStatus.CANCELLED);
        assertThat(f.order(filled).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.order(resting).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.count("SELECT count(*) FROM trade.order_intents WHERE status = 'CANCELLED'"))
                .isEqualTo(1);
        f.assertAgreesWithLedger(f.today());
        assertThat(f.count("SELECT count(*) FROM trade.fills WHERE voided")).isZero();
        // the cancel request's own row (a revision) is the cancel path's: asked about, linked, not applied
        assertThat(f.ownership.asked)
                .allSatisfy(s -> assertThat(s.origOrderNo()).isNotNull());

        long events = f.count("SELECT count(*) FROM trade.outbox");
        PassReport again = new UnfilledSync(f.parts(Duration.ZERO)).run();
        assertThat(again.changed()).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.outbox")).isEqualTo(events);
    }

    @Test
    void anOrderNotYetInTheLaggingHistoryIsLeftAsItIsAndResolvedOnceItsRowAppears() {
        f.faults("{\"ccld_lag_ms\":20000}");
        OrderKey a = f.buy("005930", 5, "MKT", null);
        UnfilledSync sync = new UnfilledSync(f.parts(Duration.ZERO));

        PassReport early = sync.run();
        assertThat(early.complete()).isTrue();
        assertThat(early.unresolved()).isEqualTo(1);
        assertThat(early.changed()).isZero();
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.fills(a)).isEmpty();

        f.clock.advance(Duration.ofSeconds(21));
        PassReport late = sync.run();
        assertThat(late.unresolved()).isZero();
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.FILLED);
        f.assertAgreesWithLedger(f.today());
    }

    @Test
    void anIncompleteOpenListChangesNothing() {
        OrderKey a = f.buy("005930", 5, "MKT", null);
        f.faults("{\"data_changed_first_page_rate\":1.0}");
        PassReport r = new UnfilledSync(f.parts(Duration.ZERO)).run();
        assertThat(r.complete()).isFalse();
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.count("SELECT count(*) FROM trade.sync_runs")).isZero();
    }

    @Test
    void anIncompleteListingForTheMissingOrdersStartsTheirDeficitTimersOnly() throws Exception {
        Duration lag = Duration.ofSeconds(30);
        for (int i = 0; i < 101; i++) {
            f.buy("005930", 1, "MKT", null); // filled at the broker, no notice: missing from the open list
        }
        f.faults("{\"paging_data_changed_rate\":1.0}"); // daily-ccld (100 a page) never gets past page 1

        PassReport r = new UnfilledSync(f.parts(lag)).run();

        assertThat(r.complete()).isFalse();
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits"))
                .as("the 100 newest, on page 1")
                .isEqualTo(100);
        assertThat(f.count("SELECT count(*) FROM trade.fills")).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE status <> 'SUBMITTED'"))
                .isZero();
    }
}
