package io.execctl.sim.market;

import io.execctl.domain.KoreaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The mutable state of one simulated market, shared by the parts of {@link SimMarket} (order entry,
 * session steps, reads). It has no lock of its own: every access happens under the market's lock, so
 * the parts can be separate classes without any of them seeing a half-done change.
 */
final class MarketState {
    LocalDate date;
    long nanosOfDay;
    boolean open;
    Map<String, PricePath> paths;
    Ledger ledger;
    OdnoSequence odnos;
    OrderBook book;
    Matcher matcher;
    /** Acceptance sequence (time priority). */
    long seq;
    /** The activity version: moves with every change, never goes back (not even on reset). */
    long version;
    /** The market's faults and their seeded dice (rolled only while a rate is above 0). */
    MarketFaults faults = MarketFaults.NONE;

    SplittableRandom faultDice;
    /** The wall clock's now: stamps acceptances and executions for the REST lag faults. */
    Supplier<Instant> wall;

    LocalTime time() {
        return LocalTime.ofNanoOfDay(nanosOfDay);
    }

    String hhmmss() {
        return KoreaTime.formatTime(time());
    }

    /** Held quantity minus open sell orders (ord_psbl_qty). */
    long sellable(String symbol) {
        return ledger.held(symbol) - book.openSellQty(symbol);
    }

    /** Cash minus what resting buy orders hold back. */
    long availableCash(OrderRules rules) {
        return ledger.cash() - book.heldBackByBuys(o -> rules.heldBack(o, paths.get(o.symbol.code())));
    }

    /** True with probability {@code p}; consumes no randomness when p is 0 (faults off keep runs identical). */
    boolean roll(double p) {
        return p > 0 && (p >= 1 || faultDice.nextDouble() < p);
    }

    /** Books a new row (order, modify or cancel) of today, with the branches its notices and inquiries show. */
    void record(SimOrder o) {
        o.noticeBranch = faults.noticeBranch(o.branch);
        o.ccldBranch = faults.ccldBranch(o.branch);
        book.add(o);
        version++;
    }
}
