package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How WebSocket fill notices and REST totals become an order's fill rows, so that any interleaving
 * converges to the broker's totals (docs/architecture.md, "Fill model"). Pure: the store applies a
 * {@link Step} in one transaction under the order's lock.
 *
 * <p>The facts. A notice carries one execution's quantity and price and no execution id; KIS may
 * deliver it twice (reconnects, replays) or never, and a duplicate is byte-equal to a genuine second
 * execution of the same size and price. A snapshot carries only cumulative totals and may lag.
 *
 * <p>The rules.
 * <ol>
 * <li>Every notice receipt is recorded as a live WS row (a receipt seen before changes nothing).
 *     A notice is a fact until broker-final totals contradict it.</li>
 * <li>A snapshot raises what the broker has proved ({@link FillBook.Broker}); a stale one (fewer
 *     executions than already proved) changes nothing. Before final evidence nothing recorded is
 *     ever voided: a surplus on a live order waits.</li>
 * <li>A deficit (the broker proved more than the live rows hold) becomes one INFERRED row with the
 *     missing quantity and amount, when the caller says it is old enough (the history-lag window
 *     is the engine's business); an inference whose amount would not be positive waits.</li>
 * <li>Inferred rows stand for notices not received. When notices arrive that push the live rows
 *     above what the broker proved, the inferred rows are voided (superseded) and whatever the
 *     notices still do not cover is inferred again: the sum of notices supersedes, not one notice of
 *     equal size, and an inferred row never counts next to the notices it stood for.</li>
 * <li>On broker-final evidence ({@link BrokerTotals#isFinal()}) the live rows are made to sum
 *     exactly to {@code tot_ccld_qty} and {@code tot_ccld_amt}: keep every notice if the remainder
 *     can be inferred; otherwise void the fewest notices, preferring later receipts of a notice that
 *     has an identical earlier one (a duplicate), and infer the remainder. See {@link FinalFit}.</li>
 * </ol>
 * Rows are never deleted and a voided row is never revived; a new row has a new id, so a voided row
 * never blocks a later one.
 */
public final class FillModel {
    /** Void reason of an inferred row whose quantity notices now cover. */
    public static final String SUPERSEDED = "SUPERSEDED: notices cover the inferred quantity";
    /** Void reason of a notice in excess of the broker's final totals. */
    public static final String SURPLUS = "SURPLUS: in excess of the broker-final totals";
    /** Void reason of an inferred row replaced by the remainder of the final totals. */
    public static final String REINFERRED = "REINFERRED: replaced by the remainder of the final totals";

    private FillModel() {}

    /** The result of one event: the book after it, the rows it added and the rows it voided. */
    public record Step(FillBook before, FillBook after, List<Fill> inserted, List<Fill> voided) {
        public Step {
            inserted = List.copyOf(inserted);
            voided = List.copyOf(voided);
        }

        public boolean changed() {
            return !inserted.isEmpty() || !voided.isEmpty() || !before.broker().equals(after.broker());
        }

        /** True if a notice was voided: a correction of what the order showed, not a new fact. */
        public boolean correction() {
            return voided.stream().anyMatch(f -> f.source() == FillSource.WS);
        }
    }

    /** A fill notice (a {@link Fill#ws} row). */
    public static Step onNotice(FillBook book, Fill notice, Instant now) {
        if (notice.source() != FillSource.WS || notice.voided()) {
            throw new IllegalArgumentException("a notice is a live WS fill");
        }
        if (!notice.orderId().equals(book.orderId())) {
            throw new IllegalArgumentException("a notice of another order");
        }
        if (book.has(notice)) {
            return new Step(book, book, List.of(), List.of());
        }
        Work w = new Work(book, now);
        w.insert(notice);
        w.settleInferred();
        if (w.broker.isFinal()) {
            w.fitFinal(false, Set.of());
        }
        return w.step();
    }

    /**
     * A REST snapshot of the order's totals.
     *
     * @param inferDeficit whether a deficit may become an inferred fill now (it has outlived the
     *                     broker's history lag, so the notices it misses are not merely late)
     */
    public static Step onSnapshot(FillBook book, BrokerTotals totals, boolean inferDeficit, Instant now) {
        Work w = new Work(book, now);
        w.broker = book.broker().merge(totals);
        w.settleInferred();
        if (w.broker.isFinal()) {
            w.fitFinal(inferDeficit, Set.of());
        } else if (inferDeficit) {
            w.inferDeficit();
        }
        return w.step();
    }

    /**
     * A snapshot whose totals are broker-final, with {@code held} notices (never recorded, see
     * {@link OverQuantity}) taking part in the final fit as the first suspects: the step inserts
     * every held notice, those the fit rejects as voided {@link #SURPLUS} rows ({@link OverQuantity}
     * turns them back into duplicates that are never stored).
     */
    static Step onFinalSnapshotWithHeld(
            FillBook book, BrokerTotals totals, boolean inferDeficit, List<Fill> held, Instant now) {
        Work w = new Work(book, now);
        w.broker = book.broker().merge(totals);
        if (!w.broker.isFinal()) {
            throw new IllegalArgumentException("held notices are resolved by broker-final totals only");
        }
        w.settleInferred();
        Set<UUID> suspects = new HashSet<>();
        for (Fill f : held) {
            if (f.source() != FillSource.WS || f.voided() || book.has(f) || !suspects.add(f.fillId())) {
                throw new IllegalArgumentException("a held notice is a live WS fill not in the book: " + f);
            }
            w.insert(f);
        }
        w.fitFinal(inferDeficit, suspects);
        return w.step();
    }

    /** The mutable working copy of one event. */
    private static final class Work {
        final FillBook before;
        final Instant now;
        final List<Fill> rows;
        final List<Fill> inserted = new ArrayList<>();
        final List<Fill> voided = new ArrayList<>();
        FillBook.Broker broker;
        int inferredOrdinal;

        Work(FillBook before, Instant now) {
            this.before = before;
            this.now = Checks.notNull(now, "now");
            this.rows = new ArrayList<>(before.rows());
            this.broker = before.broker();
            this.inferredOrdinal = before.inferredCount();
        }

        void insert(Fill f) {
            rows.add(f);
            inserted.add(f);
        }

        void voidRow(Fill f, String reason) {
            int i = rows.indexOf(f);
            Fill v = f.voidedFor(reason);
            rows.set(i, v);
            if (!inserted.remove(f)) {
                voided.add(v);
            } else {
                inserted.add(v);
            }
        }

        List<Fill> live(FillSource source) {
            return rows.stream().filter(f -> f.live() && f.source() == source).toList();
        }

        long qty(List<Fill> fs) {
            return fs.stream().mapToLong(Fill::qty).sum();
        }

        BigDecimal amount(List<Fill> fs) {
            return fs.stream().map(Fill::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Rule 4: inferred rows never count next to notices that took the live rows above the broker's proof. */
        void settleInferred() {
            List<Fill> inferred = live(FillSource.INFERRED);
            List<Fill> ws = live(FillSource.WS);
            if (inferred.isEmpty() || qty(ws) + qty(inferred) <= broker.qty()) {
                return;
            }
            inferred.forEach(f -> voidRow(f, SUPERSEDED));
            inferRemainder(broker.qty() - qty(ws), broker.amount().subtract(amount(ws)));
        }

        /** Rule 3. */
        void inferDeficit() {
            List<Fill> live = rows.stream().filter(Fill::live).toList();
            inferRemainder(broker.qty() - qty(live), broker.amount().subtract(amount(live)));
        }

        void inferRemainder(long qty, BigDecimal amount) {
            if (qty > 0 && amount.signum() > 0) {
                insert(Fill.inferred(before.orderId(), ++inferredOrdinal, now, qty, amount));
            }
        }

        /** Rule 5; {@code suspects} are held notices, tried first and not recorded before. */
        void fitFinal(boolean inferDeficit, Set<UUID> suspects) {
            List<Fill> ws = live(FillSource.WS);
            List<Fill> inferred = live(FillSource.INFERRED);
            List<Fill> surplus = FinalFit.surplus(ws, broker.qty(), broker.amount(), suspects);
            surplus.forEach(f -> voidRow(f, SURPLUS));
            // a rejected suspect never counted: only a recorded notice voided makes the fit a judgement
            boolean judged = surplus.stream().anyMatch(f -> !suspects.contains(f.fillId()));
            List<Fill> kept = live(FillSource.WS);
            long remQty = broker.qty() - qty(kept);
            BigDecimal remAmount = broker.amount().subtract(amount(kept));
            if (qty(inferred) == remQty && amount(inferred).compareTo(remAmount) == 0) {
                return;
            }
            inferred.forEach(f -> voidRow(f, REINFERRED));
            if (inferDeficit || judged || !inferred.isEmpty()) {
                inferRemainder(remQty, remAmount);
            }
        }

        Step step() {
            return new Step(before, new FillBook(before.orderId(), rows, broker), inserted, voided);
        }
    }
}
