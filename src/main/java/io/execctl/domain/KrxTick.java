package io.execctl.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The KRX price grid (호가단위) for stocks since 2023, the same for KOSPI and KOSDAQ. A limit price
 * off this grid is refused by the exchange, so execctl refuses it before sending.
 */
public final class KrxTick {
    private static final long[][] BANDS = {
        // {lower bound inclusive, tick}
        {500_000, 1_000},
        {200_000, 500},
        {50_000, 100},
        {20_000, 50},
        {5_000, 10},
        {2_000, 5},
        {0, 1},
    };

    private KrxTick() {}

    /** The tick size at {@code price} (KRW). */
    public static long tickSize(long price) {
        if (price < 0) {
            throw new IllegalArgumentException("price must be >= 0, was " + price);
        }
        for (long[] band : BANDS) {
            if (price >= band[0]) {
                return band[1];
            }
        }
        throw new AssertionError("unreachable");
    }

    /** True when {@code price} is a positive whole number of won on the grid. */
    public static boolean isOnGrid(BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            return false;
        }
        BigDecimal stripped = price.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return false;
        }
        long p;
        try {
            p = stripped.longValueExact();
        } catch (ArithmeticException e) {
            return false;
        }
        return p % tickSize(p) == 0;
    }

    /** The highest grid price at or below {@code price} (at least one tick). */
    public static long floorToGrid(long price) {
        long tick = tickSize(Math.max(price, 1));
        long p = Math.max(price - Math.floorMod(price, tick), tick);
        // A price just below a band boundary keeps the lower band's tick.
        return p;
    }

    /** The lowest grid price at or above {@code price}. */
    public static long ceilToGrid(long price) {
        long floor = floorToGrid(price);
        if (floor == price) {
            return price;
        }
        long up = floor + tickSize(floor);
        return up % tickSize(up) == 0 ? up : ceilToGrid(up);
    }

    /** The next grid price above {@code price} (one tick up). */
    public static long up(long price) {
        return price + tickSize(price);
    }

    /** The next grid price below {@code price} (one tick down; never below 1). */
    public static long down(long price) {
        if (price <= 1) {
            return 1;
        }
        long candidate = price - 1;
        return floorToGrid(candidate);
    }

    /** Rounds a decimal price down to a whole won. */
    public static long wholeWon(BigDecimal price) {
        return price.setScale(0, RoundingMode.DOWN).longValueExact();
    }
}
