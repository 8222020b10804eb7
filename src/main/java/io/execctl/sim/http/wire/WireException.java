package io.execctl.sim.http.wire;

/** A request the transport refuses before any handler sees it; {@code status} is what the client is told. */
final class WireException extends Exception {
    final int status;

    WireException(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }
}
