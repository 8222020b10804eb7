package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.OpenOrder;
import io.execctl.store.CancelledQuantity;
import java.util.Objects;

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
     * A daily-ccld row of a stored order (its totals already applied), or a cancel row of one.
     *
     * @param wasOpen whether the row's own order was open before this pass (a closed one has no open
     *                quantity left to lower: its cumulative figure is skipped, sparing a transaction)
     */
    void dailyRow(DailyOrderRow r, BrokerTotals t, boolean wasOpen) {
        if (r.isRevision() && r.cancelled()) {
            OrderKey target = OrderKey.of(accountId, r.ordDt(), r.orgnOdno());
            store.confirmCancel(target, r.odno(), r.ordQty(), CancelledQuantity.Source.DAILY_CCLD);
            return;
        }
        if (wasOpen && t.cnclCfrmQty() > 0 && !RowFacts.lapsed(r, t)) {
            store.confirmCumulative(r.orderKey(accountId), t.cnclCfrmQty());
        }
    }

    /** An open-orders row of a stored order: what is neither executed nor still cancellable is gone. */
    void openRow(OrderKey key, OpenOrder o) {
        long gone = o.ordQty() - o.totCcldQty() - o.psblQty();
        if (gone > 0) {
            store.confirmCumulative(key, gone);
        }
    }
}
