package io.execctl.sim.http;

import io.execctl.sim.market.CcldView;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.SimBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The inquiry faults applied to the broker's rows before an inquiry renders them: {@code ccld_lag_ms}
 * (today's new rows invisible for a while in inquire-daily-ccld and inquire-psbl-rvsecncl),
 * {@code ccld_stale_totals_ms} (daily-ccld's per-order totals behind the executions) and
 * {@code paper_ccld_empty_rate} (paper's empty output1). Lags are measured on the broker's wall clock.
 */
final class InquiryFaultView {
    private final Supplier<Faults> faults;
    private final SimBroker broker;
    private final boolean paper;
    private final Dice dice;

    InquiryFaultView(Supplier<Faults> faults, SimBroker broker, boolean paper, long seed) {
        this.faults = faults;
        this.broker = broker;
        this.paper = paper;
        this.dice = new Dice(seed ^ 0x1A6_CC1DL);
    }

    /** Rows of inquire-psbl-rvsecncl: today's newest hidden under ccld_lag_ms. */
    List<OrderRecord> openOrders(List<OrderRecord> rows) {
        Faults f = faults.get();
        if (f.ccldLagMs() == 0) {
            return rows;
        }
        return CcldView.lagged(rows, broker.clock().tradingDate(), now(), Duration.ofMillis(f.ccldLagMs()));
    }

    /** Rows of inquire-daily-ccld: lagged, and their totals stale under ccld_stale_totals_ms. */
    List<OrderRecord> dailyCcld(List<OrderRecord> rows) {
        Faults f = faults.get();
        if (f.ccldLagMs() == 0 && f.ccldStaleTotalsMs() == 0) {
            return rows;
        }
        Instant now = now();
        List<OrderRecord> visible =
                CcldView.lagged(rows, broker.clock().tradingDate(), now, Duration.ofMillis(f.ccldLagMs()));
        return CcldView.staleTotals(visible, now, Duration.ofMillis(f.ccldStaleTotalsMs()));
    }

    /** Paper answers this daily-ccld request with an empty output1 (paper_ccld_empty_rate). */
    boolean emptyOutput1() {
        return paper && dice.roll(faults.get().paperCcldEmptyRate());
    }

    private Instant now() {
        return broker.wallClock().instant();
    }
}
