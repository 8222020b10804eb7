package io.execctl.kis;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every {@link KisMetrics} report in memory under a key {@code name{label,label}}, e.g.
 * {@code request{order_cash,unknown}}. Thread-safe; for tests and command-line tools.
 */
public final class InMemoryKisMetrics implements KisMetrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    private void inc(String name, String... labels) {
        String key = name + "{" + String.join(",", labels) + "}";
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** The count under {@code name{labels}} (0 if never reported). */
    public long count(String name, String... labels) {
        LongAdder a = counters.get(name + "{" + String.join(",", labels) + "}");
        return a == null ? 0 : a.sum();
    }

    /** The sum of every counter whose key starts with {@code name{}. */
    public long total(String name) {
        return counters.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{"))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** A sorted snapshot of all counters. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void request(String operation, String outcome, Duration elapsed) {
        inc("request", operation, outcome);
    }

    @Override
    public void rateLimitBackoff(String operation) {
        inc("rateLimitBackoff", operation);
    }

    @Override
    public void retry(String operation, String reason) {
        inc("retry", operation, reason);
    }

    @Override
    public void rateBudgetWait(String priority, Duration waited) {
        inc("rateBudgetWait", priority);
    }

    @Override
    public void tokenIssued(String kind) {
        inc("tokenIssued", kind);
    }

    @Override
    public void tokenIssueRefused(String kind, String reason) {
        inc("tokenIssueRefused", kind, reason);
    }

    @Override
    public void tokenInvalidated(String kind) {
        inc("tokenInvalidated", kind);
    }

    @Override
    public void paginationRestart(String operation) {
        inc("paginationRestart", operation);
    }

    @Override
    public void paginationIncomplete(String operation) {
        inc("paginationIncomplete", operation);
    }

    @Override
    public void wsFrame(String outcome) {
        inc("wsFrame", outcome);
    }

    @Override
    public void wsControl(String msgCd) {
        inc("wsControl", msgCd);
    }

    @Override
    public void wsReconnect() {
        inc("wsReconnect");
    }

    @Override
    public void wsGap() {
        inc("wsGap");
    }

    @Override
    public void listenerError(String where) {
        inc("listenerError", where);
    }

    @Override
    public String toString() {
        return "InMemoryKisMetrics" + snapshot();
    }
}
