package io.execctl.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the live view shows, read from the tables only (so it shows the same whichever engine runs):
 * intents by status, the latest orders and fills, holdings, how old each sync's watermark is, and the
 * notice WebSocket's state from its coverage rows.
 */
public record DemoSnapshot(
        Instant at,
        Map<String, Long> intentsByStatus,
        Map<String, Long> ordersByStatus,
        List<String> recentOrders,
        long liveFills,
        List<String> recentFills,
        List<String> holdings,
        List<String> syncLags,
        String webSocket) {

    public static DemoSnapshot read(Jdbi jdbi, String accountId, Instant now) {
        return jdbi.withHandle(h -> new DemoSnapshot(
                now,
                counts(h, "SELECT status, count(*) FROM trade.order_intents GROUP BY status"),
                counts(h, "SELECT status, count(*) FROM trade.orders GROUP BY status"),
                h.createQuery("""
                                SELECT kis_order_no, symbol, side, order_type, qty, filled_qty, status,
                                       COALESCE(limit_price::text, 'MKT') AS px
                                  FROM trade.orders WHERE account_id = :acc
                                 ORDER BY submitted_ts DESC, kis_order_no DESC LIMIT 6""")
                        .bind("acc", accountId)
                        .map((rs, ctx) -> "%s %-6s %-4s %3s %4d @ %-8s filled %4d  %s"
                                .formatted(
                                        rs.getString("kis_order_no"),
                                        rs.getString("symbol"),
                                        rs.getString("side"),
                                        rs.getString("order_type"),
                                        rs.getLong("qty"),
                                        rs.getString("px"),
                                        rs.getLong("filled_qty"),
                                        rs.getString("status")))
                        .list(),
                h.createQuery("SELECT count(*) FROM trade.fills WHERE NOT voided")
                        .mapTo(Long.class)
                        .one(),
                h.createQuery("""
                                SELECT o.kis_order_no, o.symbol, o.side, f.qty, f.price, f.source
                                  FROM trade.fills f JOIN trade.orders o ON o.order_id = f.order_id
                                 WHERE NOT f.voided ORDER BY f.row_no DESC LIMIT 5""")
                        .map((rs, ctx) -> "%s %-6s %-4s %4d @ %s (%s)"
                                .formatted(
                                        rs.getString("kis_order_no"),
                                        rs.getString("symbol"),
                                        rs.getString("side"),
                                        rs.getLong("qty"),
                                        plain(rs.getBigDecimal("price")),
                                        rs.getString("source")))
                        .list(),
                h.createQuery("""
                                SELECT symbol, qty, avg_price FROM trade.holdings
                                 WHERE account_id = :acc AND qty > 0 ORDER BY symbol""")
                        .bind("acc", accountId)
                        .map((rs, ctx) -> "%-6s %5d @ %s"
                                .formatted(
                                        rs.getString("symbol"),
                                        rs.getLong("qty"),
                                        plain(rs.getBigDecimal("avg_price"))))
                        .list(),
                syncLags(h, accountId, now),
                webSocket(h, now)));
    }

    private static Map<String, Long> counts(Handle h, String sql) {
        Map<String, Long> out = new TreeMap<>();
        h.createQuery(sql)
                .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out;
    }

    /**
     * Age of every REST sync's watermark: the last complete pass of each kind for this account
     * ({@code trade.sync_runs.completed_ts}); "n/a" before the first.
     */
    private static List<String> syncLags(Handle h, String account, Instant now) {
        List<String> lags = h.createQuery("""
                        SELECT kind, max(completed_ts) AS completed_ts FROM trade.sync_runs
                        WHERE account_id = :account GROUP BY kind ORDER BY kind""")
                .bind("account", account)
                .map((rs, ctx) -> rs.getString("kind").toLowerCase(Locale.ROOT) + " "
                        + age(now, rs.getTimestamp("completed_ts").toInstant()))
                .list();
        return lags.isEmpty() ? List.of("n/a") : lags;
    }

    /** The notice stream's state from its latest coverage row, or "n/a" when none ever connected. */
    private static String webSocket(Handle h, Instant now) {
        return h.createQuery("""
                        SELECT connected_ts, last_frame_ts, closed_ts, close_reason FROM trade.notice_coverage
                         ORDER BY id DESC LIMIT 1""")
                .map((rs, ctx) -> rs.getTimestamp("closed_ts") == null
                        ? "connected, last frame "
                                + age(now, rs.getTimestamp("last_frame_ts").toInstant()) + " ago"
                        : "closed (" + rs.getString("close_reason") + ") "
                                + age(now, rs.getTimestamp("closed_ts").toInstant()) + " ago")
                .findOne()
                .orElse("no coverage rows (the engine line says whether the WebSocket is subscribed)");
    }

    private static String age(Instant now, Instant then) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return d.toMillis() < 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }

    private static String plain(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }
}
