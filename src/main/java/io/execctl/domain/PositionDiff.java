package io.execctl.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holdings (the broker's complete balance) against the strategies' open positions, per symbol.
 * Pure: the caller supplies the holdings, the open positions and the symbols with fills in flight.
 * Open positions of one symbol are summed (a cash account is long only; several strategies or
 * re-entries may hold the same symbol). A symbol in flight gets no verdict: its row is
 * {@link Row#pending() pending} and is re-judged on a later cycle, because the broker's balance and
 * the strategy's position legitimately disagree while a fill is travelling between them.
 */
public record PositionDiff(List<Row> rows) {
    public PositionDiff {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    }

    /**
     * One symbol.
     *
     * @param positionAvgPrice quantity-weighted average of the open positions' prices; null when
     *     there is no position quantity or a position's price is unknown
     * @param holdingAvgPrice the broker's purchase average; null without a holding
     * @param pending the symbol had fills in flight: no verdict this cycle
     */
    public record Row(
            String symbol,
            long positionQty,
            long holdingQty,
            BigDecimal positionAvgPrice,
            BigDecimal holdingAvgPrice,
            MismatchKind kind,
            boolean pending) {
        public Row {
            Checks.notBlank(symbol, "symbol");
            Checks.notNull(kind, "kind");
            if ((kind == MismatchKind.OK) != (positionQty == holdingQty)) {
                throw new IllegalArgumentException("kind " + kind + " contradicts quantities " + positionQty
                        + " (position) and " + holdingQty + " (holding) of " + symbol);
            }
        }

        /** Holding minus position: positive when the broker holds more than the strategies think. */
        public long difference() {
            return holdingQty - positionQty;
        }

        /** A mismatch that counts: not {@link MismatchKind#OK} and not pending. */
        public boolean isVerdict() {
            return kind != MismatchKind.OK && !pending;
        }

        /** A mismatch seen while fills were in flight (no verdict yet). */
        public boolean isPendingMismatch() {
            return kind != MismatchKind.OK && pending;
        }
    }

    /**
     * Compares. Positions that are not {@link Position#isOpen() open} are ignored, so callers may
     * pass all of them.
     */
    public static PositionDiff compare(
            Collection<Holding> holdings, Collection<Position> positions, Set<String> inFlight) {
        Objects.requireNonNull(inFlight, "inFlight");
        Map<String, Holding> bySymbol = new TreeMap<>();
        for (Holding h : holdings) {
            if (bySymbol.put(h.symbol(), h) != null) {
                throw new IllegalArgumentException("holding of " + h.symbol() + " appears twice");
            }
        }
        Map<String, List<Position>> open = new TreeMap<>();
        for (Position p : positions) {
            if (p.isOpen()) {
                open.computeIfAbsent(p.symbol(), s -> new ArrayList<>()).add(p);
            }
        }
        TreeMap<String, Boolean> symbols = new TreeMap<>();
        bySymbol.keySet().forEach(s -> symbols.put(s, true));
        open.keySet().forEach(s -> symbols.put(s, true));
        List<Row> rows = new ArrayList<>();
        for (String symbol : symbols.keySet()) {
            Holding h = bySymbol.get(symbol);
            List<Position> ps = open.getOrDefault(symbol, List.of());
            long holdingQty = h == null ? 0 : h.qty();
            long positionQty = 0;
            for (Position p : ps) {
                positionQty = Math.addExact(positionQty, p.qty());
            }
            MismatchKind kind;
            if (positionQty == holdingQty) {
                kind = MismatchKind.OK;
            } else if (ps.isEmpty()) {
                kind = MismatchKind.EXTRA;
            } else if (holdingQty == 0) {
                kind = MismatchKind.MISSING;
            } else {
                kind = MismatchKind.QTY;
            }
            rows.add(new Row(
                    symbol,
                    positionQty,
                    holdingQty,
                    weightedAverage(ps, positionQty),
                    h == null ? null : h.avgPrice(),
                    kind,
                    inFlight.contains(symbol)));
        }
        return new PositionDiff(rows);
    }

    private static BigDecimal weightedAverage(List<Position> ps, long totalQty) {
        if (totalQty <= 0) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Position p : ps) {
            if (p.avgPrice() == null) {
                return null;
            }
            sum = sum.add(p.avgPrice().multiply(BigDecimal.valueOf(p.qty())));
        }
        return sum.divide(BigDecimal.valueOf(totalQty), 4, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }

    /** Mismatches with a verdict (not pending). */
    public List<Row> mismatches() {
        return rows.stream().filter(Row::isVerdict).toList();
    }

    /** Mismatches seen while fills were in flight. */
    public List<Row> pendingMismatches() {
        return rows.stream().filter(Row::isPendingMismatch).toList();
    }
}
