package io.execctl.sim.market;

import io.execctl.domain.KoreaTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

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

    /** Books a new row (order, modify or cancel) of today. */
    void record(SimOrder o) {
        book.add(o);
        version++;
    }
}
