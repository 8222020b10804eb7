package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Every order row of the account (all days, in acceptance order), today's rows by ODNO, and the
 * resting orders per symbol with their price-then-time priority.
 */
final class OrderBook {
    private static final Comparator<SimOrder> BUY_PRIORITY =
            Comparator.comparingLong((SimOrder o) -> -o.limitPrice).thenComparingLong(o -> o.seq);
    private static final Comparator<SimOrder> SELL_PRIORITY =
            Comparator.comparingLong((SimOrder o) -> o.limitPrice).thenComparingLong(o -> o.seq);

    private final List<SimOrder> all = new ArrayList<>();
    private final Map<String, SimOrder> today = new HashMap<>();
    private final Map<String, List<SimOrder>> resting = new HashMap<>();

    /** Records a new row (order, modify or cancel) of today. */
    void add(SimOrder o) {
        all.add(o);
        today.put(o.odno, o);
    }

    /** Puts an open order on the book to wait for its price. */
    void rest(SimOrder o) {
        resting.computeIfAbsent(o.symbol.code(), k -> new ArrayList<>()).add(o);
    }

    /** Takes an order off the book once nothing of it remains. */
    void unbookIfDone(SimOrder o) {
        if (!o.open()) {
            List<SimOrder> list = resting.get(o.symbol.code());
            if (list != null) {
                list.remove(o);
            }
        }
    }

    /** Today's row with this branch and number; numbers compare numerically ("1" finds 0000000001). */
    SimOrder findToday(String branch, String odno, String ourBranch) {
        if (odno == null || branch == null || !branch.trim().equals(ourBranch)) {
            return null;
        }
        String digits = odno.trim();
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return today.get(OdnoSequence.format(Long.parseLong(digits)));
    }

    long openSellQty(String symbol) {
        long q = 0;
        for (SimOrder o : resting.getOrDefault(symbol, List.of())) {
            if (o.side == Side.SELL) {
                q += o.remaining();
            }
        }
        return q;
    }

    /** The sum over resting buy orders of what each holds back. */
    long heldBackByBuys(ToLongFunction<SimOrder> heldBack) {
        long held = 0;
        for (List<SimOrder> orders : resting.values()) {
            for (SimOrder o : orders) {
                if (o.side == Side.BUY) {
                    held += heldBack.applyAsLong(o);
                }
            }
        }
        return held;
    }

    /** Resting orders on {@code side} that the symbol's current price crosses, in priority order; empty if none. */
    List<SimOrder> crossing(PricePath path, Side side) {
        List<SimOrder> list = resting.get(path.spec().code());
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<SimOrder> out = null;
        for (SimOrder o : list) {
            if (o.side == side && crosses(o, path)) {
                out = out == null ? new ArrayList<>() : out;
                out.add(o);
            }
        }
        if (out == null) {
            return List.of();
        }
        out.sort(side == Side.BUY ? BUY_PRIORITY : SELL_PRIORITY);
        return out;
    }

    static boolean crosses(SimOrder o, PricePath path) {
        return o.side == Side.BUY ? path.price() <= o.limitPrice : path.price() >= o.limitPrice;
    }

    boolean hasResting() {
        return resting.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** All resting orders in acceptance order. */
    List<SimOrder> restingInSeqOrder() {
        List<SimOrder> out = new ArrayList<>();
        for (List<SimOrder> l : resting.values()) {
            out.addAll(l);
        }
        out.sort(Comparator.comparingLong(o -> o.seq));
        return out;
    }

    void clearResting() {
        resting.clear();
    }

    /** A new trading date: today's numbers no longer address anything. */
    void newDay() {
        today.clear();
    }

    List<OrderRecord> rows(LocalDate date) {
        List<OrderRecord> out = new ArrayList<>();
        for (SimOrder o : all) {
            if (o.orderDate.equals(date)) {
                out.add(o.toRecord());
            }
        }
        return out;
    }

    List<OrderRecord> allRows() {
        List<OrderRecord> out = new ArrayList<>(all.size());
        for (SimOrder o : all) {
            out.add(o.toRecord());
        }
        return out;
    }
}
