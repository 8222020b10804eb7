package io.execctl.sim.market;

/**
 * The simulated exchange's own price rules: the KRX stock tick table (호가단위, since 2023, the same
 * for KOSPI and KOSDAQ; REFERENCE.md §11) and the daily ±30 % price band. Written for the simulator
 * on purpose and never shared with the client ({@code domain.KrxTick}): a tick bug in the client must
 * meet a refusal here, not hide behind the same code on both sides (the architecture test enforces it).
 */
public final class PriceGrid {
    /** Price levels where the tick changes, lowest first, and the tick from that level up. */
    private static final long[] LEVEL = {0, 2_000, 5_000, 20_000, 50_000, 200_000, 500_000};

    private static final long[] TICK = {1, 5, 10, 50, 100, 500, 1_000};

    /** The daily limit: ±30 % of the base price (the previous close). */
    private static final long BAND_PERCENT = 30;

    private PriceGrid() {}

    /** The tick that applies to a price at {@code price} (price &gt;= 0). */
    public static long tick(long price) {
        if (price < 0) {
            throw new IllegalArgumentException("negative price " + price);
        }
        int i = LEVEL.length - 1;
        while (price < LEVEL[i]) {
            i--;
        }
        return TICK[i];
    }

    /** A positive price the exchange accepts as a limit: a whole multiple of its tick. */
    public static boolean onGrid(long price) {
        return price > 0 && price % tick(price) == 0;
    }

    /** The highest grid price at or below {@code price}; 1 for anything below 1. */
    public static long floor(long price) {
        if (price <= 1) {
            return 1;
        }
        return price - price % tick(price);
    }

    /** The lowest grid price at or above {@code price}. */
    public static long ceil(long price) {
        long f = floor(price);
        return f >= price ? f : f + tick(f);
    }

    /** One tick up: the next grid price above {@code price} (a grid price). */
    public static long up(long price) {
        return ceil(price + 1);
    }

    /** One tick down: the next grid price below {@code price}; never below 1. */
    public static long down(long price) {
        return price <= 1 ? 1 : floor(price - 1);
    }

    /** The day's upper limit price for base price {@code base}: base + 30 %, down to the grid. */
    public static long upperLimit(long base) {
        return floor(base + base * BAND_PERCENT / 100);
    }

    /** The day's lower limit price for base price {@code base}: base − 30 %, up to the grid (at least 1). */
    public static long lowerLimit(long base) {
        return ceil(Math.max(1, base - base * BAND_PERCENT / 100));
    }
}
