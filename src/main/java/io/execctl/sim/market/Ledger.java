package io.execctl.sim.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Cash and holdings, booked execution by execution as a broker does: a buy costs amount +
 * commission, a sell brings amount − commission − tax, each fee rounded down per execution.
 * {@code cash} is the D+2 cash (every trade counted, what buying power is measured against); trades settle
 * two trading days later (T+2), so the deposit KIS reports as {@code dnca_tot_amt} leaves out the cash
 * effect of today's and yesterday's trades, and the next day's ({@code nxdy_excc_amt}) that of today's.
 * Sold-out lines stay (quantity 0) until the next day.
 */
final class Ledger {
    private final FeeSchedule fees;
    private long cash;
    /** Net cash effect of today's trades and of yesterday's (both not settled yet). */
    private long unsettledToday;

    private long unsettledYesterday;
    private final TreeMap<String, Line> lines = new TreeMap<>();
    private long todayBuyAmount;
    private long todaySellAmount;
    private long todayFees;
    private long todayTax;

    /** One holding line. {@code avgPrice} is the weighted purchase average, scale 4 (KIS "248750.0000"). */
    static final class Line {
        final SymbolSpec symbol;
        long qty;
        BigDecimal avgPrice = BigDecimal.ZERO.setScale(4);
        long todayBuyQty;
        long todaySellQty;
        long prevDayBuyQty;
        long prevDaySellQty;

        Line(SymbolSpec symbol) {
            this.symbol = symbol;
        }

        long purchaseAmount() {
            return avgPrice.multiply(BigDecimal.valueOf(qty))
                    .setScale(0, RoundingMode.FLOOR)
                    .longValueExact();
        }
    }

    Ledger(FeeSchedule fees, long initialCash) {
        this.fees = fees;
        this.cash = initialCash;
    }

    long cash() {
        return cash;
    }

    long held(String symbol) {
        Line l = lines.get(symbol);
        return l == null ? 0 : l.qty;
    }

    /** Books a buy execution; returns the commission charged. */
    long buy(SymbolSpec symbol, long qty, long price) {
        long amount = qty * price;
        long fee = fees.commission(amount);
        cash -= amount + fee;
        unsettledToday -= amount + fee;
        Line l = lines.computeIfAbsent(symbol.code(), k -> new Line(symbol));
        BigDecimal cost = l.avgPrice.multiply(BigDecimal.valueOf(l.qty)).add(BigDecimal.valueOf(amount));
        l.qty += qty;
        l.avgPrice = cost.divide(BigDecimal.valueOf(l.qty), 4, RoundingMode.HALF_UP);
        l.todayBuyQty += qty;
        todayBuyAmount += amount;
        todayFees += fee;
        return fee;
    }

    /** Books a sell execution (the caller checked the quantity is held); returns commission + tax. */
    long sell(SymbolSpec symbol, long qty, long price) {
        Line l = lines.get(symbol.code());
        if (l == null || l.qty < qty) {
            throw new IllegalStateException(
                    "selling " + qty + " of " + symbol.code() + " but only " + (l == null ? 0 : l.qty) + " held");
        }
        long amount = qty * price;
        long fee = fees.commission(amount);
        long tax = fees.sellTax(amount);
        cash += amount - fee - tax;
        unsettledToday += amount - fee - tax;
        l.qty -= qty;
        l.todaySellQty += qty;
        todaySellAmount += amount;
        todayFees += fee;
        todayTax += tax;
        return fee + tax;
    }

    /** A new trading day: today's counters become yesterday's; lines sold out before today disappear. */
    void rollDay() {
        unsettledYesterday = unsettledToday;
        unsettledToday = 0;
        lines.values().removeIf(l -> l.qty == 0);
        for (Line l : lines.values()) {
            l.prevDayBuyQty = l.todayBuyQty;
            l.prevDaySellQty = l.todaySellQty;
            l.todayBuyQty = 0;
            l.todaySellQty = 0;
        }
        todayBuyAmount = 0;
        todaySellAmount = 0;
        todayFees = 0;
        todayTax = 0;
    }

    List<HoldingRecord> holdings(ToLongFunction<String> currentPrice, ToLongFunction<String> openSellQty) {
        List<HoldingRecord> out = new ArrayList<>(lines.size());
        for (Line l : lines.values()) {
            String code = l.symbol.code();
            out.add(new HoldingRecord(
                    code,
                    l.symbol.name(),
                    l.qty,
                    l.qty - openSellQty.applyAsLong(code),
                    l.avgPrice,
                    l.purchaseAmount(),
                    currentPrice.applyAsLong(code),
                    l.todayBuyQty,
                    l.todaySellQty,
                    l.prevDayBuyQty,
                    l.prevDaySellQty));
        }
        return out;
    }

    AccountSummary summary(Map<String, Long> prices) {
        long evaluation = 0;
        long purchase = 0;
        for (Line l : lines.values()) {
            evaluation += l.qty * prices.getOrDefault(l.symbol.code(), 0L);
            purchase += l.purchaseAmount();
        }
        return new AccountSummary(
                BigDecimal.valueOf(cash),
                BigDecimal.valueOf(cash - unsettledToday - unsettledYesterday),
                BigDecimal.valueOf(cash - unsettledToday),
                todayBuyAmount,
                todaySellAmount,
                BigDecimal.valueOf(todayFees),
                BigDecimal.valueOf(todayTax),
                evaluation,
                purchase);
    }
}
