package io.execctl.sim.ws;

/** What a session's writer thread sends, in queue order. */
sealed interface Outbound {

    /** A JSON control frame (ack, error, PINGPONG). */
    record Text(String text) implements Outbound {}

    /** An execution notice for one subscription, possibly to be corrupted (fault). */
    record Notice(Subscription subscription, ExecutionNotice notice, Corruption corruption) implements Outbound {}

    /** The answer to a client's ping frame. */
    record Pong(byte[] payload) implements Outbound {}

    /** A close frame; nothing after it is sent. */
    record Close(int code, String reason) implements Outbound {}

    /** How a corrupt-fault frame is broken; both are guaranteed undecryptable. */
    enum Corruption {
        NONE,
        /** base64 of the ciphertext minus its last 5 bytes (not a whole number of AES blocks). */
        TRUNCATED_CIPHERTEXT,
        /** the first half of the base64 text followed by characters outside the base64 alphabet. */
        GARBAGE_BASE64
    }
}
