package io.execctl.engine.sync;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.BrokerTotals;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillSource;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderProgress;
import io.execctl.store.FillApplier;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.OrderSyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one broker row's totals to one stored order through the core's fill model
 * ({@link FillApplier#applySnapshot}); the model decides what the totals mean, this class only
 * decides <em>when</em> a deficit may be inferred and skips orders the totals cannot change.
 *
 * <p>Timing: a deficit (the broker proved more than the live fills hold) is inferred only after it
 * has persisted for the history-lag window under the same proof ({@link FillDeficitStore}), so a
 * notice that is merely late is not pre-empted. An order of an earlier trading date is past any lag:
 * its deficit is inferred at once. A lapsed order (final, not cancelled by request) is recorded as
 * {@link BrokerStatus#EXPIRED} before its totals, so it ends as the broker reports it.
 */
final class RowApplier {
    private static final Logger LOG = LoggerFactory.getLogger(RowApplier.class);

    private final FillApplier applier;
    private final FillDeficitStore deficits;
    private final Duration historyLag;
    private final Clock clock;
    private final SyncCounters counters;

    RowApplier(
            FillApplier applier, FillDeficitStore deficits, Duration historyLag, Clock clock, SyncCounters counters) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.deficits = Objects.requireNonNull(deficits, "deficits");
        this.historyLag = Objects.requireNonNull(historyLag, "historyLag");
        if (historyLag.isNegative()) {
            throw new IllegalArgumentException("historyLag must not be negative");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** What applying one row did. */
    record Outcome(boolean changed, boolean open, long deficit) {
        static final Outcome UNCHANGED_OPEN = new Outcome(false, true, 0);
    }

    /**
     * @param state what is stored (read without a lock; the applier re-reads under it)
     * @param timer the order's deficit timer, or null
     * @param pass  the pass name, for the drift log
     */
    Outcome apply(
            OrderSyncState state, BrokerTotals totals, boolean lapsed, FillDeficitStore.Timer timer, String pass) {
        return apply(state, totals, lapsed, timer, true, pass);
    }

    /**
     * @param heldPending whether the order may have held fill notices not decided yet (final totals
     *                    decide them: such an order is never skipped); true when not known
     */
    Outcome apply(
            OrderSyncState state,
            BrokerTotals totals,
            boolean lapsed,
            FillDeficitStore.Timer timer,
            boolean heldPending,
            String pass) {
        Order before = state.order();
        OrderKey key = before.key();
        Instant now = clock.instant();
        FillBook.Broker merged = state.proof().merge(totals);
        long deficit = Math.max(0, merged.qty() - state.liveQty());
        boolean expire = expires(before, lapsed);
        if (!expire && !needsWork(state, totals, merged, deficit, timer, heldPending, now)) {
            return new Outcome(false, !before.status().isTerminal(), deficit);
        }
        if (expire) {
            applier.applyBrokerStatus(key, BrokerStatus.EXPIRED);
        }
        boolean infer = deficit > 0 && mayInfer(key, merged.qty(), timer, now);
        FillApplier.Applied a = applier.applySnapshot(key, totals, infer);
        if (a.deficit() > 0) {
            // timed from after this application: a timer no older than the order's last write tells a
            // later pass that re-applying the same proof changes nothing until the window passes
            deficits.start(key, merged.qty(), clock.instant());
        } else if (timer != null) {
            deficits.clear(key);
        }
        return outcome(before, totals, expire, a, pass);
    }

    /**
     * {@link #apply} for the rows of a page, inside the caller's transaction holding their orders'
     * locks ({@link PageWriter}): the same test per row, the same inference rule and timers, but the
     * snapshots of distinct orders go to {@link FillApplier#applySnapshots} together and the timers
     * are started and cleared with one statement each — a few statements for the page instead of ~9
     * per order. A row that expires its order (the status first) or a second row of one order is
     * applied alone, after.
     *
     * @return the outcomes, index for index with {@code items}
     */
    List<Outcome> applyAll(List<PageWriter.Item> items, String pass) {
        Outcome[] out = new Outcome[items.size()];
        Instant now = clock.instant();
        Map<OrderKey, FillApplier.Snapshot> batch = new LinkedHashMap<>();
        Map<OrderKey, Integer> index = new LinkedHashMap<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PageWriter.Item it = items.get(i);
            Order before = it.state().order();
            OrderKey key = before.key();
            FillBook.Broker merged = it.state().proof().merge(it.totals());
            long deficit = Math.max(0, merged.qty() - it.state().liveQty());
            if (expires(before, it.lapsed()) || index.containsKey(key)) {
                alone.add(i);
            } else if (!needsWork(it.state(), it.totals(), merged, deficit, it.timer(), true, now)) {
                out[i] = new Outcome(false, !before.status().isTerminal(), deficit);
            } else {
                boolean infer = deficit > 0 && mayInfer(key, merged.qty(), it.timer(), now);
                batch.put(key, new FillApplier.Snapshot(it.totals(), infer));
                index.put(key, i);
            }
        }
        Map<OrderKey, FillApplier.Applied> applied = applier.applySnapshots(batch);
        Map<OrderKey, Long> starts = new LinkedHashMap<>();
        List<OrderKey> clears = new ArrayList<>();
        index.forEach((key, i) -> {
            PageWriter.Item it = items.get(i);
            if (applied.get(key).deficit() > 0) {
                starts.put(key, it.state().proof().merge(it.totals()).qty());
            } else if (it.timer() != null) {
                clears.add(key);
            }
        });
        // timed from after the page's application, as in apply
        deficits.startAll(starts, clock.instant());
        deficits.clearAll(clears);
        index.forEach((key, i) -> {
            PageWriter.Item it = items.get(i);
            out[i] = outcome(it.state().order(), it.totals(), false, applied.get(key), pass);
        });
        for (int i : alone) {
            PageWriter.Item it = items.get(i);
            out[i] = apply(it.state(), it.totals(), it.lapsed(), it.timer(), pass);
        }
        return Arrays.asList(out);
    }

    private static boolean expires(Order before, boolean lapsed) {
        return lapsed && !before.brokerStatus().remainderGone() && before.brokerStatus() != BrokerStatus.REJECTED;
    }

    /** What one application did: counters, the drift line, the outcome. */
    private Outcome outcome(Order before, BrokerTotals totals, boolean expire, FillApplier.Applied a, String pass) {
        OrderKey key = before.key();
        Order after = a.order().orElse(before);
        int inferred = (int) a.inserted().stream()
                .filter(f -> f.source() == FillSource.INFERRED && !f.voided())
                .count();
        counters.inferred(inferred);
        counters.voided(a.voided().size()
                + (int) a.inserted().stream().filter(f -> f.voided()).count());
        boolean drift = after.status() != before.status()
                || after.filledQty() != before.filledQty()
                || after.brokerStatus() != before.brokerStatus();
        if (drift) {
            counters.drift();
            LOG.info(
                    "{}: order {} corrected from the broker's totals: status {} -> {}, filled {} -> {}, broker {} -> {}"
                            + " (broker tot_ccld_qty {}, rmn_qty {}, cncl_cfrm_qty {}, rjct_qty {}; {} inferred, {} voided)",
                    pass,
                    key.orderId(),
                    before.status(),
                    after.status(),
                    before.filledQty(),
                    after.filledQty(),
                    before.brokerStatus(),
                    after.brokerStatus(),
                    totals.totCcldQty(),
                    totals.rmnQty(),
                    totals.cnclCfrmQty(),
                    totals.rjctQty(),
                    inferred,
                    a.voided().size());
        }
        boolean changed = drift || !a.inserted().isEmpty() || !a.voided().isEmpty() || expire;
        return new Outcome(changed, !after.status().isTerminal(), a.deficit());
    }

    /**
     * Whether {@link #apply} would open a transaction for this row (the same test it makes first):
     * the page writer locks only these orders.
     */
    boolean needsTransaction(
            OrderSyncState state,
            BrokerTotals totals,
            boolean lapsed,
            FillDeficitStore.Timer timer,
            boolean heldPending) {
        Order before = state.order();
        FillBook.Broker merged = state.proof().merge(totals);
        long deficit = Math.max(0, merged.qty() - state.liveQty());
        boolean expire = expires(before, lapsed);
        return expire || needsWork(state, totals, merged, deficit, timer, heldPending, clock.instant());
    }

    /** Whether the snapshot could change anything: otherwise the order costs no transaction. */
    private boolean needsWork(
            OrderSyncState s,
            BrokerTotals totals,
            FillBook.Broker merged,
            long deficit,
            FillDeficitStore.Timer timer,
            boolean heldPending,
            Instant now) {
        FillBook.Broker proof = s.proof();
        boolean proofMoves = merged.qty() != proof.qty()
                || merged.amount().compareTo(proof.amount()) != 0
                || merged.isFinal() != proof.isFinal();
        BrokerStatus said = OrderProgress.said(totals, merged);
        boolean statusMoves =
                BrokerStatus.merge(s.order().brokerStatus(), said) != s.order().brokerStatus();
        if (!proofMoves && deficit > 0 && waiting(s, merged, timer, heldPending, now)) {
            return statusMoves; // the same deficit, already timed, not due: re-applying it changes nothing
        }
        if (proofMoves || deficit > 0 || (timer != null)) {
            return true;
        }
        boolean liveAgrees = s.liveQty() == merged.qty() && s.liveAmount().compareTo(merged.amount()) == 0;
        if (!liveAgrees && merged.isFinal()) {
            return true; // a surplus against final totals: the final fit voids it
        }
        return statusMoves;
    }

    /**
     * A deficit under an unchanged proof whose timer already runs for that proof, was started after
     * the order's last write (so the application that started it saw the same order, fills and proof:
     * applying the proof again is the same no-op) and is not due yet; with final totals, only when
     * the order has no held notices to decide. Before: every pass in the lag window (a bootstrap's
     * unfilled, fills and reconcile) locked, read and re-wrote each such order for nothing.
     */
    private boolean waiting(
            OrderSyncState s, FillBook.Broker merged, FillDeficitStore.Timer timer, boolean heldPending, Instant now) {
        return timer != null
                && timer.brokerQty() == merged.qty()
                && !s.order().updatedTs().isAfter(timer.since())
                && !(merged.isFinal() && heldPending)
                && !mayInfer(s.order().key(), merged.qty(), timer, now);
    }

    private boolean mayInfer(OrderKey key, long proofQty, FillDeficitStore.Timer timer, Instant now) {
        if (historyLag.isZero() || key.orderDate().isBefore(KoreaTime.tradingDate(now))) {
            return true;
        }
        return timer != null
                && timer.brokerQty() == proofQty
                && !now.isBefore(timer.since().plus(historyLag));
    }
}
