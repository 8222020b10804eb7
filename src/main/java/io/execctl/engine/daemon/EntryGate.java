package io.execctl.engine.daemon;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the submit path asks before it claims an intent. Two switches:
 *
 * <ul>
 *   <li>entries: closed while a gap-fill runs after a WebSocket reconnect (open orders and fills
 *       synced once) — a new ENTRY waits (stays NEW) until the picture is whole again, exits go
 *       through, because an exit that waits can cost more than one sent on a slightly stale view;
 *   <li>claiming: off while the daemon is not the active one or is stopping (SIGTERM): nothing new
 *       is claimed, sends already under way finish.
 * </ul>
 */
public final class EntryGate {
    private final AtomicInteger gapFills = new AtomicInteger();
    private volatile boolean claiming;

    /** True when a new ENTRY intent may be claimed now. */
    public boolean entriesAllowed() {
        return claiming && gapFills.get() == 0;
    }

    /** True when any intent may be claimed now. */
    public boolean claimingAllowed() {
        return claiming;
    }

    /** A gap-fill starts: entries wait until {@link Hold#close()}. */
    public Hold holdEntries() {
        gapFills.incrementAndGet();
        return new Hold();
    }

    void stopClaiming() {
        claiming = false;
    }

    void resumeClaiming() {
        claiming = true;
    }

    /** Re-opens entries once (closing twice does nothing). */
    public final class Hold implements AutoCloseable {
        private boolean closed;

        private Hold() {}

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                gapFills.decrementAndGet();
            }
        }
    }
}
