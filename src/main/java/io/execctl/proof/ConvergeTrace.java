package io.execctl.proof;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What still fails during the convergence wait, as a line each time it changes: which rule holds
 * convergence back and since when is otherwise invisible (only the first passing check is timed).
 * A line names each failing rule with its count and its first violation's detail (order numbers,
 * symbols, intent ids — never a credential; the account rule's detail is left out).
 */
public final class ConvergeTrace {
    private static final int DETAIL_MAX = 140;

    private String last = "";

    /** The line for this check when the failing rules or their counts changed since the last one. */
    public Optional<String> next(Duration sinceLastFault, CheckResult ledger, List<Violation> outbox) {
        Map<Violation.Rule, Integer> counts = new TreeMap<>();
        Map<Violation.Rule, String> first = new TreeMap<>();
        Stream.concat(ledger.violations().stream(), outbox.stream()).forEach(v -> {
            counts.merge(v.rule(), 1, Integer::sum);
            first.putIfAbsent(v.rule(), v.detail());
        });
        String key = counts.toString();
        if (key.equals(last)) {
            return Optional.empty();
        }
        last = key;
        String at = String.format("t+%.1f s", sinceLastFault.toMillis() / 1000.0);
        if (counts.isEmpty()) {
            return Optional.of(at + ": every rule passes");
        }
        StringBuilder b = new StringBuilder(at).append(": failing");
        counts.forEach((rule, n) -> {
            b.append(' ').append(rule).append('×').append(n);
            if (rule != Violation.Rule.ACCOUNT) {
                String d = first.get(rule);
                b.append(" (")
                        .append(d.length() > DETAIL_MAX ? d.substring(0, DETAIL_MAX) + "…" : d)
                        .append(')');
            }
            b.append(';');
        });
        return Optional.of(b.toString());
    }
}
