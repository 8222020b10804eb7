package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KoreaTime;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderSyncState;
import io.execctl.store.SyncRunStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync fills} (pass {@code sync-fills}): today's {@code inquire-daily-ccld}, every page, and per
 * order its {@code tot_ccld_qty}/{@code tot_ccld_amt} against the live fills through the core's fill
 * model ({@link RowApplier}). A row of an order we do not hold goes to {@code OrderOwnership} (channel
 * {@code DAILY_CCLD}) first. An incomplete inquiry changes and judges nothing but the deficit timers of
 * the rows it read ({@link DeficitTimers}). A complete pass records
 * its watermark ({@code trade.sync_runs}, kind {@code FILLS}) after its per-order transactions commit.
 */
public final class FillsSync implements EnginePass {
    public static final String PASS = "sync-fills";
    private static final Logger LOG = LoggerFactory.getLogger(FillsSync.class);

    private final SyncParts parts;
    private final RowApplier rows;
    private final PageWriter pages;
    private final CancelConfirms cancels;
    private final TodayListing listing;

    public FillsSync(SyncParts parts) {
        this(parts, TodayListing.none());
    }

    /** @param listing where today's complete listing is kept for the reconcile ({@link TodayListing}) */
    public FillsSync(SyncParts parts, TodayListing listing) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.rows = parts.rowApplier();
        this.pages = parts.pageWriter(rows);
        this.cancels = new CancelConfirms(parts);
        this.listing = Objects.requireNonNull(listing, "listing");
    }

    /**
     * Applies the collected rows (one transaction for those that change something), then their
     * cancel figures, in row order; clears both lists.
     *
     * @return {changed, deficits waiting}
     */
    private int[] flush(List<PageWriter.Item> items, List<DailyOrderRow> itemRows) {
        List<RowApplier.Outcome> out = pages.apply(items, PASS);
        int changed = 0;
        int waiting = 0;
        List<BrokerTotals> totals = new ArrayList<>(items.size());
        List<Boolean> wasOpen = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RowApplier.Outcome o = out.get(i);
            changed += o.changed() ? 1 : 0;
            waiting += o.deficit() > 0 ? 1 : 0;
            PageWriter.Item it = items.get(i);
            totals.add(it.totals());
            wasOpen.add(!it.state().order().status().isTerminal());
        }
        cancels.dailyRows(itemRows, totals, wasOpen);
        items.clear();
        itemRows.clear();
        return new int[] {changed, waiting};
    }

    @Override
    public PassReport run() {
        LocalDate today = KoreaTime.tradingDate(parts.clock().instant());
        // another sync's complete listing of seconds ago is the same evidence (TodayListing): no pages
        TodayListing.Answer a = listing.today(parts, today, PASS);
        DailyOrders d = a.listing();
        Instant started = a.requestedAt(); // the watermark: what the listing proves is as of its request
        if (!d.complete()) {
            parts.counters().incomplete(PASS);
            int timed = DeficitTimers.fromPartialListing(parts, d.orders().rows(), today);
            LOG.warn(
                    "sync fills incomplete, nothing changed or judged: {} ({} rows, {} pages read; {} short order(s)"
                            + " timed from them)",
                    d.orders().reason(),
                    d.orders().rows().size(),
                    d.orders().pages(),
                    timed);
            return new PassReport(PASS, false, 0, 0, "incomplete: " + d.orders().reason());
        }
        Map<String, OrderSyncState> known = new HashMap<>();
        for (OrderSyncState s : OrderSyncState.forDate(parts.jdbi(), parts.accountId(), today)) {
            known.put(s.order().key().odno(), s);
        }
        Map<String, FillDeficitStore.Timer> timers =
                FillDeficitStore.of(parts.jdbi()).forDate(parts.accountId(), today);
        int changed = 0;
        int unresolved = 0;
        int waiting = 0;
        List<PageWriter.Item> items = new ArrayList<>();
        List<DailyOrderRow> itemRows = new ArrayList<>();
        long qty = 0;
        BigDecimal amt = BigDecimal.ZERO;
        for (DailyOrderRow r : d.orders().rows()) {
            qty += r.totCcldQty();
            amt = amt.add(r.totCcldAmt());
            BrokerTotals t;
            try {
                t = RowFacts.totals(r);
                r.orderKey(parts.accountId());
            } catch (IllegalArgumentException e) {
                parts.counters().badRow();
                LOG.warn("sync fills: unreadable daily-ccld row (kept in the audit, skipped): {}", e.getMessage());
                unresolved++;
                continue;
            }
            OrderSyncState s = known.get(r.orderKey(parts.accountId()).odno());
            if (s == null) {
                Ownership.Result owned = Ownership.ask(parts, RowFacts.sighting(r, parts.accountId()));
                unresolved += owned.pending() ? 1 : 0;
                if (owned.state().isEmpty()) {
                    continue;
                }
                s = owned.state().get();
            }
            items.add(new PageWriter.Item(
                    s, t, RowFacts.lapsed(r, t), timers.get(s.order().key().odno())));
            itemRows.add(r);
            if (items.size() == PageWriter.PAGE) {
                int[] n = flush(items, itemRows);
                changed += n[0];
                waiting += n[1];
            }
        }
        int[] n = flush(items, itemRows);
        changed += n[0];
        waiting += n[1];
        Instant completed = parts.clock().instant();
        SyncRunStore.of(parts.jdbi())
                .record(new SyncRunStore.Run(
                        SyncRunStore.Kind.FILLS,
                        parts.accountId(),
                        today,
                        started,
                        completed,
                        d.orders().pages(),
                        d.orders().rows().size(),
                        qty,
                        amt,
                        changed));
        parts.counters().complete(PASS, completed);
        String summary = "%d orders, %d pages%s; %d changed, %d deficits waiting for the lag window, %d unresolved"
                .formatted(
                        d.orders().rows().size(),
                        d.orders().pages(),
                        a.reused() ? " (today's listing of sync-unfilled, not fetched again)" : "",
                        changed,
                        waiting,
                        unresolved);
        LOG.info("sync fills: {}", summary);
        return new PassReport(PASS, true, changed, unresolved, summary);
    }
}
