package io.execctl.sim.http;

import io.execctl.sim.ws.WsFaults;

/** What the control API may do to the WebSocket side (the notice server implements it through the composition). */
public interface WsControl {
    void setFaults(WsFaults faults);

    /** Closes every WebSocket session at once (POST /sim/ws/drop). */
    void dropAll();

    /** No WebSocket server (REST-only runs). */
    WsControl NONE = new WsControl() {
        @Override
        public void setFaults(WsFaults faults) {}

        @Override
        public void dropAll() {}
    };
}
