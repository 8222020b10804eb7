package io.execctl.sim.ws;

import java.util.Random;

/**
 * The seeded dice of the notice faults: one roll per notice and subscribed session, the four rates
 * partitioning [0, 1). Dice are rolled only while some notice fault is active, so a run without
 * faults consumes nothing and identical seeds and publish sequences give identical fault patterns.
 */
final class NoticeFaultDice {
    enum Action { DELIVER, DROP, DUPLICATE, REORDER, CORRUPT }

    private final Random random;

    NoticeFaultDice(long seed) {
        this.random = new Random(seed ^ 0x5EEDFA17L);
    }

    Action roll(WsFaults f) {
        if (f.noNoticeFaults()) {
            return Action.DELIVER;
        }
        double r = random.nextDouble();
        if ((r -= f.dropRate()) < 0) {
            return Action.DROP;
        }
        if ((r -= f.duplicateRate()) < 0) {
            return Action.DUPLICATE;
        }
        if ((r -= f.reorderRate()) < 0) {
            return Action.REORDER;
        }
        if ((r -= f.corruptRate()) < 0) {
            return Action.CORRUPT;
        }
        return Action.DELIVER;
    }

    Outbound.Corruption corruption() {
        return random.nextBoolean() ? Outbound.Corruption.TRUNCATED_CIPHERTEXT : Outbound.Corruption.GARBAGE_BASE64;
    }
}
