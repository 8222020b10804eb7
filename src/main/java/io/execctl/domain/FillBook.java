package io.execctl.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The state {@link FillModel} works on: every fill row of one order (voided ones included, in the
 * order they were recorded) and the best the broker has said about its totals.
 *
 * @param rows   all rows, oldest first; never shrinks
 * @param broker the highest cumulative totals seen in a snapshot, and whether they are final
 */
public record FillBook(String orderId, List<Fill> rows, Broker broker) {
    public FillBook {
        Checks.notBlank(orderId, "orderId");
        rows = List.copyOf(rows);
        Checks.notNull(broker, "broker");
        for (Fill f : rows) {
            if (!f.orderId().equals(orderId)) {
                throw new IllegalArgumentException("a fill of another order in the book");
            }
        }
    }

    /** An order with no fills and no snapshot yet. */
    public static FillBook empty(String orderId) {
        return new FillBook(orderId, List.of(), Broker.NONE);
    }

    /**
     * What snapshots proved so far. {@code qty}/{@code amount} only grow (executions never un-happen;
     * a stale snapshot with less is ignored); once {@code isFinal}, they are the order's last word.
     */
    public record Broker(long qty, BigDecimal amount, boolean isFinal) {
        public static final Broker NONE = new Broker(0, BigDecimal.ZERO, false);

        public Broker {
            Checks.nonNegative(qty, "qty");
            Checks.notNull(amount, "amount");
            Checks.nonNegative(amount, "amount");
        }

        /** This view after {@code t}: a snapshot with fewer executions than known is stale and changes nothing. */
        public Broker merge(BrokerTotals t) {
            if (isFinal || t.totCcldQty() < qty) {
                return this;
            }
            if (t.totCcldQty() == qty && !t.isFinal()) {
                return this;
            }
            return new Broker(t.totCcldQty(), t.totCcldAmt(), t.isFinal());
        }
    }

    public List<Fill> live() {
        return rows.stream().filter(Fill::live).toList();
    }

    public long liveQty() {
        return rows.stream().filter(Fill::live).mapToLong(Fill::qty).sum();
    }

    public BigDecimal liveAmount() {
        return rows.stream().filter(Fill::live).map(Fill::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Quantity the broker has proved executed that no live row accounts for (0 if none). */
    public long deficit() {
        return Math.max(0, broker.qty() - liveQty());
    }

    /** True when the live rows sum to the broker's final totals exactly (quantity and amount). */
    public boolean converged() {
        return broker.isFinal() && liveQty() == broker.qty() && liveAmount().compareTo(broker.amount()) == 0;
    }

    boolean has(Fill f) {
        return rows.stream().anyMatch(r -> r.fillId().equals(f.fillId()));
    }

    int inferredCount() {
        return (int)
                rows.stream().filter(r -> r.source() == FillSource.INFERRED).count();
    }
}
