package io.execctl.sim.ws;

/**
 * A snapshot of the notice server's counters, for the control API, logs and benchmarks.
 *
 * @param sessions           WebSocket sessions open now
 * @param connections        TCP connections accepted since start
 * @param handshakesRefused  connections answered with an HTTP error (bad path, not an upgrade)
 * @param subscribes         successful subscriptions
 * @param rejectedRequests   well-formed requests refused (unknown approval key, bad tr_id/tr_key, OPSP0002/0003/0008)
 * @param alreadyInUse       sessions refused with OPSP8996
 * @param badMessages        unparseable or incomplete requests (OPSP99xx/8997/8998)
 * @param protocolErrors     RFC 6455 violations by clients (closed with 1002/1007/1009)
 * @param noticesPublished   notices handed to {@link NoticeFeed#publish}
 * @param noticeFramesSent   notice frames written to sockets (a batched frame counts once)
 * @param noticesDropped     notices not sent because of the drop fault
 * @param noticesDuplicated  notices sent twice (duplicate fault)
 * @param noticesReordered   notices held back (reorder fault)
 * @param noticesCorrupted   notices sent as a corrupt frame
 * @param overflowCloses     sessions closed because their send queue overflowed
 * @param pingTimeouts       sessions closed because they did not echo PINGPONG
 * @param scheduledDisconnects disconnect-all rounds of the {@code disconnectEverySeconds} fault
 */
public record WsStats(
        int sessions,
        long connections,
        long handshakesRefused,
        long subscribes,
        long rejectedRequests,
        long alreadyInUse,
        long badMessages,
        long protocolErrors,
        long noticesPublished,
        long noticeFramesSent,
        long noticesDropped,
        long noticesDuplicated,
        long noticesReordered,
        long noticesCorrupted,
        long overflowCloses,
        long pingTimeouts,
        long scheduledDisconnects) {}
