package io.execctl.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fill notices that would take an order past its quantity (docs/architecture.md, "Fill model", rule
 * 6). A notice has no execution id, so a duplicated frame looks like a new fill; recorded, it would
 * show the order filled beyond its quantity ({@link OrderStatus#ERROR}) until broker-final totals
 * voided it. But an order never executes more than its quantity, so such a notice cannot be taken
 * as a fact: it is <em>held</em> (kept, not recorded as a fill) and decided by the broker's final
 * totals, which are the only evidence of how many executions there were.
 *
 * <p>Why a hold waits for final totals: it is decided when the live notices plus it exceed the order
 * quantity, and before final evidence no recorded notice is voided, so the notices only grow and it
 * stays over quantity (a deficit shown by non-final totals is always smaller than the held notice;
 * inferred rows never cause a hold, notices supersede them). Final totals can then decide it: the
 * fit runs over the recorded notices and the held ones together, held repeats first in line to be
 * the surplus ({@link FinalFit}). A held notice the fit keeps is applied (the final totals prove there was
 * such an execution, e.g. the recorded twin of an earlier notice was the duplicate); one it rejects
 * is a {@link Verdict#DUPLICATE} and never becomes a fill row.
 */
public final class OverQuantity {
    /** The reason stored with a held notice. */
    public static final String REASON = "OVER_QUANTITY: would take the order's live fills past its quantity";

    private OverQuantity() {}

    /** What became of a held notice. */
    public enum Verdict {
        /** Broker-final totals need it: recorded as a live fill. */
        APPLIED,
        /** Broker-final totals are explained without it: a duplicated frame, never recorded. */
        DUPLICATE
    }

    /**
     * Whether the {@link FillModel#onNotice} step of a notice must be held instead of stored: it
     * raises the live quantity above the order quantity while the broker's totals are not final.
     */
    public static boolean holds(long orderQty, FillModel.Step step) {
        Checks.positive(orderQty, "orderQty");
        FillBook after = step.after();
        return !after.broker().isFinal()
                && after.liveQty() > orderQty
                && after.liveQty() > step.before().liveQty();
    }

    /**
     * A snapshot with the order's held notices (oldest first).
     *
     * @param step       the step to store (rows of rejected held notices are not in it)
     * @param applied    held notices recorded by the step, as the rows it inserts
     * @param duplicates held notices rejected, as they were held
     */
    public record Resolution(FillModel.Step step, List<Fill> applied, List<Fill> duplicates) {
        public Resolution {
            applied = List.copyOf(applied);
            duplicates = List.copyOf(duplicates);
        }

        public boolean resolvedAny() {
            return !applied.isEmpty() || !duplicates.isEmpty();
        }
    }

    /**
     * {@link FillModel#onSnapshot}, resolving {@code held} when the totals are broker-final and
     * within the order quantity (totals beyond it are a broker inconsistency: the order goes to
     * {@code ERROR} by the broker's own word and the held notices stay for an operator).
     */
    public static Resolution onSnapshot(
            FillBook book, long orderQty, BrokerTotals totals, boolean inferDeficit, List<Fill> held, Instant now) {
        Checks.positive(orderQty, "orderQty");
        FillBook.Broker merged = book.broker().merge(totals);
        if (held.isEmpty() || !merged.isFinal() || merged.qty() > orderQty) {
            return new Resolution(FillModel.onSnapshot(book, totals, inferDeficit, now), List.of(), List.of());
        }
        List<Fill> pending = held.stream().filter(f -> !book.has(f)).toList();
        if (pending.isEmpty()) {
            return new Resolution(FillModel.onSnapshot(book, totals, inferDeficit, now), List.of(), List.of());
        }
        FillModel.Step fit = FillModel.onFinalSnapshotWithHeld(book, totals, inferDeficit, pending, now);
        Set<UUID> heldIds = new HashSet<>();
        pending.forEach(f -> heldIds.add(f.fillId()));
        Set<UUID> rejected = new HashSet<>();
        List<Fill> applied = new ArrayList<>();
        List<Fill> inserted = new ArrayList<>();
        for (Fill f : fit.inserted()) {
            if (heldIds.contains(f.fillId()) && f.voided()) {
                rejected.add(f.fillId());
            } else {
                inserted.add(f);
                if (heldIds.contains(f.fillId())) {
                    applied.add(f);
                }
            }
        }
        List<Fill> duplicates =
                pending.stream().filter(f -> rejected.contains(f.fillId())).toList();
        List<Fill> rows = fit.after().rows().stream()
                .filter(f -> !rejected.contains(f.fillId()))
                .toList();
        FillModel.Step step = new FillModel.Step(
                book, new FillBook(book.orderId(), rows, fit.after().broker()), inserted, fit.voided());
        return new Resolution(step, applied, duplicates);
    }
}
