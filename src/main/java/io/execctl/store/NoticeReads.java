package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.OrderKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * What a batch of fill notices reads, in ONE round trip: the orders' advisory locks (ascending key
 * order), the order rows {@code FOR UPDATE} with their broker proofs, and their fill rows. The three
 * statements go to the server together (one prepared multi-statement query, one Sync; first a
 * transaction-local setting, see {@link #SQL}); the server
 * runs them one after the other and, in READ COMMITTED, each reading statement takes its snapshot
 * only when it starts — after the locks are held — so it sees everything the previous lock holder
 * committed, exactly as three separate round trips would. The notice fast path is latency-bound by
 * round trips, not by the database's work (docs/benchmarks.md, "Notice fast path").
 */
final class NoticeReads {
    /**
     * First, for this transaction only, custom plans ({@code plan_cache_mode}): pgjdbc prepares a
     * statement on the server after 5 uses, and PostgreSQL may then keep a generic plan made while
     * {@code trade.fills} was empty or never analyzed — a sequential scan that reads every fill row of
     * every order for each notice from then on, until an ANALYZE invalidates it (measured: 3 ms of the
     * 4 ms "lock + reads" on a fresh database, and every notice's fill statement a seq scan). A plan
     * made with the actual order ids always takes the indexes; it also covers the writes and the
     * foreign-key checks that follow in the transaction. The value is a boolean (fixed size), so
     * pgjdbc still sends the four statements with one Sync.
     */
    private static final String SQL = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true) IS NOT NULL;\n"
            + "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:locks AS bigint[])) AS t(k);\n"
            + "SELECT " + OrderStore.COLUMNS
            + ", broker_ccld_qty, broker_ccld_amt, broker_final, cancelled_qty FROM trade.orders"
            + " WHERE order_id = ANY(:ids) ORDER BY order_id FOR UPDATE;\n"
            + "SELECT " + FillStore.COLUMNS
            + " FROM trade.fills WHERE order_id = ANY(:fillIds) ORDER BY order_id, row_no";

    /**
     * The orders that exist (locked), the fill rows of each in {@code row_no} order, and each order's
     * confirmed cancelled quantity ({@code cancelled_qty}, for the partial-cancel coverage rule of
     * {@code NoticeRun.covered}, read here under the lock instead of by its own statement).
     */
    record Result(
            Map<OrderKey, OrderStore.Locked> orders, Map<String, List<Fill>> fills, Map<OrderKey, Long> cancelled) {}

    private NoticeReads() {}

    /** Locks {@code sortedLocks} (ascending), then reads the orders of {@code keys} and their fills. */
    static Result read(Handle h, List<Long> sortedLocks, Collection<OrderKey> keys) {
        Map<String, OrderKey> byId = new HashMap<>();
        for (OrderKey k : keys) {
            byId.put(k.orderId(), k);
        }
        List<String> ids = List.copyOf(byId.keySet());
        try (Query q = h.createQuery(SQL)) {
            return read(q, sortedLocks, ids, byId);
        }
    }

    private static Result read(Query q, List<Long> sortedLocks, List<String> ids, Map<String, OrderKey> byId) {
        return q.bindArray("locks", Long.class, sortedLocks)
                .bindArray("ids", String.class, ids)
                .bindArray("fillIds", String.class, ids)
                .execute((statement, ctx) -> {
                    PreparedStatement ps = statement.get();
                    Map<OrderKey, OrderStore.Locked> orders = new HashMap<>();
                    Map<String, List<Fill>> fills = new HashMap<>();
                    Map<OrderKey, Long> cancelled = new HashMap<>();
                    if (!ps.getMoreResults() || !ps.getMoreResults()) { // past the setting and the locks' count
                        throw new SQLException("notice reads: the orders' result is missing");
                    }
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            OrderStore.Locked l = new OrderStore.Locked(
                                    OrderStore.map(rs, ctx),
                                    new FillBook.Broker(
                                            rs.getLong("broker_ccld_qty"),
                                            rs.getBigDecimal("broker_ccld_amt"),
                                            rs.getBoolean("broker_final")));
                            if (l.order().key().equals(byId.get(l.order().orderId()))) {
                                orders.put(l.order().key(), l);
                                cancelled.put(l.order().key(), rs.getLong("cancelled_qty"));
                            }
                        }
                    }
                    if (!ps.getMoreResults()) {
                        throw new SQLException("notice reads: the fills' result is missing");
                    }
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            Fill f = FillStore.map(rs, ctx);
                            fills.computeIfAbsent(f.orderId(), k -> new ArrayList<>())
                                    .add(f);
                        }
                    }
                    return new Result(orders, fills, cancelled);
                });
    }
}
