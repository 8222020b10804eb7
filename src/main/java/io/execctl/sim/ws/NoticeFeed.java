package io.execctl.sim.ws;

/**
 * Where the simulated broker hands execution notices for delivery. The WebSocket server implements
 * it: it encrypts each record with the subscribing session's key/iv and sends it to every session
 * subscribed to the notice's HTS id, applying the WebSocket faults (drop, duplicate, reorder,
 * corrupt, notice-before-response). Sessions that are not connected simply miss the notice: KIS does
 * not replay.
 */
public interface NoticeFeed {
    void publish(ExecutionNotice notice);

    /** A feed that delivers nowhere (REST-only simulator runs). */
    NoticeFeed NONE = notice -> {};
}
