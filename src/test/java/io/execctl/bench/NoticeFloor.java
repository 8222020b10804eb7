package io.execctl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * The floor under the notice fast path on this machine: the same driver and pool, one connection,
 * paced transactions that do only what every notice transaction must — an advisory lock, one insert
 * into {@code trade.outbox} (its trigger NOTIFYs, so the commit takes the cluster-wide NOTIFY lock)
 * and a synchronous commit — no decode, no hand-off, no fill model. Prints the latency of 3 round
 * trips (lock, insert, commit) and of 2 (insert, commit), and the 3 round trips into a copy of the
 * outbox without its NOTIFY trigger ({@code public.floor_plain}, same columns and indexes): the
 * difference is what the per-row NOTIFY costs a commit on this machine.
 */
final class NoticeFloor {
    private NoticeFloor() {}

    static void run(DataSource ds, String[] args) throws SQLException {
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        loop(ds, rate, 500, true); // warm-up
        System.out.println("floor  lock+insert+NOTIFY+commit (3 round trips): " + loop(ds, rate, rate * seconds, true));
        System.out.println(
                "floor  insert+NOTIFY+commit (2 round trips):      " + loop(ds, rate, rate * seconds, false));
        try (Connection c = ds.getConnection()) {
            c.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS public.floor_plain (LIKE trade.outbox INCLUDING ALL)");
        }
        System.out.println("floor  lock+insert+commit, no NOTIFY (3 round trips): "
                + loop(ds, rate, rate * seconds, true, "public.floor_plain"));
    }

    private static String loop(DataSource ds, int rate, int n, boolean lock) throws SQLException {
        return loop(ds, rate, n, lock, "trade.outbox");
    }

    private static String loop(DataSource ds, int rate, int n, boolean lock, String table) throws SQLException {
        long[] lat = new long[n];
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement l = c.prepareStatement("SELECT pg_advisory_xact_lock(?)");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO " + table + " (event_type, aggregate_id, event_key, payload, created_ts)"
                                    + " VALUES ('FLOOR', 'floor', NULL, CAST(? AS jsonb), now())")) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + (long) (i * (1e9 / rate));
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long t0 = System.nanoTime();
                    if (lock) {
                        l.setLong(1, i % 200);
                        l.executeQuery().close();
                    }
                    ins.setString(1, "{\"i\":" + i + "}");
                    ins.executeUpdate();
                    c.commit();
                    lat[i] = System.nanoTime() - t0;
                }
            }
            c.setAutoCommit(true);
        }
        Arrays.sort(lat);
        return String.format(
                "n=%d at %d/s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                n, rate, q(lat, 0.5), q(lat, 0.9), q(lat, 0.99), lat[n - 1] / 1e6);
    }

    private static double q(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1e6;
    }
}
