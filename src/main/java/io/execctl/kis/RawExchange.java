package io.execctl.kis;

import java.time.Instant;

/**
 * One HTTP exchange with KIS as it happened, for the audit table: bodies verbatim except that app
 * key, app secret and tokens are replaced by {@code ****}. {@code status} is 0 and
 * {@code responseBody} null when no response arrived.
 *
 * @param operation    {@link KisOperation#label()}
 * @param endpoint     method and path, e.g. {@code POST /uapi/domestic-stock/v1/trading/order-cash}
 * @param trId         the TR id sent (empty for OAuth calls)
 * @param status       HTTP status, 0 if none
 * @param requestBody  the query string (GET) or JSON body (POST) sent, scrubbed
 * @param responseBody the raw response body, scrubbed; null if none
 * @param gtUid        KIS's {@code gt_uid} header, empty if none
 * @param outcome      a {@link KisMetrics.Outcome} value
 * @param sentAt       when the call started
 * @param receivedAt   when the response (or the failure) arrived
 */
public record RawExchange(
        String operation,
        String endpoint,
        String trId,
        int status,
        String requestBody,
        String responseBody,
        String gtUid,
        String outcome,
        Instant sentAt,
        Instant receivedAt) {

    /** Without the bodies (the request holds the account number): safe to log. */
    @Override
    public String toString() {
        return "RawExchange[" + endpoint + " " + trId + " -> " + status + " " + outcome + ", gt_uid=" + gtUid
                + ", request " + (requestBody == null ? 0 : requestBody.length()) + " chars, response "
                + (responseBody == null ? "none" : responseBody.length() + " chars") + ", at " + receivedAt + "]";
    }
}
