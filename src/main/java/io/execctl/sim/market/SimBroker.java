package io.execctl.sim.market;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The simulated broker's book of record: accounts, orders, matching, executions, cash and holdings.
 * The HTTP layer ({@code sim.http}) translates KIS requests into these calls and the results back
 * into KIS responses; the control API reads {@link #ledger()}. Every mutating call is atomic with
 * respect to the others (the implementation serialises them), and emits its execution notices to
 * the {@link io.execctl.sim.ws.NoticeFeed} it was built with, in the order KIS would.
 *
 * <p>Deterministic: the same seed and the same sequence of calls give the same results.
 */
public interface SimBroker {

    /** order-cash (and an order typed into HTS when {@code req.source() == HTS}). */
    OrderResult placeOrder(PlaceOrder req);

    /** order-rvsecncl: modify (price/type) or cancel, full or partial; each accepted request gets its own ODNO. */
    OrderResult reviseOrCancel(ReviseCancel req);

    /** All order rows of a Korean trading date, cancel/modify requests included, in ODNO order. */
    List<OrderRecord> orders(LocalDate orderDate);

    /** The current holdings (quantity > 0, or sold today and not yet settled: may be 0). */
    List<HoldingRecord> holdings();

    /** Cash and the day's totals for inquire-balance {@code output2}. */
    AccountSummary account();

    /**
     * A counter that moves with every change to the account's orders, executions or holdings. The
     * HTTP layer stores it in continuation keys and answers "data changed, query again" when it moved
     * between pages (as KIS may).
     */
    long activityVersion();

    /** The session clock and market state. */
    SessionClock clock();

    /** Open the regular session (orders accepted, matching runs). Idempotent. */
    void openSession();

    /** Close the session: open day orders lapse (EXPIRED). Idempotent. */
    void closeSession();

    /** Advance the session clock, moving prices and matching along the way (deterministic steps). */
    void advance(Duration d);

    /**
     * Start trading date {@code date} (after the current one) at 09:00:00 with the market open
     * (POST /sim/session with a date): open orders of the old day lapse, ODNO restarts at 1, holdings
     * settle. This default gets there by {@link #advance advancing} the clock and opening the session;
     * the simulator's market jumps straight to the date instead.
     */
    default void startDay(LocalDate date) {
        LocalDate today = clock().tradingDate();
        if (!date.isAfter(today)) {
            throw new IllegalArgumentException("new trading date " + date + " must be after " + today);
        }
        LocalDateTime now = today.atTime(clock().time());
        advance(Duration.between(now, date.atTime(9, 0)));
        openSession();
    }

    /** Force a symbol's price (on the tick grid); crossing limit orders execute. */
    void setPrice(String symbol, long price);

    /** The current price of every listed symbol. */
    Map<String, Long> prices();

    /** The ground truth for external checkers (GET /sim/ledger). */
    LedgerSnapshot ledger();

    /** Back to the initial state of the same configuration and seed. */
    void reset();

    /** Sets the faults that live in the market (branch variation, exchange refusal); ignored by brokers without them. */
    default void setMarketFaults(MarketFaults faults) {}

    /**
     * The wall clock the broker stamps acceptances and executions with ({@link OrderRecord#acceptedAt()},
     * {@link OrderRecord.Execution#at()}); the REST lag faults measure against it.
     */
    default Clock wallClock() {
        return Clock.systemUTC();
    }
}
