package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.OpenOrder;
import io.execctl.store.CancelledQuantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the REST rows prove about cancels, handed to {@link CancelledQuantity} so a partial cancel
 * lowers the original's open quantity without waiting for the order to end: daily-ccld's cancel
 * rows ({@code orgn_odno} = the original, {@code cncl_yn Y}) and the original's own
 * {@code cncl_cfrm_qty}, and the open-orders list's {@code ord_qty - tot_ccld_qty - psbl_qty}.
 * Kept apart from {@link RowApplier}: the totals there decide fills and the final status, this only
 * the confirmed-cancelled quantity (each a lower bound; the store keeps the largest).
 */
final class CancelConfirms {
    private final CancelledQuantity store;
    private final String accountId;

    CancelConfirms(SyncParts parts) {
        this.store = new CancelledQuantity(parts.jdbi(), parts.clock());
        this.accountId = Objects.requireNonNull(parts.accountId(), "accountId");
    }

    /**
     * The daily-ccld rows of a page (index for index with their totals, already applied), each a row
     * of a stored order or a cancel row of one: the confirmations they prove that would change nothing
     * now are found with one lock-free read ({@link CancelledQuantity#noOps}) and cost no transaction;
     * the others go through the locked path, one by one.
     *
     * @param wasOpen per row, whether its own order was open before this pass (a closed one has no
     *                open quantity left to lower: its cumulative figure is skipped)
     */
    void dailyRows(List<DailyOrderRow> rows, List<BrokerTotals> totals, List<Boolean> wasOpen) {
        List<CancelledQuantity.Confirmation> page = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CancelledQuantity.Confirmation c = confirmation(rows.get(i), totals.get(i), wasOpen.get(i));
            if (c != null) {
                page.add(c);
            }
        }
        confirm(page);
    }

    /**
     * The open-orders rows of stored open orders (index for index with their keys): what is neither
     * executed nor still cancellable is gone — as {@link #dailyRows}, no-ops without a transaction.
     */
    void openRows(List<OrderKey> keys, List<OpenOrder> rows) {
        List<CancelledQuantity.Confirmation> page = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OpenOrder o = rows.get(i);
            long gone = o.ordQty() - o.totCcldQty() - o.psblQty();
            if (gone > 0) {
                page.add(new CancelledQuantity.Confirmation(keys.get(i), null, gone));
            }
        }
        confirm(page);
    }

    private void confirm(List<CancelledQuantity.Confirmation> page) {
        if (page.isEmpty()) {
            return;
        }
        Set<CancelledQuantity.Confirmation> noOps = store.noOps(page);
        for (CancelledQuantity.Confirmation c : page) {
            if (noOps.contains(c)) {
                continue;
            }
            if (c.cancelOdno() != null) {
                store.confirmCancel(c.target(), c.cancelOdno(), c.qty(), CancelledQuantity.Source.DAILY_CCLD);
            } else {
                store.confirmCumulative(c.target(), c.qty());
            }
        }
    }

    /** What the row proves: a cancel of its original, the order's cumulative cancelled figure, or null. */
    private CancelledQuantity.Confirmation confirmation(DailyOrderRow r, BrokerTotals t, boolean wasOpen) {
        if (r.isRevision() && r.cancelled()) {
            return new CancelledQuantity.Confirmation(
                    OrderKey.of(accountId, r.ordDt(), r.orgnOdno()), r.odno(), r.ordQty());
        }
        if (wasOpen && t.cnclCfrmQty() > 0 && !RowFacts.lapsed(r, t)) {
            return new CancelledQuantity.Confirmation(r.orderKey(accountId), null, t.cnclCfrmQty());
        }
        return null;
    }
}
