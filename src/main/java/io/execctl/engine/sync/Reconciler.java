package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.Side;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderSyncState;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import io.execctl.store.SyncRunStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile} (pass {@code reconcile}, design §4): walks our own non-terminal orders of
 * <em>any</em> date one by one and asks the broker about each with a targeted daily-ccld for its own
 * trading date, symbol and side (orders sharing all three share one inquiry per pass). Found: its
 * totals go through the fill model ({@link RowApplier}); an order of an earlier day ends as the broker
 * reports it (lapsed at the close: {@code EXPIRED}); every drift corrected is logged. Not found in a
 * complete answer, or the answer incomplete: left as it is, counted unresolved — never guessed.
 *
 * <p>Today's orders found in today's complete account-wide listing fetched by a sync of the same
 * engine moments before ({@link TodayListing}) take their row from it: no targeted inquiry for what
 * that listing already proves. Orders absent from it, of earlier dates, or with no fresh complete
 * listing are asked about as above; an optional budget bounds the time a pass spends asking.
 *
 * <p>UNKNOWN submissions are counted and listed in the summary, not resolved here: that is the
 * {@code resolve-unknown} pass (the ownership component's {@code UnknownResolver}), run after this one.
 */
public final class Reconciler implements EnginePass {
    public static final String PASS = "reconcile";
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** The default bound on the time one pass spends on targeted inquiries (then the rest waits a pass). */
    public static final Duration DEFAULT_INQUIRY_BUDGET = Duration.ofSeconds(20);

    private final SyncParts parts;
    private final RowApplier rows;
    private final TodayListing listing;
    private final Duration inquiryBudget;

    /** Every order asked about with a targeted inquiry, without a time bound (the one-shot command). */
    public Reconciler(SyncParts parts) {
        this(parts, TodayListing.none(), null);
    }

    /**
     * @param listing       today's complete listing fetched by a sync of the same engine: today's
     *                      orders found in it need no targeted inquiry
     * @param inquiryBudget once a pass has run this long, orders that would need a new targeted inquiry
     *                      are left to the next pass (counted unresolved, never guessed); null: no bound
     */
    public Reconciler(SyncParts parts, TodayListing listing, Duration inquiryBudget) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.rows = parts.rowApplier();
        this.listing = Objects.requireNonNull(listing, "listing");
        this.inquiryBudget = inquiryBudget;
    }

    private record Scope(LocalDate date, String symbol, Side side) {}

    @Override
    public PassReport run() {
        Instant started = parts.clock().instant();
        LocalDate today = KoreaTime.tradingDate(started);
        List<Order> open = OrderStore.of(parts.jdbi()).findOpen(parts.accountId());
        Map<Scope, DailyOrders> asked = new HashMap<>();
        FillDeficitStore deficits = FillDeficitStore.of(parts.jdbi());
        int changed = 0;
        int unresolved = 0;
        int pages = 0;
        boolean complete = true;
        Map<String, DailyOrderRow> listed = listing.fresh(today, started).orElse(Map.of());
        Instant deadline = inquiryBudget == null ? null : started.plus(inquiryBudget);
        int fromListing = 0;
        int deferred = 0;
        Map<String, OrderSyncState> todayStates = new HashMap<>();
        Map<String, FillDeficitStore.Timer> todayTimers = Map.of();
        if (!listed.isEmpty()) {
            for (OrderSyncState st : OrderSyncState.forDate(parts.jdbi(), parts.accountId(), today)) {
                todayStates.put(st.order().key().odno(), st);
            }
            todayTimers = deficits.forDate(parts.accountId(), today);
        }
        List<PageWriter.Item> items = new ArrayList<>();
        for (Order o : open) {
            Scope scope = new Scope(o.key().orderDate(), o.symbol(), o.side());
            Optional<DailyOrderRow> row;
            DailyOrderRow inListing =
                    scope.date().equals(today) ? listed.get(o.key().odno()) : null;
            if (inListing != null) {
                row = Optional.of(inListing); // proven by the complete listing of this run
                fromListing++;
            } else {
                DailyOrders d = asked.get(scope);
                if (d == null) {
                    if (deadline != null && !parts.clock().instant().isBefore(deadline)) {
                        deferred++;
                        unresolved++;
                        continue;
                    }
                    d = parts.inquiries()
                            .dailyOrders(DailyOrderQuery.narrow(scope.date(), scope.symbol(), scope.side()));
                    asked.put(scope, d);
                    pages += d.orders().pages();
                }
                if (!d.complete()) {
                    complete = false;
                    unresolved++;
                    LOG.warn(
                            "reconcile: order {} left: its inquiry is incomplete ({})",
                            o.orderId(),
                            d.orders().reason());
                    continue;
                }
                row = d.orders().rows().stream()
                        .filter(r -> r.ordDt().equals(o.key().orderDate())
                                && odno(r).equals(o.key().odno()))
                        .findFirst();
            }
            if (row.isEmpty()) {
                unresolved++;
                LOG.warn(
                        "reconcile: order {} is not in the broker's complete history of {} ({} {}): left as it is,"
                                + " rechecked next pass",
                        o.orderId(),
                        scope.date(),
                        scope.symbol(),
                        scope.side());
                continue;
            }
            BrokerTotals t;
            try {
                t = RowFacts.totals(row.get());
            } catch (IllegalArgumentException e) {
                parts.counters().badRow();
                unresolved++;
                LOG.warn("reconcile: unreadable daily-ccld row of {}: {}", o.orderId(), e.getMessage());
                continue;
            }
            // today's orders answered by the listing: their states and timers were read in one query each
            OrderSyncState bulk =
                    inListing == null ? null : todayStates.get(o.key().odno());
            Optional<OrderSyncState> s = bulk != null ? Optional.of(bulk) : OrderSyncState.find(parts.jdbi(), o.key());
            if (s.isEmpty()) {
                continue;
            }
            FillDeficitStore.Timer timer = bulk != null
                    ? todayTimers.get(o.key().odno())
                    : deficits.find(o.key()).orElse(null);
            items.add(new PageWriter.Item(s.get(), t, RowFacts.lapsed(row.get(), t), timer));
        }
        // applied after the inquiries, a page per transaction: no order lock is held across a request
        List<RowApplier.Outcome> outs = parts.pageWriter(rows).apply(items, PASS);
        for (int i = 0; i < items.size(); i++) {
            RowApplier.Outcome out = outs.get(i);
            Order o = items.get(i).state().order();
            changed += out.changed() ? 1 : 0;
            if (out.open() && o.key().orderDate().isBefore(today)) {
                unresolved++;
                LOG.warn(
                        "reconcile: order {} of an earlier day is still open after the broker's totals (rmn_qty {})",
                        o.orderId(),
                        items.get(i).totals().rmnQty());
            }
        }
        List<Submission> unknown = SubmissionStore.of(parts.jdbi()).findByState(List.of(Submission.State.UNKNOWN));
        Instant completed = parts.clock().instant();
        if (complete) {
            SyncRunStore.of(parts.jdbi())
                    .record(new SyncRunStore.Run(
                            SyncRunStore.Kind.RECONCILE,
                            parts.accountId(),
                            today,
                            started,
                            completed,
                            pages,
                            open.size(),
                            0,
                            BigDecimal.ZERO,
                            changed));
            parts.counters().complete(PASS, completed);
        } else {
            parts.counters().incomplete(PASS);
        }
        if (deferred > 0) {
            LOG.warn(
                    "reconcile: {} order(s) left to the next pass: the pass's inquiry budget ({} s) is spent",
                    deferred,
                    inquiryBudget.toSeconds());
        }
        String summary = "%d non-terminal orders checked, %d inquiries; %d corrected, %d left; %d UNKNOWN submissions"
                        .formatted(open.size(), asked.size(), changed, unresolved, unknown.size())
                + (unknown.isEmpty() ? "" : " (left to the resolve-unknown pass)")
                + (fromListing == 0 ? "" : "; %d answered by today's complete listing".formatted(fromListing))
                + (deferred == 0 ? "" : "; %d deferred (inquiry budget spent)".formatted(deferred));
        LOG.info("reconcile: {}", summary);
        return new PassReport(PASS, complete, changed, unresolved + unknown.size(), summary);
    }

    private String odno(DailyOrderRow r) {
        try {
            return r.orderKey(parts.accountId()).odno();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
