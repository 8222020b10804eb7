package io.execctl.engine.cancel;

import io.execctl.domain.Side;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link KillSwitch} run left behind: one line per targeted order, closed or not and why.
 *
 * @param allClosed  every target was closed by the end (exit 0); otherwise exit 4
 * @param incomplete why the last open-orders inquiry was incomplete, or null
 */
public record KillReport(List<Line> lines, boolean allClosed, String incomplete) {
    public KillReport {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    /**
     * @param odno    the targeted ODNO (today's)
     * @param orderId our {@code trade.orders} id, or null for an order execctl does not hold
     * @param via     why it was targeted (selected, open at the broker, modify of …)
     * @param sends   full-cancel POSTs sent for it
     * @param detail  the last answer, or what kept it from being confirmed closed
     */
    public record Line(
            String odno,
            String orderId,
            String symbol,
            Side side,
            String via,
            int sends,
            boolean closed,
            String detail) {}

    public List<Line> remaining() {
        return lines.stream().filter(l -> !l.closed()).toList();
    }
}
