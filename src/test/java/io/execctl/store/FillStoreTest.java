package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillSource;
import io.execctl.domain.Order;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FillStoreTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;
    private static FillStore fills;
    private static OrderStore orders;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
        fills = FillStore.of(jdbi);
        orders = OrderStore.of(jdbi);
    }

    private static String newOrder() {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        orders.upsert(o, null);
        return o.orderId();
    }

    @Test
    void theSameFillFromWsAndRestIsOneRow() {
        String id = newOrder();
        Fill ws = Fill.of(id, Samples.T0, 3, new BigDecimal("72000"), 3, FillSource.WS);
        Fill rest = Fill.of(id, Samples.T0.plusSeconds(30), 3, new BigDecimal("72000"), 3, FillSource.REST);
        assertThat(fills.insert(ws, "{\"CNTG_QTY\":\"3\"}")).isTrue();
        assertThat(fills.insert(ws, null)).isFalse();
        assertThat(fills.insert(rest, null)).isFalse();
        assertThat(fills.findBySeq(id, 3)).get().satisfies(f -> assertThat(f.source())
                .isEqualTo(FillSource.WS));
        assertThat(fills.findBySeq(id, 4)).isEmpty();
        assertThat(fills.listAll(id)).hasSize(1).first().satisfies(f -> {
            assertThat(f.source()).isEqualTo(FillSource.WS);
            assertThat(f.fillId()).isEqualTo(Fill.idFor(id, 3));
            assertThat(f.ts()).isEqualTo(Samples.T0);
        });
    }

    @Test
    void totalsCountLiveFillsOnlyAndVoidKeepsTheRow() {
        String id = newOrder();
        fills.insert(Fill.of(id, Samples.T0, 3, new BigDecimal("72000"), 3, FillSource.WS), null);
        fills.insert(
                new Fill(
                        Fill.idFor(id, 5),
                        id,
                        Samples.T0.plusSeconds(1),
                        2,
                        new BigDecimal("72100"),
                        new BigDecimal("15"),
                        new BigDecimal("0"),
                        5,
                        FillSource.WS,
                        false),
                null);
        Fill excess = Fill.of(id, Samples.T0.plusSeconds(2), 4, new BigDecimal("72200"), 9, FillSource.INFERRED);
        fills.insert(excess, null);

        FillStore.Totals all = fills.totals(id);
        assertThat(all.qty()).isEqualTo(9);
        assertThat(all.amount()).isEqualByComparingTo("649000"); // 216000 + 144200 + 288800
        assertThat(fills.voidFill(excess.fillId(), "broker tot_ccld_qty 5", Samples.T0.plusSeconds(60)))
                .isTrue();
        assertThat(fills.voidFill(excess.fillId(), "again", Samples.T0.plusSeconds(61)))
                .isFalse();

        FillStore.Totals live = fills.totals(id);
        assertThat(live.qty()).isEqualTo(5);
        assertThat(fills.filledQty(id)).isEqualTo(5);
        assertThat(live.amount()).isEqualByComparingTo("360200");
        assertThat(live.fee()).isEqualByComparingTo("15");
        assertThat(live.averagePrice(MathContext.DECIMAL64)).get().satisfies(p -> assertThat(p)
                .isEqualByComparingTo("72040"));
        assertThat(fills.listLive(id)).extracting(Fill::seq).containsExactly(3L, 5L);
        assertThat(fills.listAll(id)).extracting(Fill::voided).containsExactly(false, false, true);

        // Re-inserting the voided fill does not bring it back; restoring does.
        assertThat(fills.insert(excess, null)).isFalse();
        assertThat(fills.filledQty(id)).isEqualTo(5);
        assertThat(fills.restore(excess.fillId())).isTrue();
        assertThat(fills.filledQty(id)).isEqualTo(9);
    }

    @Test
    void refusesNonDeterministicIdsAndUnknownOrders() {
        String id = newOrder();
        Fill odd = new Fill(UUID.randomUUID(), id, Samples.T0, 1, BigDecimal.ONE, null, null, 1, FillSource.WS, false);
        assertThatThrownBy(() -> fills.insert(odd, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deterministic");
        Fill orphan = Fill.of("20260113-06010-0000000001", Samples.T0, 1, BigDecimal.ONE, 1, FillSource.WS);
        assertThatThrownBy(() -> fills.insert(orphan, null)).hasMessageContaining("fills_order_id_fkey");
        assertThat(fills.totals("nothing").qty()).isZero();
        assertThat(fills.totals("nothing").averagePrice(MathContext.DECIMAL64)).isEmpty();
    }
}
