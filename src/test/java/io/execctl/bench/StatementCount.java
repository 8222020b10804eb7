package io.execctl.bench;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the statements the notice lanes send (each is one round trip; the commit is one more) and
 * their time (mean, p50, p99: execution to completion as JDBI sees it, so a statement's share of the
 * transaction stage), by the statement's first words: the count is a figure the machine's load does
 * not change.
 */
final class StatementCount implements SqlLogger {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> micros = new ConcurrentHashMap<>();
    private static final String INBAND = " [+COMMIT]";
    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** Per statement kind: [count, samples in µs...] (guarded by itself). */
    private final Map<String, long[]> samples = new ConcurrentHashMap<>();
    /** Statements that ended with {@code COMMIT} (sent in the same round trip: no separate commit). */
    private final LongAdder inBand = new LongAdder();

    @Override
    public void logAfterExecution(StatementContext ctx) {
        record(ctx);
    }

    @Override
    public void logException(StatementContext ctx, SQLException ex) {
        record(ctx);
    }

    private void record(StatementContext ctx) {
        if (!Thread.currentThread().getName().startsWith("notice-lane")) {
            return; // the audit writer, the benchmark's own polling
        }
        // the name of a SQL text is computed once (a regex over a 3 KB statement per execution was
        // lane CPU the benchmark itself added to what it measures)
        String name = names.computeIfAbsent(ctx.getRawSql(), StatementCount::name);
        if (name.endsWith(INBAND)) {
            inBand.increment();
        }
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
        long us = ctx.getExecutionMoment() == null || ctx.getCompletionMoment() == null
                ? 0
                : ctx.getExecutionMoment().until(ctx.getCompletionMoment(), ChronoUnit.MICROS);
        micros.computeIfAbsent(name, k -> new LongAdder()).add(us);
        synchronized (samples) {
            long[] a = samples.computeIfAbsent(name, k -> new long[1024]);
            int n = (int) a[0];
            if (n + 1 == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
                samples.put(name, a);
            }
            a[n + 1] = us;
            a[0] = n + 1;
        }
    }

    /** The {@code q}-quantile of one statement kind's times in ms (nearest rank). */
    private double quantileMs(String name, double q) {
        long[] copy;
        synchronized (samples) {
            long[] a = samples.get(name);
            copy = a == null ? new long[0] : Arrays.copyOfRange(a, 1, 1 + (int) a[0]);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int rank = (int) Math.ceil(q * copy.length);
        return copy[Math.min(copy.length - 1, Math.max(0, rank - 1))] / 1e3;
    }

    /** The statement's first words, marked when it ends with {@code COMMIT} (sent in the same Sync). */
    private static String name(String raw) {
        String sql = raw.strip().replaceAll("\\s+", " ");
        String name = sql.substring(0, Math.min(48, sql.length()));
        return sql.endsWith("COMMIT") ? name + INBAND : name;
    }

    void reset() {
        counts.clear();
        micros.clear();
        inBand.reset();
        synchronized (samples) {
            samples.clear();
        }
    }

    long inBandCommits() {
        return inBand.sum();
    }

    long count() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String report(long transactions) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counts)
                .forEach((name, c) -> b.append(String.format(
                        "  %-60s %8d (%.2f per tx), mean %.3f ms, p50 %.3f, p99 %.3f ms%n",
                        name,
                        c.sum(),
                        (double) c.sum() / transactions,
                        micros.get(name).sum() / 1e3 / c.sum(),
                        quantileMs(name, 0.5),
                        quantileMs(name, 0.99))));
        return b.toString();
    }
}
