package io.execctl.kis.ws;

/** How a received WebSocket frame (or one record of it) was classified; a metric label, never a secret. */
public enum FrameOutcome {
    /** An encrypted notice record parsed and delivered. */
    NOTICE,
    /** A plain ({@code 0|…}) notice record parsed and delivered: KIS always encrypts notices, so a contract anomaly. */
    PLAIN_NOTICE,
    /** A JSON control frame (subscribe ack, error codes). */
    CONTROL,
    /** A {@code PINGPONG} keepalive, echoed. */
    PINGPONG,
    /** A control frame whose code we do not know. */
    UNKNOWN_CONTROL,
    /** A data frame for a TR id we did not subscribe to. */
    UNKNOWN_TR,
    /** An encrypted frame for which no key/iv has been received on this connection. */
    NO_KEY,
    /** Not base64, wrong key/iv, bad padding or not UTF-8 after decryption. */
    UNDECRYPTABLE,
    /** Unrecognisable frame: bad header, field count not 26/23 per record, unparsable JSON. */
    CORRUPT,
    /** One record of a frame whose fields could not be read (bad side, quantity, time ...). */
    BAD_RECORD,
    /** A binary frame (KIS sends text only). */
    BINARY
}
