package io.execctl.proof;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the ledger check found: the violations (empty = the database agrees with the broker) and
 * counts for the summary. {@code openIntents} are intents not terminal yet that are not violations
 * (an order still working at the broker): reported explicitly, never silently passed.
 */
public record CheckResult(
        List<Violation> violations,
        int brokerOrders,
        int dbOrders,
        int liveFills,
        int holdings,
        int intents,
        int unknownSubmissions,
        List<String> openIntents) {
    public CheckResult {
        violations = List.copyOf(violations);
        openIntents = List.copyOf(openIntents);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    /** The distinct rules broken. */
    public Set<Violation.Rule> rules() {
        return violations.stream().map(Violation::rule).collect(Collectors.toSet());
    }

    /** A few lines for a terminal: the counts, then every violation with its rows. */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append("ledger check: ")
                .append(ok() ? "OK" : violations.size() + " violation(s)")
                .append(" — broker orders ")
                .append(brokerOrders)
                .append(", trade.orders ")
                .append(dbOrders)
                .append(", live fills ")
                .append(liveFills)
                .append(", holdings ")
                .append(holdings)
                .append(", intents ")
                .append(intents)
                .append(", UNKNOWN submissions ")
                .append(unknownSubmissions);
        if (!openIntents.isEmpty()) {
            b.append(nl).append("  intents not terminal (order still working at the broker): ");
            b.append(openIntents.size());
            openIntents.stream()
                    .limit(10)
                    .forEach(s -> b.append(nl).append("    ").append(s));
        }
        for (Violation v : violations) {
            b.append(nl).append("  ").append(v);
        }
        return b.toString();
    }
}
