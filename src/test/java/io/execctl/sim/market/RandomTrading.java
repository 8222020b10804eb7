package io.execctl.sim.market;

import io.execctl.domain.KrxTick;
import io.execctl.domain.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Drives a market with a seeded random sequence of orders, modifies, cancels, price forces, session
 * changes and clock advances: the workload of the determinism and ledger-invariant tests.
 */
final class RandomTrading {
    private static final String[] KINDS = {"00", "00", "00", "01", "01", "02", "03", "04", "11", "12", "13"};
    private final Random random;
    private final SimMarket market;
    private final List<String> placed = new ArrayList<>();

    RandomTrading(SimMarket market, long seed) {
        this.market = market;
        this.random = new Random(seed);
    }

    /** One random operation. */
    void step() {
        int dice = random.nextInt(100);
        if (dice < 45) {
            place();
        } else if (dice < 60) {
            revise(true);
        } else if (dice < 70) {
            revise(false);
        } else if (dice < 90) {
            market.advance(Duration.ofMillis(200 + random.nextInt(20_000)));
        } else if (dice < 95) {
            forcePrice();
        } else if (dice < 97) {
            market.closeSession();
            market.openSession();
        } else if (dice < 98) {
            if (random.nextInt(4) == 0) {
                market.startDay(market.clock().tradingDate().plusDays(1 + random.nextInt(3)));
            } else {
                market.advance(Duration.ofHours(1 + random.nextInt(20)));
            }
        } else {
            market.placeOrder(
                    new PlaceOrder(random.nextBoolean() ? "999999" : symbol(), Side.BUY, "00", 1, 72_050, Source.HTS));
        }
    }

    private String symbol() {
        List<String> symbols = new ArrayList<>(market.prices().keySet());
        return symbols.get(random.nextInt(symbols.size()));
    }

    private long nearPrice(String symbol) {
        long p = market.prices().get(symbol);
        int ticks = random.nextInt(11) - 5;
        for (int i = 0; i < Math.abs(ticks); i++) {
            p = ticks > 0 ? KrxTick.up(p) : KrxTick.down(p);
        }
        long[] band = market.priceBand(symbol);
        return Math.max(band[0], Math.min(band[1], p));
    }

    private void place() {
        String symbol = symbol();
        String kind = KINDS[random.nextInt(KINDS.length)];
        boolean limit = kind.equals("00") || kind.equals("02") || kind.equals("11") || kind.equals("12");
        long price = limit ? nearPrice(symbol) : 0;
        Side side = random.nextInt(5) < 3 ? Side.BUY : Side.SELL;
        long qty = 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 60);
        Source source = random.nextInt(10) == 0 ? Source.HTS : Source.API;
        OrderResult r = market.placeOrder(new PlaceOrder(symbol, side, kind, qty, price, source));
        if (r instanceof OrderResult.Accepted a) {
            placed.add(a.odno());
        }
    }

    private void revise(boolean cancel) {
        List<OrderRecord> today = market.orders(market.clock().tradingDate());
        if (random.nextInt(5) > 0) {
            today = today.stream().filter(o -> o.remainingQty() > 0).toList();
        }
        if (today.isEmpty()) {
            return;
        }
        OrderRecord o = today.get(random.nextInt(today.size()));
        boolean all = random.nextBoolean();
        long qty = 1 + random.nextInt((int) Math.max(1, o.remainingQty() + 2));
        String branch = random.nextInt(30) == 0 ? "99999" : o.branch();
        String odno = random.nextInt(30) == 0 ? "0000099999" : o.odno();
        if (cancel) {
            market.reviseOrCancel(new ReviseCancel(branch, odno, true, "00", qty, all, 0, Source.API));
        } else {
            boolean toMarket = random.nextInt(4) == 0;
            long price = toMarket ? 0 : nearPrice(o.symbol());
            market.reviseOrCancel(
                    new ReviseCancel(branch, odno, false, toMarket ? "01" : "00", qty, all, price, Source.API));
        }
    }

    private void forcePrice() {
        String s = symbol();
        market.setPrice(s, nearPrice(s));
    }

    Map<String, Long> prices() {
        return market.prices();
    }
}
