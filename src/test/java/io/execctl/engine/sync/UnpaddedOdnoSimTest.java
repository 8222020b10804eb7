package io.execctl.engine.sync;

import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KIS sends ODNO both zero-padded and not: {@code sync unfilled} must find an order's deficit timer
 * (kept under the stored, padded ODNO) when daily-ccld names the order unpadded, or a deficit it saw
 * would never be inferred by it. The broker answers are the simulator's with every ODNO unpadded.
 */
class UnpaddedOdnoSimTest {
    static SyncFixture f;

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.REAL, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The simulator's answers with ODNO (and ORGN_ODNO) as KIS also sends them: without leading zeros. */
    private static BrokerInquiries unpadded(BrokerInquiries real) {
        return new BrokerInquiries() {
            @Override
            public DailyOrders dailyOrders(DailyOrderQuery query) {
                DailyOrders d = real.dailyOrders(query);
                Paged<DailyOrderRow> p = d.orders();
                return new DailyOrders(
                        new Paged<>(
                                p.rows().stream()
                                        .map(UnpaddedOdnoSimTest::strip)
                                        .toList(),
                                p.complete(),
                                p.pages(),
                                p.reason()),
                        d.totals(),
                        d.totalsMismatch());
            }

            @Override
            public Paged<OpenOrder> openOrders() {
                return real.openOrders();
            }
        };
    }

    private static DailyOrderRow strip(DailyOrderRow r) {
        return new DailyOrderRow(
                r.ordDt(),
                r.branch(),
                r.odno().replaceFirst("^0+(?=\\d)", ""),
                r.orgnOdno(),
                r.side(),
                r.ordDvsnCd(),
                r.symbol(),
                r.name(),
                r.ordQty(),
                r.ordUnpr(),
                r.ordTmd(),
                r.totCcldQty(),
                r.avgPrvs(),
                r.totCcldAmt(),
                r.cancelled(),
                r.cnclCfrmQty(),
                r.rmnQty(),
                r.rjctQty(),
                r.ordOrgno(),
                r.excgIdDvsnCd(),
                r.row());
    }

    @Test
    void syncUnfilledInfersADeficitItTimedUnderAnUnpaddedOdno() {
        f.reset();
        OrderKey a = f.buy("005930", 7, "MKT", null); // executed at once; no notice path runs here
        SyncParts base = f.parts(Duration.ofSeconds(5));
        SyncParts parts = new SyncParts(
                f.jdbi,
                unpadded(base.inquiries()),
                SyncFixture.ACCOUNT,
                base.ownership(),
                Duration.ofSeconds(5),
                f.clock,
                f.counters);
        UnfilledSync sync = new UnfilledSync(parts);

        sync.run(); // the deficit starts its timer (history lag window)
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.SUBMITTED);
        f.clock.advance(Duration.ofSeconds(6));
        sync.run(); // past the window: inferred

        assertThat(f.order(a).status()).isEqualTo(OrderStatus.FILLED);
        f.assertAgreesWithLedger(f.today());
    }
}
