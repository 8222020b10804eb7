package io.execctl.engine.daemon;

/**
 * The daemon's state for {@code /readyz} and the {@code execution_daemon_active} gauge: one object,
 * written by the daemon, read from any thread. Ready (for traffic) = active, bootstrapped and the
 * database reachable; a hot standby is healthy but not ready.
 */
public final class DaemonStatus {
    private volatile boolean active;
    private volatile boolean bootstrapDone;
    private volatile boolean dbReachable;
    private volatile boolean wsSubscribed;

    /**
     * @param active        this instance holds the session lock (it trades); false on a standby
     * @param bootstrapDone the bootstrap since the lock was won finished complete
     * @param dbReachable   the last database contact (lock session, acquire attempt) worked
     * @param wsSubscribed  the notice WebSocket is connected and its subscription acknowledged
     */
    public record Snapshot(boolean active, boolean bootstrapDone, boolean dbReachable, boolean wsSubscribed) {
        /** What {@code /readyz} answers 200 for. */
        public boolean ready() {
            return active && bootstrapDone && dbReachable;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(active, bootstrapDone, dbReachable, wsSubscribed);
    }

    public boolean active() {
        return active;
    }

    public boolean wsSubscribed() {
        return wsSubscribed;
    }

    void active(boolean v) {
        active = v;
    }

    void bootstrapDone(boolean v) {
        bootstrapDone = v;
    }

    void dbReachable(boolean v) {
        dbReachable = v;
    }

    void wsSubscribed(boolean v) {
        wsSubscribed = v;
    }
}
