package io.execctl.kis.ws;

/**
 * How a received WebSocket frame (or one record of it) was classified. {@link #label()} is the
 * {@code KisMetrics.wsFrame} label value (the {@code KisMetrics.Frame} vocabulary plus the
 * notice-specific ones below); never a secret.
 */
public enum FrameOutcome {
    /** An encrypted notice record parsed and delivered. */
    NOTICE("notice"),
    /** A plain ({@code 0|…}) notice record parsed and delivered: KIS always encrypts notices, so a contract anomaly. */
    PLAIN_NOTICE("plaintext_notice"),
    /** The subscription ack ({@code OPSP0000}) with the key/iv. */
    ACK("ack"),
    /** Another known JSON control frame (error codes, unsubscribe ...). */
    CONTROL("control"),
    /** A {@code PINGPONG} keepalive, echoed. */
    PINGPONG("pingpong"),
    /** A control frame whose code we do not know. */
    UNKNOWN_CONTROL("unknown_control"),
    /** A data frame for a TR id we did not subscribe to. */
    UNKNOWN_TR("unknown_tr"),
    /** An encrypted frame for which no key/iv has been received on this connection. */
    NO_KEY("no_key"),
    /** Not base64, wrong key/iv, bad padding or not UTF-8 after decryption. */
    UNDECRYPTABLE("undecryptable"),
    /** Unrecognisable frame: bad header, field count not 26/23 per record, unparsable JSON. */
    CORRUPT("corrupt"),
    /** One record of a frame whose fields could not be read (bad side, quantity, time ...). */
    BAD_RECORD("bad_record"),
    /** A binary frame (KIS sends text only). */
    BINARY("binary");

    private final String label;

    FrameOutcome(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }
}
