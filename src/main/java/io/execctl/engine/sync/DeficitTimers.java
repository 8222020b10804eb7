package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.kis.DailyOrderRow;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderSyncState;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deficit timers from the rows of an incomplete {@code inquire-daily-ccld} listing, and nothing else:
 * no fill, order or proof is written, no absence judged. A row is the broker's word on that order
 * whether or not the pages after it could be read, and a timer only measures how long a deficit has
 * lasted — the inference still needs a complete listing (and the same proof) after the window. Why:
 * on a busy account every continuation is refused as "data changed" (KIS's {@code SYDB0050} after any
 * activity); on the chaos day no full listing completed for two minutes before the faults went off,
 * so every deficit of those minutes started its inference window only then. The first page holds the newest
 * orders ({@code INQR_DVSN 00}, newest first), where deficits are.
 */
final class DeficitTimers {
    private DeficitTimers() {}

    /**
     * Starts the timers of today's known orders that {@code rows} show short of live fills, through
     * {@link FillDeficitStore#startAll}: an existing timer for the same proof keeps its start, another
     * proof restarts it.
     *
     * @return orders the rows show short (their timers now run)
     */
    static int fromPartialListing(SyncParts parts, List<DailyOrderRow> rows, LocalDate today) {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, OrderSyncState> known = new HashMap<>();
        for (OrderSyncState s : OrderSyncState.forDate(parts.jdbi(), parts.accountId(), today)) {
            known.put(s.order().key().odno(), s);
        }
        Map<OrderKey, Long> start = new HashMap<>();
        for (DailyOrderRow r : rows) {
            BrokerTotals t;
            OrderKey key;
            try {
                t = RowFacts.totals(r);
                key = r.orderKey(parts.accountId());
            } catch (IllegalArgumentException e) {
                continue; // counted and logged by the complete pass that reads it
            }
            OrderSyncState s = known.get(key.odno());
            if (s == null || !key.orderDate().equals(today)) {
                continue;
            }
            long proof = s.proof().merge(t).qty();
            if (proof > s.liveQty()) {
                start.put(s.order().key(), proof);
            }
        }
        FillDeficitStore.of(parts.jdbi()).startAll(start, parts.clock().instant());
        return start.size();
    }
}
