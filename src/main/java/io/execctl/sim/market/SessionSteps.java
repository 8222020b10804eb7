package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * How the session clock moves the market: deterministic price/matching steps, the 09:00 open and
 * 15:30 close (with autoClose), the close's lapsing of day orders and the roll to a new trading date.
 * Runs under the market's lock.
 */
final class SessionSteps {
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    private final MarketConfig config;
    private final MarketState s;
    private final OrderRules rules;

    SessionSteps(MarketConfig config, MarketState state, OrderRules rules) {
        this.config = config;
        this.s = state;
        this.rules = rules;
    }

    /**
     * The close: conditional limit orders (02) execute their rest at the closing price when the cash
     * allows (else the exchange refuses it: an RFUS_YN=1 notice), then every open order lapses
     * (EXPIRED, its rest counted as cancelled).
     */
    void close() {
        s.open = false;
        for (SimOrder o : s.book.restingInSeqOrder()) {
            if (o.kind == OrderKind.CONDITIONAL_LIMIT && o.open()) {
                PricePath path = s.paths.get(o.symbol.code());
                long freed = o.side == Side.BUY ? rules.reserve(o.remaining(), o.limitPrice) : 0;
                boolean affordable = o.side == Side.SELL
                        || rules.reserve(o.remaining(), path.price()) <= s.availableCash(rules) + freed;
                if (affordable) {
                    s.matcher.execute(o, o.remaining(), path.price());
                } else {
                    s.matcher.refuseRest(o);
                }
            }
        }
        for (SimOrder o : s.book.restingInSeqOrder()) {
            o.expire();
            s.version++;
        }
        s.book.clearResting();
    }

    /** Jumps to trading date {@code newDate} at 09:00:00 with the market open (the caller checked the date). */
    void startDay(LocalDate newDate) {
        endDay();
        s.nanosOfDay = MarketConfig.OPEN_TIME.toNanoOfDay();
        beginDay(newDate);
        s.open = true;
    }

    /** The end of a trading date: orders still open lapse as at a close (at the current session time). */
    private void endDay() {
        if (s.book.hasResting()) {
            close();
        }
    }

    /** The first moment of a new trading date: ODNO restarts, holdings settle, bands rebase. */
    private void beginDay(LocalDate newDate) {
        s.ledger.rollDay();
        for (PricePath p : s.paths.values()) {
            p.rebase();
        }
        s.date = newDate;
        s.book.newDay();
        s.open = !config.autoClose() || inRegularHours(s.time());
        s.version++;
    }

    /** Moves the clock by {@code d}, step boundary by step boundary, crossing midnights into new dates. */
    void advance(Duration d) {
        long step = config.stepInterval().toNanos();
        Duration left = d;
        while (!left.isZero()) {
            long chunk = left.compareTo(Duration.ofDays(1)) > 0 ? DAY_NANOS : left.toNanos();
            left = left.minusNanos(chunk);
            while (chunk > 0) {
                long boundary = (s.nanosOfDay / step + 1) * step;
                long delta = boundary - s.nanosOfDay;
                if (delta > chunk) {
                    s.nanosOfDay += chunk;
                    break;
                }
                chunk -= delta;
                long previous = s.nanosOfDay;
                if (boundary >= DAY_NANOS) {
                    s.nanosOfDay = DAY_NANOS - 1;
                    endDay();
                    s.nanosOfDay = boundary - DAY_NANOS;
                    previous = 0;
                    beginDay(s.date.plusDays(1));
                } else {
                    s.nanosOfDay = boundary;
                }
                onStep(previous);
            }
        }
    }

    /** One step ending now; with autoClose the session opens when 09:00 is passed and closes when 15:30 is. */
    private void onStep(long previousNanos) {
        if (config.autoClose()) {
            if (s.open && crossed(previousNanos, MarketConfig.CLOSE_TIME)) {
                close();
            } else if (!s.open && crossed(previousNanos, MarketConfig.OPEN_TIME)) {
                s.open = true;
            }
        }
        if (!s.open) {
            return;
        }
        for (PricePath p : s.paths.values()) {
            p.step();
            s.matcher.matchResting(p, false);
        }
    }

    private boolean crossed(long previousNanos, LocalTime t) {
        long at = t.toNanoOfDay();
        return previousNanos < at && at <= s.nanosOfDay;
    }

    static boolean inRegularHours(LocalTime t) {
        return !t.isBefore(MarketConfig.OPEN_TIME) && t.isBefore(MarketConfig.CLOSE_TIME);
    }
}
