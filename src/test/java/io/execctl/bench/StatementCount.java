package io.execctl.bench;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the statements the notice lanes send (each is one round trip; the commit is one more) and
 * their time, by the statement's first words: a figure the machine's load does not change.
 */
final class StatementCount implements SqlLogger {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> micros = new ConcurrentHashMap<>();
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
        String sql = ctx.getRawSql().strip().replaceAll("\\s+", " ");
        String name = sql.substring(0, Math.min(48, sql.length()));
        if (sql.endsWith("COMMIT")) {
            inBand.increment();
        }
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
        long us = ctx.getExecutionMoment() == null || ctx.getCompletionMoment() == null
                ? 0
                : ctx.getExecutionMoment().until(ctx.getCompletionMoment(), ChronoUnit.MICROS);
        micros.computeIfAbsent(name, k -> new LongAdder()).add(us);
    }

    void reset() {
        counts.clear();
        micros.clear();
        inBand.reset();
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
                        "  %-50s %8d (%.2f per tx), mean %.3f ms%n",
                        name,
                        c.sum(),
                        (double) c.sum() / transactions,
                        micros.get(name).sum() / 1e3 / c.sum())));
        return b.toString();
    }
}
