package io.execctl.kis;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code inquire-daily-ccld}: the order rows, and the {@code output2} totals of each
 * queried segment (one, or two when the range crosses the three-month boundary and both TR ids are used).
 *
 * <p>Two uses, two standards. Every row is true as far as it goes, so an order's cumulative totals
 * ({@code tot_ccld_qty}, {@code tot_ccld_amt}, {@code rmn_qty}, ...) may be applied from any row read,
 * complete or not. Only a {@linkplain #provesAbsence() complete} result can show that an order is
 * <em>not</em> there.
 *
 * @param orders         the rows and whether every page was read
 * @param totals         {@code output2} of each segment that was read to its end
 * @param totalsMismatch where the rows and {@code output2} disagree (a cross-check, never a gate); empty
 *                       when they agree or could not be compared
 */
public record DailyOrders(Paged<DailyOrderRow> orders, List<DailyTotals> totals, String totalsMismatch) {
    public DailyOrders {
        Objects.requireNonNull(orders, "orders");
        totals = List.copyOf(totals);
        totalsMismatch = totalsMismatch == null ? "" : totalsMismatch;
    }

    public DailyOrders(Paged<DailyOrderRow> orders, List<DailyTotals> totals) {
        this(orders, totals, "");
    }

    /** Every page was read and nothing contradicts it: see {@link #provesAbsence()}. */
    public boolean complete() {
        return orders.complete();
    }

    /**
     * Whether an order missing from these rows is absent at KIS within the query's scope (dates,
     * symbol, side, ODNO, fill filter): only when every page was read ({@code tr_cont} D/E with a blank
     * {@code CTX_AREA_NK100}) and {@code output1} was not empty while {@code output2} counted orders.
     * It says nothing about time: today's history can lag, so the caller must also wait out the lag
     * window before trusting an absence.
     */
    public boolean provesAbsence() {
        return orders.complete();
    }
}
