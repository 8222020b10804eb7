package io.execctl.sim.ws;

import java.util.Random;

/**
 * The seeded dice of the notice faults, rolled per notice and subscribed session in a fixed order:
 * drop, else duplicate, else reorder, else corrupt (each rate applies to the notices the earlier ones
 * left alone; at most one fault per notice). Only non-zero rates consume the random source, so a run
 * without faults consumes nothing and identical seeds and publish sequences give identical patterns.
 */
final class NoticeFaultDice {
    enum Action {
        DELIVER,
        DROP,
        DUPLICATE,
        REORDER,
        CORRUPT
    }

    private final Random random;

    NoticeFaultDice(long seed) {
        this.random = new Random(seed ^ 0x5EEDFA17L);
    }

    Action roll(WsFaults f) {
        if (f.noNoticeFaults()) {
            return Action.DELIVER;
        }
        if (hit(f.dropRate())) {
            return Action.DROP;
        }
        if (hit(f.duplicateRate())) {
            return Action.DUPLICATE;
        }
        if (hit(f.reorderRate())) {
            return Action.REORDER;
        }
        if (hit(f.corruptRate())) {
            return Action.CORRUPT;
        }
        return Action.DELIVER;
    }

    /** Rolls only for a non-zero rate, so enabling one fault does not shift the dice of the others' absence. */
    private boolean hit(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    Outbound.Corruption corruption() {
        return random.nextBoolean() ? Outbound.Corruption.TRUNCATED_CIPHERTEXT : Outbound.Corruption.GARBAGE_BASE64;
    }
}
