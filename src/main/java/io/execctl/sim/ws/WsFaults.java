package io.execctl.sim.ws;

/**
 * WebSocket faults, each a probability per notice (0..1) or a schedule.
 *
 * @param disconnectEverySeconds close every session this often (0 = never)
 */
public record WsFaults(double dropRate, double duplicateRate, double reorderRate, double corruptRate, double disconnectEverySeconds) {
    public static final WsFaults NONE = new WsFaults(0, 0, 0, 0, 0);
}
