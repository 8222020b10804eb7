package io.execctl.store;

import io.execctl.domain.OrderKey;
import io.execctl.testing.DatabaseExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notice reads ({@link NoticeReads}) take the fill index however the connection's server-side
 * plans were first made. pgjdbc prepares a statement on the server after a few uses; a generic plan
 * PostgreSQL chose then, while {@code trade.fills} was small and never analyzed (a fresh database, its
 * first minute of fills, batches of several orders), is a sequential scan, and it stays cached while
 * the table grows: every notice would read every fill row. The transaction's own table counters ({@code pg_stat_xact_user_tables}) show
 * which scan the reads took.
 */
class NoticeReadsPlanTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static final String ACCOUNT = "50000001-01";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void readsUseTheIndexEvenAfterPlansWereMadeWhileFillsWasSmall() {
        Jdbi jdbi = DB.jdbi();
        List<OrderKey> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(OrderKey.of(ACCOUNT, DAY, String.format("%010d", 90_000 + i)));
        }
        jdbi.useHandle(w -> {
            w.execute("""
                    INSERT INTO trade.orders (order_id, account_id, order_date, branch_no, kis_order_no, symbol, side,
                                              order_type, qty, limit_price, open_qty, broker_status, status, source,
                                              submitted_ts, updated_ts)
                    SELECT to_char(CAST(? AS date), 'YYYYMMDD') || '-' || lpad(CAST(90000 + i AS text), 10, '0') || '-'
                               || trade.account_tag(?),
                           ?, CAST(? AS date), '00950', lpad(CAST(90000 + i AS text), 10, '0'), '005930', 'BUY', 'LMT',
                           1000000, 72000, 1000000, 'ACCEPTED', 'SUBMITTED', 'EXTERNAL', now(), now()
                      FROM generate_series(0, 199) AS i
                    """, DAY.toString(), ACCOUNT, ACCOUNT, DAY.toString());
            fills(w, 10, "early");
        });
        OrderKey key = keys.get(17);
        List<OrderKey> batch = keys.subList(0, 8);
        try (Handle h = jdbi.open()) { // one connection: its prepared statements and their plans
            // batches of several orders (as a burst forms them), then single notices: past pgjdbc's
            // prepareThreshold (4 unnamed executions) and PostgreSQL's five custom plans of the named one
            for (int i = 0; i < 10; i++) {
                h.inTransaction(t -> NoticeReads.read(t, OrderTx.sortedLockKeys(batch), batch));
            }
            for (int i = 0; i < 3; i++) {
                h.inTransaction(t -> NoticeReads.read(t, OrderTx.sortedLockKeys(List.of(key)), List.of(key)));
            }
            jdbi.useHandle(w -> fills(w, 60, "later"));
            long[] scans = h.inTransaction(t -> {
                long[] before = scans(t); // the backend's counts not yet reported include earlier transactions
                NoticeReads.Result r = NoticeReads.read(t, OrderTx.sortedLockKeys(List.of(key)), List.of(key));
                assertThat(r.fills().get(key.orderId())).hasSize(70);
                long[] after = scans(t);
                return new long[] {after[0] - before[0], after[1] - before[1]};
            });
            assertThat(scans[0])
                    .as("sequential scans of trade.fills by one notice's reads")
                    .isZero();
            assertThat(scans[1]).as("index scans of trade.fills").isPositive();
            assertThat(h.createQuery("SELECT current_setting('plan_cache_mode')")
                            .mapTo(String.class)
                            .one())
                    .as("the setting ends with the transaction")
                    .isEqualTo("auto");
        }
    }

    /** Sequential and index scans of {@code trade.fills} this backend has not reported yet. */
    private static long[] scans(Handle t) {
        return t.createQuery("SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables"
                        + " WHERE schemaname = 'trade' AND relname = 'fills'")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .one();
    }

    /** {@code perOrder} fills for each of the orders. */
    private static void fills(Handle w, int perOrder, String tag) {
        w.execute("""
                INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, source, receipt)
                SELECT gen_random_uuid(), o.order_id, now(), 1, 72000, 72000, 'WS', ? || '/' || n || '/0'
                  FROM generate_series(1, ?) AS n, trade.orders AS o
                """, tag, perOrder);
    }
}
