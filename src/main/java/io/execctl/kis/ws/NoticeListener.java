package io.execctl.kis.ws;

import java.time.Instant;

/**
 * What the stream tells its owner (the engine). Callbacks of one connection come in order from one
 * thread; an exception thrown here is logged and counted and the stream goes on. Every method
 * except {@link #onNotice} has an empty default.
 */
public interface NoticeListener {

    /**
     * Every received frame, exactly as received, BEFORE it is parsed (for the {@code broker_messages}
     * audit table) — notices, control frames and PINGPONGs alike. Encrypted notices stay encrypted here.
     */
    default void onRawFrame(String raw, Instant receivedAt) {}

    /** One decoded notice record (a multi-record frame gives one call per record, in order). */
    void onNotice(ExecutionNoticeEvent notice);

    /** A frame or record that could not be used; {@code raw} is the whole frame, kept for the audit. */
    default void onCorrupt(String raw, String reason) {}

    /** A control code other than PINGPONG: OPSP0000 subscribed, OPSP8996, OPSP0008, unknown codes ... */
    default void onControl(String code, String message) {}

    /** The WebSocket is open (the subscription follows). */
    default void onConnected() {}

    /**
     * After every re-subscription that follows a lost (or never established) session: notices from
     * {@code disconnectedAt} to {@code reconnectedAt} may have been missed (KIS does not replay), so
     * the engine must gap-fill over REST. Sent once the new subscription is acknowledged.
     */
    default void onGap(Instant disconnectedAt, Instant reconnectedAt) {}

    /** The connection was lost or refused (a reconnect is scheduled unless the stream was closed). */
    default void onDisconnected(String reason) {}
}
