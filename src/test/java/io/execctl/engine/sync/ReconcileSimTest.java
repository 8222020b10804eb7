package io.execctl.engine.sync;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.FillSource;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.PassReport;
import io.execctl.store.OrderStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tier: {@code reconcile} against the strict simulator (real mode) and PostgreSQL. The second
 * test moves the simulated market to the next trading day, so the order of the tests is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileSimTest {
    static SyncFixture f;

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.REAL, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    @Order(1)
    void unknownSubmissionsAreCountedAndLeftToTheResolver() {
        f.reset();
        OrderKey known = f.buy("005930", 2, "MKT", null);
        f.faults("{\"order_reset_after_accept_rate\":1.0}");
        f.buyExpectingUnknown("000660", 1);
        f.faults("{}");

        PassReport r = new Reconciler(f.parts(Duration.ZERO)).run();

        assertThat(r.complete()).isTrue();
        assertThat(r.unresolved()).isEqualTo(1);
        assertThat(r.summary()).contains("1 UNKNOWN submissions (left to the resolve-unknown pass)");
        assertThat(f.order(known).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.ownership.asked).as("reconcile walks our own rows only").isEmpty();
    }

    @Test
    @Order(2)
    void ordersLapsingAtTheCloseAreReconciledTheNextDayAsTheBrokerReportsThem() {
        f.reset();
        LocalDate day = f.today();
        OrderKey partial = f.buy("005930", 500, "LMT", "72000");
        OrderKey resting = f.buy("000660", 3, "LMT", "150000");
        OrderKey filled = f.buy("035420", 4, "MKT", null);
        assertThat(f.broker(partial).filledQty()).isBetween(1L, 499L);
        // no notice path ran at all: every fill must come from the broker's totals

        f.sim.broker().closeSession();
        f.sim.broker().startDay(day.plusDays(1));
        f.clock.advance(Duration.ofDays(1));
        assertThat(f.broker(partial).status()).isEqualTo("EXPIRED");

        PassReport r = new Reconciler(f.parts(Duration.ofSeconds(60))).run();

        assertThat(r.complete()).isTrue();
        assertThat(r.unresolved()).isZero();
        assertThat(r.changed()).isEqualTo(3);
        assertThat(f.order(partial).status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(f.order(partial).brokerStatus()).isEqualTo(BrokerStatus.EXPIRED);
        assertThat(f.fills(partial)).singleElement().satisfies(x -> assertThat(x.source())
                .isEqualTo(FillSource.INFERRED));
        assertThat(f.order(resting).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(f.order(resting).brokerStatus()).isEqualTo(BrokerStatus.EXPIRED);
        assertThat(f.order(filled).status()).isEqualTo(OrderStatus.FILLED);
        f.assertAgreesWithLedger(day);
        assertThat(OrderStore.of(f.jdbi).findOpen(SyncFixture.ACCOUNT)).isEmpty();
        assertThat(f.counters.driftsCorrected()).isEqualTo(3);

        long events = f.count("SELECT count(*) FROM trade.outbox");
        PassReport again = new Reconciler(f.parts(Duration.ofSeconds(60))).run();
        assertThat(again.changed()).isZero();
        assertThat(f.count("SELECT count(*) FROM trade.outbox")).isEqualTo(events);
    }
}
