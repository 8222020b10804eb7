package io.execctl.bench;

import io.execctl.kis.HostRateBudget;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.RateBudget;
import io.execctl.kis.SharedRateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.store.PgRateSlots;
import io.execctl.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;

/**
 * How long taking a rate-budget slot costs the calling thread, without waiting for the slot: the
 * rate is set so high (1,000,000/s) that every grant is immediate, so what is measured is the
 * bookkeeping — one {@code UPDATE … RETURNING} on a kept connection for the database budget, one
 * locked read-modify-write of a file for the file budget. {@code processes} callers with a budget
 * (and connection) each contend for the one row.
 *
 * <p>Run: {@code bin/bench io.execctl.bench.RateGrantBench [grants per caller] [callers]}; needs the
 * test PostgreSQL (as the DB tests).
 */
public final class RateGrantBench {
    private RateGrantBench() {}

    interface Budget {
        RateBudget open() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int grants = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int callers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("rate-bench");
        try (TestDatabase db = TestDatabase.create()) {
            Migrations.migrate(db.dataSource(), false);
            Jdbi jdbi = Db.create(db.dataSource());
            Budget pg = () -> new SharedRateBudget(
                    new PgRateSlots(jdbi),
                    "real",
                    "bench",
                    1_000_000,
                    Clock.systemUTC(),
                    Sleeper.SYSTEM,
                    KisMetrics.NOOP);
            Budget file = () -> new HostRateBudget(
                    dir.resolve("rate-bench"), 1_000_000, Clock.systemUTC(), Sleeper.SYSTEM, KisMetrics.NOOP);
            for (int round = 0; round < 2; round++) { // the first round warms up
                report(round, "database (SharedRateBudget + PgRateSlots)", 1, grants, pg);
                report(round, "database (SharedRateBudget + PgRateSlots)", callers, grants, pg);
                report(round, "file (HostRateBudget)", 1, grants, file);
                report(round, "file (HostRateBudget)", callers, grants, file);
            }
        }
    }

    private static void report(int round, String what, int callers, int grants, Budget budget) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<long[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            futures.add(pool.submit(() -> {
                RateBudget b = budget.open();
                long[] nanos = new long[grants];
                for (int i = 0; i < grants; i++) {
                    long s = System.nanoTime();
                    b.acquire(RateBudget.Priority.ORDER, Duration.ofSeconds(10)).orElseThrow();
                    nanos[i] = System.nanoTime() - s;
                }
                if (b instanceof AutoCloseable a) {
                    a.close();
                }
                return nanos;
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : futures) {
            long[] n = f.get();
            long[] merged = Arrays.copyOf(all, all.length + n.length);
            System.arraycopy(n, 0, merged, all.length, n.length);
            all = merged;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (round == 0) {
            return;
        }
        Arrays.sort(all);
        System.out.printf(
                "%-45s callers %d: %,d grants in %.2f s = %,.0f/s; per grant p50 %.0f µs, p99 %.0f µs, max %.0f µs%n",
                what,
                callers,
                all.length,
                seconds,
                all.length / seconds,
                all[all.length / 2] / 1e3,
                all[(int) (all.length * 0.99)] / 1e3,
                all[all.length - 1] / 1e3);
    }
}
