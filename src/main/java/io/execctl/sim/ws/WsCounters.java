package io.execctl.sim.ws;

import java.util.concurrent.atomic.LongAdder;

/** Live counters of the server (cheap increments from any thread); {@link #snapshot} for reading. */
final class WsCounters {
    final LongAdder connections = new LongAdder();
    final LongAdder handshakesRefused = new LongAdder();
    final LongAdder subscribes = new LongAdder();
    final LongAdder rejectedRequests = new LongAdder();
    final LongAdder alreadyInUse = new LongAdder();
    final LongAdder badMessages = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder noticesPublished = new LongAdder();
    final LongAdder noticeFramesSent = new LongAdder();
    final LongAdder noticesDropped = new LongAdder();
    final LongAdder noticesDuplicated = new LongAdder();
    final LongAdder noticesReordered = new LongAdder();
    final LongAdder noticesCorrupted = new LongAdder();
    final LongAdder overflowCloses = new LongAdder();
    final LongAdder pingTimeouts = new LongAdder();
    final LongAdder scheduledDisconnects = new LongAdder();

    WsStats snapshot(int sessions) {
        return new WsStats(
                sessions,
                connections.sum(),
                handshakesRefused.sum(),
                subscribes.sum(),
                rejectedRequests.sum(),
                alreadyInUse.sum(),
                badMessages.sum(),
                protocolErrors.sum(),
                noticesPublished.sum(),
                noticeFramesSent.sum(),
                noticesDropped.sum(),
                noticesDuplicated.sum(),
                noticesReordered.sum(),
                noticesCorrupted.sum(),
                overflowCloses.sum(),
                pingTimeouts.sum(),
                scheduledDisconnects.sum());
    }
}
