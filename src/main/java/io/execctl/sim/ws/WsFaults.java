package io.execctl.sim.ws;

/**
 * WebSocket faults, each a probability per delivered notice (0..1) or a schedule. They apply to
 * execution notices only, never to control frames (acks, PINGPONG). At most one fault hits a notice:
 * drop is decided first, then duplicate, reorder and corrupt, each among the notices still untouched.
 *
 * @param dropRate               the notice is never sent
 * @param duplicateRate          the notice is sent twice (two identical frames)
 * @param reorderRate            the notice is held back and sent right after the session's next notice
 *                               (or at the next PINGPONG tick if no other notice comes)
 * @param corruptRate            a frame whose ciphertext is truncated or whose base64 is garbage is sent instead
 * @param disconnectEverySeconds close every session abruptly this often (0 = never)
 * @param silentAfterSeconds     a session goes half-open this long after its handshake: from then on nothing is
 *                               sent (no notice, no ack, no PINGPONG, no close frame) and a missing PINGPONG echo
 *                               no longer closes it; it ends only when the client (or a network cut) closes the
 *                               socket. 0 = never. A session that went silent stays silent.
 */
public record WsFaults(
        double dropRate,
        double duplicateRate,
        double reorderRate,
        double corruptRate,
        double disconnectEverySeconds,
        double silentAfterSeconds) {
    public static final WsFaults NONE = new WsFaults(0, 0, 0, 0, 0, 0);

    /** Faults without the half-open session. */
    public WsFaults(
            double dropRate,
            double duplicateRate,
            double reorderRate,
            double corruptRate,
            double disconnectEverySeconds) {
        this(dropRate, duplicateRate, reorderRate, corruptRate, disconnectEverySeconds, 0);
    }

    public WsFaults {
        rate(dropRate, "dropRate");
        rate(duplicateRate, "duplicateRate");
        rate(reorderRate, "reorderRate");
        rate(corruptRate, "corruptRate");
        if (!(disconnectEverySeconds >= 0) || Double.isInfinite(disconnectEverySeconds)) {
            throw new IllegalArgumentException(
                    "disconnectEverySeconds must be a finite number >= 0, was " + disconnectEverySeconds);
        }
        if (!(silentAfterSeconds >= 0) || Double.isInfinite(silentAfterSeconds)) {
            throw new IllegalArgumentException(
                    "silentAfterSeconds must be a finite number >= 0, was " + silentAfterSeconds);
        }
    }

    private static void rate(double r, String name) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + r);
        }
    }

    /** True when no notice fault is active (the disconnect schedule aside). */
    public boolean noNoticeFaults() {
        return dropRate == 0 && duplicateRate == 0 && reorderRate == 0 && corruptRate == 0;
    }
}
