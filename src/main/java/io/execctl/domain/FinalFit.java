package io.execctl.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which notices broker-final totals prove to be in excess. KIS notices carry no execution id, so a
 * duplicated notice and a genuine second execution of the same size and price look alike; only the
 * final totals can tell how many there were. The fit keeps as many notices as it can:
 * <ol>
 * <li>none voided, if the remainder (final totals minus the notices) can be inferred: zero, or a
 *     positive quantity with a positive amount;</li>
 * <li>else the smallest set of <em>repeats</em> (a notice identical in quantity and price to an
 *     earlier one; latest receipts first) that leaves the remainder exactly zero, then one that
 *     leaves a remainder that can be inferred;</li>
 * <li>else the same over all notices; and if nothing fits within the search budget, all notices
 *     (the remainder is then the whole final totals, which can always be inferred).</li>
 * </ol>
 * Sums are always right; which of two identical notices stays is immaterial. <em>Suspects</em>
 * (notices held because they would have taken the order past its quantity, see {@link OverQuantity})
 * come first within each list: a suspect that repeats an earlier notice before the other repeats, a
 * suspect without a twin only among all notices (a duplicated frame has a twin unless its original
 * was lost — and then it is the genuine notice).
 */
final class FinalFit {
    /** Subsets examined per phase before falling back: bounds the work on orders with many fills. */
    static final int BUDGET = 20_000;

    private FinalFit() {}

    /** The notices to void so the rest fit {@code finalQty}/{@code finalAmount}. */
    static List<Fill> surplus(List<Fill> ws, long finalQty, BigDecimal finalAmount) {
        return surplus(ws, finalQty, finalAmount, Set.of());
    }

    /** {@link #surplus}, trying the notices whose ids are in {@code suspects} first (latest first). */
    static List<Fill> surplus(List<Fill> ws, long finalQty, BigDecimal finalAmount, Set<UUID> suspects) {
        long q = ws.stream().mapToLong(Fill::qty).sum();
        BigDecimal a = ws.stream().map(Fill::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Target t = new Target(q - finalQty, a.subtract(finalAmount));
        if (t.fits(0, BigDecimal.ZERO, false)) {
            return List.of();
        }
        // suspects first within each list; a suspect with no identical earlier notice is no repeat:
        // a duplicated frame has a twin, unless its original was lost, and then it is the genuine one
        List<Fill> repeats = new ArrayList<>();
        List<Fill> otherRepeats = new ArrayList<>();
        List<Fill> all = new ArrayList<>();
        List<Fill> others = new ArrayList<>();
        for (int j = ws.size() - 1; j >= 0; j--) {
            Fill f = ws.get(j);
            boolean suspect = suspects.contains(f.fillId());
            (suspect ? all : others).add(f);
            for (int i = 0; i < j; i++) {
                Fill e = ws.get(i);
                if (e.qty() == f.qty() && e.price().compareTo(f.price()) == 0) {
                    (suspect ? repeats : otherRepeats).add(f);
                    break;
                }
            }
        }
        repeats.addAll(otherRepeats);
        all.addAll(others);
        for (List<Fill> candidates : List.of(repeats, all)) {
            for (boolean exact : new boolean[] {true, false}) {
                List<Fill> found = search(candidates, t, exact);
                if (found != null) {
                    return found;
                }
            }
        }
        return List.copyOf(ws);
    }

    /**
     * What voiding must remove: {@code qty}/{@code amount} is the excess of the notices over the
     * final totals (negative when they fall short).
     */
    private record Target(long qty, BigDecimal amount) {
        /** Whether voiding {@code dq}/{@code da} leaves a remainder that is zero ({@code exact}) or inferable. */
        boolean fits(long dq, BigDecimal da, boolean exact) {
            long remQty = dq - qty;
            BigDecimal remAmount = da.subtract(amount);
            if (remQty == 0) {
                return remAmount.signum() == 0;
            }
            return !exact && remQty > 0 && remAmount.signum() > 0;
        }
    }

    /** The smallest subset (in candidate order) that fits, or null within the budget. */
    private static List<Fill> search(List<Fill> candidates, Target t, boolean exact) {
        int[] budget = {BUDGET};
        for (int size = 1; size <= candidates.size(); size++) {
            int[] idx = new int[size];
            List<Fill> r = combine(candidates, t, exact, idx, 0, 0, 0, BigDecimal.ZERO, budget);
            if (r != null) {
                return r;
            }
            if (budget[0] <= 0) {
                return null;
            }
        }
        return null;
    }

    private static List<Fill> combine(
            List<Fill> c, Target t, boolean exact, int[] idx, int depth, int from, long q, BigDecimal a, int[] budget) {
        if (depth == idx.length) {
            if (--budget[0] < 0) {
                return null;
            }
            if (!t.fits(q, a, exact)) {
                return null;
            }
            List<Fill> out = new ArrayList<>();
            for (int i : idx) {
                out.add(c.get(i));
            }
            return out;
        }
        for (int i = from; i <= c.size() - (idx.length - depth); i++) {
            idx[depth] = i;
            Fill f = c.get(i);
            List<Fill> r = combine(c, t, exact, idx, depth + 1, i + 1, q + f.qty(), a.add(f.amount()), budget);
            if (r != null) {
                return r;
            }
            if (budget[0] < 0) {
                return null;
            }
        }
        return null;
    }
}
