package io.execctl.domain;

/**
 * Where a notice record was received: the WebSocket connection (a random id per connection), the
 * frame's index on that connection and the record's index within the frame. KIS notices carry no
 * execution id, and two genuine fills of the same quantity and price in one second are byte-equal,
 * so a notice is keyed by its receipt, never by its payload: replaying the same receipt (a parked
 * notice retried, a crash before commit) is idempotent, while two receipts are two fills until
 * broker-final totals say otherwise (see {@link FillModel}).
 */
public record NoticeReceipt(String connectionId, long frameIndex, int recordIndex) {
    public NoticeReceipt {
        Checks.notBlank(connectionId, "connectionId");
        if (!connectionId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("connection id must be 1-64 of [A-Za-z0-9_.:-]");
        }
        Checks.nonNegative(frameIndex, "frameIndex");
        Checks.nonNegative(recordIndex, "recordIndex");
    }

    /** {@code connection/frame/record}, the text stored in {@code fills.receipt}. */
    public String key() {
        return connectionId + "/" + frameIndex + "/" + recordIndex;
    }

    @Override
    public String toString() {
        return key();
    }
}
