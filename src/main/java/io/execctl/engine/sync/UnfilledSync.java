package io.execctl.engine.sync;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.store.FillApplier;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderSyncState;
import io.execctl.store.OrderTx;
import io.execctl.store.SyncRunStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync unfilled} (pass {@code sync-unfilled}): today's open orders at the broker
 * ({@code inquire-psbl-rvsecncl} on real; on paper, where it does not exist, today's daily-ccld rows
 * with {@code CCLD_DVSN=02} and {@code rmn_qty > 0} — the client chooses). Open orders we do not hold
 * go to {@code OrderOwnership} (channel {@code OPEN_ORDERS}). A local open order of today that is
 * missing from the <em>complete</em> list is resolved by today's daily-ccld row: filled, cancelled
 * ({@code CANCELLED}/{@code CANCELLED_PARTIAL}), lapsed at the close, or — when its row is not there
 * yet (the history lags) or still shows it open — left as it is and counted unresolved, to be
 * rechecked. Never guessed. An incomplete list (or an incomplete daily-ccld) changes nothing.
 */
public final class UnfilledSync implements EnginePass {
    public static final String PASS = "sync-unfilled";
    private static final Logger LOG = LoggerFactory.getLogger(UnfilledSync.class);

    private final SyncParts parts;
    private final RowApplier rows;
    private final FillApplier applier;
    private final CancelConfirms cancels;
    private final TodayListing listing;

    public UnfilledSync(SyncParts parts) {
        this(parts, TodayListing.none());
    }

    /** @param listing today's complete listing, shared with the other syncs and the reconcile ({@link TodayListing}) */
    public UnfilledSync(SyncParts parts, TodayListing listing) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.listing = Objects.requireNonNull(listing, "listing");
        this.rows = parts.rowApplier();
        this.applier = new FillApplier(new OrderTx(parts.jdbi()), parts.clock());
        this.cancels = new CancelConfirms(parts);
    }

    @Override
    public PassReport run() {
        Instant started = parts.clock().instant();
        LocalDate today = KoreaTime.tradingDate(started);
        Paged<OpenOrder> open = parts.inquiries().openOrders();
        if (!open.complete()) {
            return incomplete("open orders: " + open.reason());
        }
        Map<String, OrderSyncState> known = new HashMap<>();
        for (OrderSyncState s : OrderSyncState.forDate(parts.jdbi(), parts.accountId(), today)) {
            known.put(s.order().key().odno(), s);
        }
        int changed = 0;
        int unresolved = 0;
        Set<String> openAtBroker = new HashSet<>();
        List<OrderKey> openKeys = new ArrayList<>();
        List<OpenOrder> openRows = new ArrayList<>();
        for (OpenOrder o : open.rows()) {
            String odno;
            try {
                odno = RowFacts.sighting(o, parts.accountId(), today).key().odno();
            } catch (IllegalArgumentException e) {
                parts.counters().badRow();
                LOG.warn("sync unfilled: unreadable open-order row (kept in the audit, skipped): {}", e.getMessage());
                unresolved++;
                continue;
            }
            openAtBroker.add(odno);
            OrderSyncState s = known.get(odno);
            if (s == null) {
                Ownership.Result r = Ownership.ask(parts, RowFacts.sighting(o, parts.accountId(), today));
                unresolved += r.pending() ? 1 : 0;
            } else {
                if (s.order().status() == OrderStatus.UNKNOWN && s.order().brokerStatus() == BrokerStatus.UNKNOWN) {
                    applier.applyBrokerStatus(s.order().key(), BrokerStatus.ACCEPTED);
                    changed++;
                }
                if (!s.order().status().isTerminal()) {
                    openKeys.add(s.order().key()); // a partial cancel lowers the open quantity
                    openRows.add(o);
                }
            }
        }
        cancels.openRows(openKeys, openRows);
        List<OrderSyncState> missing = new ArrayList<>();
        for (OrderSyncState s : known.values()) {
            if (!s.order().status().isTerminal()
                    && !openAtBroker.contains(s.order().key().odno())) {
                missing.add(s);
            }
        }
        int pages = open.pages();
        if (!missing.isEmpty()) {
            // today's complete listing, shared with the passes after this one (TodayListing): evidence
            // for the orders placed before it was requested; one absent from it is left, never resolved
            TodayListing.Answer a = listing.today(parts, today, PASS);
            DailyOrders d = a.listing();
            if (!d.complete()) {
                int timed = DeficitTimers.fromPartialListing(parts, d.orders().rows(), today);
                return incomplete("daily-ccld for " + missing.size() + " order(s) missing from the open list: "
                        + d.orders().reason() + " (" + timed + " short order(s) timed from the rows read)");
            }
            pages += a.reused() ? 0 : d.orders().pages();
            Map<String, DailyOrderRow> byOdno = new HashMap<>();
            for (DailyOrderRow r : d.orders().rows()) {
                byOdno.put(r.orderKey(parts.accountId()).odno(), r);
            }
            Map<String, FillDeficitStore.Timer> timers =
                    FillDeficitStore.of(parts.jdbi()).forDate(parts.accountId(), today);
            List<PageWriter.Item> items = new ArrayList<>();
            List<DailyOrderRow> itemRows = new ArrayList<>();
            for (OrderSyncState s : missing) {
                DailyOrderRow r = byOdno.get(s.order().key().odno());
                if (r == null) {
                    LOG.info(
                            "sync unfilled: order {} is not in the open list nor yet in daily-ccld (history lag?): left"
                                    + " as it is, rechecked next pass",
                            s.order().orderId());
                    unresolved++;
                    continue;
                }
                BrokerTotals t;
                try {
                    t = RowFacts.totals(r);
                } catch (IllegalArgumentException e) {
                    parts.counters().badRow();
                    LOG.warn(
                            "sync unfilled: unreadable daily-ccld row of {}: {}",
                            s.order().orderId(),
                            e.getMessage());
                    unresolved++;
                    continue;
                }
                // the timers are keyed by the stored (zero-padded) ODNO; the row's may come unpadded
                items.add(new PageWriter.Item(
                        s, t, RowFacts.lapsed(r, t), timers.get(s.order().key().odno())));
                itemRows.add(r);
            }
            List<RowApplier.Outcome> outs = parts.pageWriter(rows).apply(items, PASS);
            // only open orders are missing-checked; one lock-free read for the confirmations of all
            cancels.dailyRows(
                    itemRows,
                    items.stream().map(PageWriter.Item::totals).toList(),
                    Collections.nCopies(items.size(), true));
            for (int i = 0; i < items.size(); i++) {
                OrderSyncState s = items.get(i).state();
                BrokerTotals t = items.get(i).totals();
                RowApplier.Outcome out = outs.get(i);
                changed += out.changed() ? 1 : 0;
                if (out.open()) {
                    LOG.info(
                            "sync unfilled: order {} missing from the open list is still open by daily-ccld"
                                    + " (rmn_qty {}, deficit {}): rechecked next pass",
                            s.order().orderId(),
                            t.rmnQty(),
                            out.deficit());
                    unresolved++;
                }
            }
        }
        Instant completed = parts.clock().instant();
        SyncRunStore.of(parts.jdbi())
                .record(new SyncRunStore.Run(
                        SyncRunStore.Kind.UNFILLED,
                        parts.accountId(),
                        today,
                        started,
                        completed,
                        pages,
                        open.rows().size(),
                        0,
                        BigDecimal.ZERO,
                        changed));
        parts.counters().complete(PASS, completed);
        String summary = "%d open at the broker, %d local open orders missing from it; %d changed, %d unresolved"
                .formatted(open.rows().size(), missing.size(), changed, unresolved);
        LOG.info("sync unfilled: {}", summary);
        return new PassReport(PASS, true, changed, unresolved, summary);
    }

    private PassReport incomplete(String reason) {
        parts.counters().incomplete(PASS);
        LOG.warn("sync unfilled incomplete, nothing changed or judged: {}", reason);
        return new PassReport(PASS, false, 0, 0, "incomplete: " + reason);
    }
}
