package io.execctl.sim.http;

import java.util.SplittableRandom;

/** Seeded fault dice: identical seed and call sequence give identical faults. */
public final class Dice {
    private final SplittableRandom random;

    public Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** True with probability {@code p}; never consumes randomness when p is 0 (so faults off keep runs identical). */
    public synchronized boolean roll(double p) {
        if (p <= 0) {
            return false;
        }
        if (p >= 1) {
            return true;
        }
        return random.nextDouble() < p;
    }

    public synchronized long nextLong() {
        return random.nextLong();
    }
}
