package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillSource;
import io.execctl.domain.NoticeReceipt;
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
    void theSameReceiptIsOneRowAndTwoReceiptsWithTheSamePayloadAreTwo() {
        String id = newOrder();
        NoticeReceipt r1 = new NoticeReceipt("c1", 7, 0);
        NoticeReceipt r2 = new NoticeReceipt("c1", 8, 0);
        Fill a = Fill.ws(id, r1, Samples.T0, 3, new BigDecimal("72000"));
        Fill b = Fill.ws(id, r2, Samples.T0, 3, new BigDecimal("72000"));
        assertThat(fills.insert(a, "{\"CNTG_QTY\":\"3\"}")).isTrue();
        assertThat(fills.insert(a, null)).isFalse();
        assertThat(fills.insert(b, null)).isTrue();
        assertThat(fills.listAll(id)).extracting(Fill::receipt).containsExactly("c1/7/0", "c1/8/0");
        assertThat(fills.filledQty(id)).isEqualTo(6);
    }

    @Test
    void aVoidedRowStaysAndNeverBlocksALaterLiveRowOfTheSameSize() {
        String id = newOrder();
        Fill inferred = Fill.inferred(id, 1, Samples.T0, 3, new BigDecimal("216100"));
        assertThat(fills.insert(inferred, null)).isTrue();
        assertThat(fills.voidFill(inferred.fillId(), "SUPERSEDED", Samples.T0.plusSeconds(1)))
                .isTrue();
        assertThat(fills.voidFill(inferred.fillId(), "again", Samples.T0.plusSeconds(2)))
                .isFalse();
        // Today's schema had UNIQUE (order_id, seq): the voided row at cumulative 3 blocked any later
        // live fill at cumulative 3. Here a later notice and a later inference of the same size land.
        assertThat(fills.insert(
                        Fill.ws(id, new NoticeReceipt("c2", 1, 0), Samples.T0, 3, new BigDecimal("72000")), null))
                .isTrue();
        assertThat(fills.insert(Fill.inferred(id, 2, Samples.T0, 3, new BigDecimal("216100")), null))
                .isTrue();
        assertThat(fills.listAll(id)).extracting(Fill::voided).containsExactly(true, false, false);
        assertThat(fills.listAll(id).get(0).voidReason()).isEqualTo("SUPERSEDED");
        FillStore.Totals live = fills.totals(id);
        assertThat(live.qty()).isEqualTo(6);
        assertThat(live.amount()).isEqualByComparingTo("432100");
        assertThat(live.averagePrice(MathContext.DECIMAL64))
                .contains(new BigDecimal("432100").divide(BigDecimal.valueOf(6), MathContext.DECIMAL64));
        assertThat(fills.listLive(id)).extracting(Fill::source).containsExactly(FillSource.WS, FillSource.INFERRED);
    }

    @Test
    void anInferredFillKeepsItsExactAmountBesideARoundedPrice() {
        String id = newOrder();
        fills.insert(Fill.inferred(id, 1, Samples.T0, 3, new BigDecimal("216100")), null);
        Fill stored = fills.listAll(id).get(0);
        assertThat(stored.amount()).isEqualByComparingTo("216100");
        assertThat(stored.price()).isEqualByComparingTo("72033.3333");
        assertThat(fills.totals(id).amount()).isEqualByComparingTo("216100");
    }

    @Test
    void refusesVoidedInsertsAndUnknownOrders() {
        String id = newOrder();
        Fill v = Fill.inferred(id, 1, Samples.T0, 1, BigDecimal.ONE).voidedFor("x");
        assertThatThrownBy(() -> fills.insert(v, null)).isInstanceOf(IllegalArgumentException.class);
        Fill orphan =
                Fill.ws("20260113-0000000001-0000000000", new NoticeReceipt("c", 1, 0), Samples.T0, 1, BigDecimal.ONE);
        assertThatThrownBy(() -> fills.insert(orphan, null)).hasMessageContaining("fills_order_id_fkey");
        assertThat(fills.totals("nothing").qty()).isZero();
        assertThat(fills.totals("nothing").averagePrice(MathContext.DECIMAL64)).isEmpty();
    }
}
