package io.execctl.store;

import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CancelledQuantity#noOps} (a page's cancel confirmations judged on one lock-free read) skips
 * only what the locked path would not change: a new cancel row, a larger cumulative figure, an open
 * quantity not yet net of the cancels and an open order that fills and cancels cover all still go
 * through {@link CancelledQuantity#confirmCancel}/{@link CancelledQuantity#confirmCumulative} — and
 * once they have, the same confirmations are no-ops. An unknown target is one too (nothing written).
 */
class CancelConfirmNoOpTest {
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Order stored(Jdbi j) {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        OrderStore.of(j).upsert(o, null);
        return o;
    }

    @Test
    void onlyConfirmationsThatChangeNothingAreSkipped() {
        Jdbi j = Samples.jdbi(db);
        CancelledQuantity q = new CancelledQuantity(j, new MutableClock(Samples.T0));
        Order o = stored(j); // a buy of 10, nothing filled
        OrderKey unknown = Samples.nextKey();
        CancelledQuantity.Confirmation cancel3 = new CancelledQuantity.Confirmation(o.key(), "9001", 3);
        CancelledQuantity.Confirmation cum2 = new CancelledQuantity.Confirmation(o.key(), null, 2);
        CancelledQuantity.Confirmation cum5 = new CancelledQuantity.Confirmation(o.key(), null, 5);
        CancelledQuantity.Confirmation none = new CancelledQuantity.Confirmation(unknown, "9002", 1);

        assertThat(q.noOps(List.of(cancel3, cum2, none))).containsExactly(none); // new row, larger figure

        q.confirmCancel(o.key(), "9001", 3, CancelledQuantity.Source.DAILY_CCLD);
        assertThat(q.of(o.key())).isEqualTo(3);
        // the same cancel row again, and a smaller cumulative figure: nothing to write
        assertThat(q.noOps(List.of(cancel3, cum2, cum5))).containsExactlyInAnyOrder(cancel3, cum2);

        q.confirmCumulative(o.key(), 5);
        assertThat(q.noOps(List.of(cancel3, cum2, cum5))).containsExactlyInAnyOrder(cancel3, cum2, cum5);
        assertThat(openQty(j, o)).isEqualTo(5);
    }

    @Test
    void anOpenQuantityNotNetOfTheCancelsOrACoveredOpenOrderIsNotSkipped() {
        Jdbi j = Samples.jdbi(db);
        CancelledQuantity q = new CancelledQuantity(j, new MutableClock(Samples.T0));
        Order o = stored(j);
        q.confirmCumulative(o.key(), 4);
        CancelledQuantity.Confirmation cum4 = new CancelledQuantity.Confirmation(o.key(), null, 4);
        assertThat(q.noOps(List.of(cum4))).containsExactly(cum4);

        // a writer left open_qty above qty - filled - cancelled: the locked path lowers it
        j.useHandle(h -> h.execute("UPDATE trade.orders SET open_qty = 10 WHERE order_id = ?", o.orderId()));
        assertThat(q.noOps(List.of(cum4))).isEmpty();
        q.confirmCumulative(o.key(), 4);
        assertThat(openQty(j, o)).isEqualTo(6);
        assertThat(q.noOps(List.of(cum4))).containsExactly(cum4);

        // fills and cancels cover the order while it is still open: the locked path ends it
        j.useHandle(h -> h.execute("UPDATE trade.orders SET cancelled_qty = 10 WHERE order_id = ?", o.orderId()));
        assertThat(q.noOps(List.of(cum4))).isEmpty();
        q.confirmCumulative(o.key(), 4);
        OrderStatus after = OrderStore.of(j).findByKey(o.key()).orElseThrow().status();
        assertThat(after.isTerminal()).as("ended: %s", after).isTrue();
        assertThat(q.noOps(List.of(cum4))).containsExactly(cum4);
    }

    private static long openQty(Jdbi j, Order o) {
        return j.withHandle(h -> h.createQuery("SELECT open_qty FROM trade.orders WHERE order_id = :id")
                .bind("id", o.orderId())
                .mapTo(Long.class)
                .one());
    }
}
