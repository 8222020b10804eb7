package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: frozen markets (speed 0) on a fixed date, and a feed that records notices. */
final class Markets {
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final Clock WALL = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

    private Markets() {}

    /** Demo config, frozen clock, a flat price (no moves) and plenty of step volume unless changed. */
    static MarketConfig.Builder config(KisEnv env) {
        return MarketConfig.builder(env, WALL)
                .startDate(DAY)
                .speed(0)
                .moveProbability(0)
                .maxStepVolume(1_000_000);
    }

    static SimMarket real() {
        return new SimMarket(config(KisEnv.REAL).build());
    }

    static SimMarket paper() {
        return new SimMarket(config(KisEnv.PAPER).build());
    }

    static PlaceOrder buy(String symbol, String ordDvsn, long qty, long price) {
        return new PlaceOrder(symbol, Side.BUY, ordDvsn, qty, price, Source.API);
    }

    static PlaceOrder sell(String symbol, String ordDvsn, long qty, long price) {
        return new PlaceOrder(symbol, Side.SELL, ordDvsn, qty, price, Source.API);
    }

    static PlaceOrder limitBuy(String symbol, long qty, long price) {
        return buy(symbol, "00", qty, price);
    }

    static PlaceOrder marketBuy(String symbol, long qty) {
        return buy(symbol, "01", qty, 0);
    }

    static ReviseCancel cancelAll(String branch, String odno) {
        return new ReviseCancel(branch, odno, true, "00", 0, true, 0, Source.API);
    }

    static ReviseCancel cancel(String branch, String odno, long qty) {
        return new ReviseCancel(branch, odno, true, "00", qty, false, 0, Source.API);
    }

    static ReviseCancel modifyAll(String branch, String odno, String ordDvsn, long price) {
        return new ReviseCancel(branch, odno, false, ordDvsn, 0, true, price, Source.API);
    }

    static ReviseCancel modify(String branch, String odno, long qty, String ordDvsn, long price) {
        return new ReviseCancel(branch, odno, false, ordDvsn, qty, false, price, Source.API);
    }

    static OrderResult.Accepted accepted(OrderResult r) {
        if (r instanceof OrderResult.Accepted a) {
            return a;
        }
        throw new AssertionError("expected acceptance, got " + r);
    }

    static OrderRecord order(SimBroker m, String odno) {
        return m.orders(m.clock().tradingDate()).stream()
                .filter(o -> o.odno().equals(odno))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no order " + odno));
    }

    static HoldingRecord holding(SimBroker m, String symbol) {
        return m.holdings().stream()
                .filter(h -> h.symbol().equals(symbol))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no holding " + symbol));
    }

    /** A NoticeFeed that keeps every notice in order. */
    static final class RecordingFeed implements NoticeFeed {
        final List<ExecutionNotice> notices = new ArrayList<>();

        @Override
        public synchronized void publish(ExecutionNotice notice) {
            notices.add(notice);
        }

        synchronized List<ExecutionNotice> all() {
            return List.copyOf(notices);
        }

        synchronized void clear() {
            notices.clear();
        }
    }
}
