package io.execctl.kis.ws;

/**
 * What the stream does with one JSON control frame. Which code gets which action is the table in
 * {@link ControlPolicy}; the stream only carries the actions out.
 */
enum ControlAction {
    /** {@code PINGPONG}: send the same text back, which is what keeps a KIS session alive. */
    ECHO,
    /** The subscription is acknowledged: keep the key/iv, report the gap since the last loss. */
    SUBSCRIBED,
    /** An answer that needs nothing but a log line and a count (e.g. the unsubscribe answer). */
    INFORM,
    /**
     * The subscription was refused (or KIS answered it with any failure): without it no notice
     * arrives, so the connection counts as lost and is replaced after the capped, jittered backoff.
     * Never a tight loop: KIS blocks app keys that loop on subscribe (REFERENCE §14.2).
     */
    REFUSED,
    /** The approval key was refused: drop it from the cache, then as {@link #REFUSED}. */
    APPROVAL_REFUSED,
    /** Another session holds the app key's only WebSocket: lost, with the long in-use backoff. */
    IN_USE
}
