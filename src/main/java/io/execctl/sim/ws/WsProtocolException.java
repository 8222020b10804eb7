package io.execctl.sim.ws;

import java.io.IOException;

/** A violation of RFC 6455 by the peer; the session answers with a close frame carrying {@link #closeCode()}. */
public final class WsProtocolException extends IOException {
    private final int closeCode;

    public WsProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
