package io.execctl.proof;

import io.execctl.proof.Violation.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table a chaos day ends with: one row per promise of issue 16 (the ledger check's rules grouped,
 * the outbox against the final rows, time from the last fault to convergence, the daemon's heap), each
 * PASS or FAIL with its count, then the offending rows. A pure function of what the run measured, so a
 * corrupted state can be shown to fail it without running a day.
 */
public final class ChaosVerdict {
    /** Target of issue 16: full convergence within this time after the last fault. */
    public static final Duration CONVERGENCE_TARGET = Duration.ofSeconds(30);
    /** Target of issue 16: the daemon's heap over the chaos day. */
    public static final long HEAP_TARGET_BYTES = 256L * 1024 * 1024;

    static final String SECRETS_ROW = "no secret in logs or audit (app key/secret, tokens, approval keys, account)";

    /** One line of the table. */
    public record Row(String check, boolean ok, String value) {
        public Row {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * What the run measured.
     *
     * @param ledger        the last ledger check (strict in real mode)
     * @param outbox        the outbox check's and the genuine-fill check's violations on the same state
     * @param convergence   from the last fault to the first passing check; null when it never passed
     * @param heapMaxBytes  the largest heap use seen in a daemon; negative when it could not be read
     * @param secrets       the secrets check ({@link SecretScan}): its violations, or null when it did not run
     */
    public record Measured(
            CheckResult ledger,
            List<Violation> outbox,
            Duration convergence,
            long heapMaxBytes,
            List<Violation> secrets) {
        public Measured {
            Objects.requireNonNull(ledger, "ledger");
            outbox = List.copyOf(outbox);
            secrets = secrets == null ? null : List.copyOf(secrets);
        }

        /** Without the secrets check (its row then says it did not run, and fails). */
        public Measured(CheckResult ledger, List<Violation> outbox, Duration convergence, long heapMaxBytes) {
            this(ledger, outbox, convergence, heapMaxBytes, null);
        }
    }

    private final List<Row> rows;
    private final List<Violation> violations;

    private ChaosVerdict(List<Row> rows, List<Violation> violations) {
        this.rows = List.copyOf(rows);
        this.violations = List.copyOf(violations);
    }

    public static ChaosVerdict of(Measured m) {
        return of(m, List.of());
    }

    /** With rows about the run itself (kills done, the PostgreSQL restart), judged by the caller. */
    public static ChaosVerdict of(Measured m, List<Row> runRows) {
        List<Violation> all = new ArrayList<>(m.ledger().violations());
        all.addAll(m.outbox());
        if (m.secrets() != null) {
            all.addAll(m.secrets());
        }
        all.sort(Comparator.comparing(Violation::rule));
        List<Row> rows = new ArrayList<>();
        rows.add(rule(
                "at most one broker order per intent, exactly one per valid intent",
                all,
                EnumSet.of(Rule.INTENT_WITH_SEVERAL_ORDERS, Rule.INTENT_WITHOUT_ORDER, Rule.API_ORDER_WITHOUT_INTENT)));
        rows.add(rule("zero UNKNOWN submissions after convergence", all, EnumSet.of(Rule.UNKNOWN_SUBMISSION)));
        rows.add(rule(
                "every broker order in trade.orders (intent, EXTERNAL or linked)",
                all,
                EnumSet.of(Rule.BROKER_ORDER_NOT_RECORDED, Rule.REVISION_NOT_LINKED, Rule.ORDER_NOT_AT_BROKER)));
        rows.add(rule(
                "live fills = broker executed qty and amount (no fill twice, none missing)",
                all,
                EnumSet.of(Rule.FILL_SURPLUS, Rule.FILL_MISSING, Rule.FILL_AMOUNT, Rule.ORDER_FILLED_QTY)));
        rows.add(rule("no genuine fill voided", all, EnumSet.of(Rule.GENUINE_FILL_VOIDED)));
        rows.add(rule("holdings = broker's", all, EnumSet.of(Rule.HOLDING_MISMATCH)));
        Row terminal = rule(
                "every intent terminal or explicitly reported",
                all,
                EnumSet.of(Rule.ORDER_NOT_TERMINAL, Rule.INTENT_NOT_TERMINAL, Rule.INTENT_NOT_HANDLED));
        rows.add(new Row(
                terminal.check(),
                terminal.ok(),
                terminal.value() + "; reported open (working at the broker): "
                        + m.ledger().openIntents().size()));
        rows.add(rule(
                "outbox agrees with the final rows (fills, voids, terminal once, corrections)",
                all,
                EnumSet.of(
                        Rule.OUTBOX_FILL,
                        Rule.OUTBOX_VOID,
                        Rule.OUTBOX_ORDER_STATUS,
                        Rule.OUTBOX_TERMINAL_TWICE,
                        Rule.OUTBOX_INTENT_STATUS)));
        rows.add(rule("ledger of the checked account", all, EnumSet.of(Rule.ACCOUNT)));
        if (m.convergence() == null) {
            rows.add(new Row("last fault -> full convergence <= 30 s", false, "never converged"));
        } else {
            rows.add(new Row(
                    "last fault -> full convergence <= 30 s",
                    m.convergence().compareTo(CONVERGENCE_TARGET) <= 0,
                    String.format("%.1f s", m.convergence().toMillis() / 1000.0)));
        }
        if (m.heapMaxBytes() < 0) {
            rows.add(new Row("daemon heap <= 256 MB", false, "not measured"));
        } else {
            rows.add(new Row(
                    "daemon heap <= 256 MB",
                    m.heapMaxBytes() <= HEAP_TARGET_BYTES,
                    String.format("max %.1f MB used", m.heapMaxBytes() / (1024.0 * 1024.0))));
        }
        if (m.secrets() == null) {
            rows.add(new Row(SECRETS_ROW, false, "not checked"));
        } else {
            rows.add(rule(SECRETS_ROW, all, EnumSet.of(Rule.SECRET_IN_LOG)));
        }
        rows.addAll(runRows);
        return new ChaosVerdict(rows, all);
    }

    private static Row rule(String name, List<Violation> all, Set<Rule> rules) {
        long n = all.stream().filter(v -> rules.contains(v.rule())).count();
        return new Row(name, n == 0, n == 0 ? "0 violations" : n + " violation(s)");
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** True when every row passed. */
    public boolean ok() {
        return rows.stream().allMatch(Row::ok);
    }

    /** The table, then the violations with their rows (at most {@code maxViolations} of each rule). */
    public String table(int maxViolations) {
        String nl = System.lineSeparator();
        int width = rows.stream().mapToInt(r -> r.check().length()).max().orElse(10);
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-" + width + "s  %-6s %s", "check", "result", "value"))
                .append(nl);
        for (Row r : rows) {
            b.append(String.format("%-" + width + "s  %-6s %s", r.check(), r.ok() ? "PASS" : "FAIL", r.value()))
                    .append(nl);
        }
        b.append("verdict: ").append(ok() ? "PASS" : "FAIL").append(nl);
        // at most maxViolations of each rule, so every kind of failure shows its rows
        Map<Rule, List<Violation>> byRule = new TreeMap<>();
        violations.forEach(
                v -> byRule.computeIfAbsent(v.rule(), k -> new ArrayList<>()).add(v));
        byRule.forEach((rule, vs) -> {
            vs.stream().limit(maxViolations).forEach(v -> b.append(v).append(nl));
            if (vs.size() > maxViolations) {
                b.append("... and ")
                        .append(vs.size() - maxViolations)
                        .append(" more ")
                        .append(rule)
                        .append(nl);
            }
        });
        return b.toString();
    }
}
