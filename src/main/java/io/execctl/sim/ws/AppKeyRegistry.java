package io.execctl.sim.ws;

import java.util.HashMap;
import java.util.Map;

/**
 * KIS allows one WebSocket session per app key (REFERENCE §9.4): the session that first subscribes
 * with an app key's approval key owns the app key until it closes; a second concurrent session gets
 * OPSP8996 and is dropped, the first keeps working.
 */
final class AppKeyRegistry {
    private final Map<String, WsSession> owners = new HashMap<>();

    /** True if {@code session} owns {@code appKey} now (it already did, or the key was free). */
    synchronized boolean claim(String appKey, WsSession session) {
        WsSession owner = owners.get(appKey);
        if (owner == null || owner == session || owner.isClosed()) {
            owners.put(appKey, session);
            return true;
        }
        return false;
    }

    synchronized void release(WsSession session) {
        owners.values().removeIf(s -> s == session);
    }
}
