package io.execctl.sim.market;

import java.util.SplittableRandom;

/**
 * One symbol's seeded price path on the KRX tick grid, bounded by the day's ±30% band around the
 * base price (the previous close), and the seeded volume each step offers to resting limit orders.
 * Its random stream depends only on the seed and the symbol code, so orders never change prices.
 */
final class PricePath {
    private final SymbolSpec spec;
    private final double moveProbability;
    private final int maxStepVolume;
    private final SplittableRandom random;
    private long base;
    private long price;
    private long upper;
    private long lower;
    private long buyVolume;
    private long sellVolume;

    PricePath(SymbolSpec spec, long seed, double moveProbability, int maxStepVolume) {
        this.spec = spec;
        this.moveProbability = moveProbability;
        this.maxStepVolume = maxStepVolume;
        this.random = new SplittableRandom(mix(seed, spec.code()));
        this.price = spec.startPrice();
        rebase();
        drawVolume();
    }

    private static long mix(long seed, String code) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (char c : code.toCharArray()) {
            h = (h ^ c) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }

    /** Starts a new trading day: the last price becomes the base of the new band. */
    void rebase() {
        base = price;
        upper = PriceGrid.upperLimit(base);
        lower = PriceGrid.lowerLimit(base);
    }

    /** One step: maybe move one or two ticks, and draw the volume available on each side. */
    void step() {
        if (random.nextDouble() < moveProbability) {
            int ticks = random.nextInt(5) == 0 ? 2 : 1;
            boolean up = random.nextBoolean();
            long p = price;
            for (int i = 0; i < ticks; i++) {
                p = up ? PriceGrid.up(p) : PriceGrid.down(p);
            }
            price = Math.max(lower, Math.min(upper, p));
        }
        drawVolume();
    }

    private void drawVolume() {
        buyVolume = maxStepVolume == 0 ? 0 : random.nextInt(maxStepVolume + 1);
        sellVolume = maxStepVolume == 0 ? 0 : random.nextInt(maxStepVolume + 1);
    }

    /** Forces the price (already validated by the caller). */
    void set(long newPrice) {
        price = newPrice;
    }

    boolean inBand(long p) {
        return p >= lower && p <= upper;
    }

    /** Shares still offered to buy orders in this step; takes up to {@code want}. */
    long takeForBuy(long want) {
        long got = Math.min(want, buyVolume);
        buyVolume -= got;
        return got;
    }

    long availableForBuy() {
        return buyVolume;
    }

    long availableForSell() {
        return sellVolume;
    }

    long takeForSell(long want) {
        long got = Math.min(want, sellVolume);
        sellVolume -= got;
        return got;
    }

    SymbolSpec spec() {
        return spec;
    }

    long price() {
        return price;
    }

    long base() {
        return base;
    }

    long upper() {
        return upper;
    }

    long lower() {
        return lower;
    }
}
