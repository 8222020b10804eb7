package io.execctl.metrics;

/**
 * What {@code /readyz} asks: the daemon implements it from its status object. Ready means it can trade:
 * startup recovery done, database reachable, notice WebSocket subscribed. A hot standby holds no
 * WebSocket and is therefore not ready (503) while alive ({@code /healthz} 200) — a load balancer or
 * supervisor must use {@code /healthz} for restarts. Implementations answer from state they already
 * hold (no database round trip per probe) and must not throw.
 */
public interface Readiness {
    /** Never ready: for commands that start the server without a daemon. */
    Readiness NEVER = new Readiness() {
        @Override
        public boolean bootstrapDone() {
            return false;
        }

        @Override
        public boolean databaseReachable() {
            return false;
        }

        @Override
        public boolean webSocketSubscribed() {
            return false;
        }
    };

    boolean bootstrapDone();

    boolean databaseReachable();

    boolean webSocketSubscribed();

    default boolean ready() {
        return bootstrapDone() && databaseReachable() && webSocketSubscribed();
    }
}
