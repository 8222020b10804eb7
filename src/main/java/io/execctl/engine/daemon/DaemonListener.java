package io.execctl.engine.daemon;

/** Told of the daemon's transitions (the command prints them as lines on stdout). */
public interface DaemonListener {
    /** Another daemon holds the lock: this one waits as a hot standby. */
    default void standby() {}

    /** The lock was won (its server process id, for {@code pg_stat_activity}). */
    default void acquired(int backendPid) {}

    default void bootstrapped(BootstrapResult result) {}

    /** Bootstrap done, loops and services started. */
    default void running() {}

    /** The lock was lost without a stop (database connection gone): loops stopped, trying again. */
    default void lost(String reason) {}

    /** Stopped on request: nothing runs any more. */
    default void stopped() {}
}
