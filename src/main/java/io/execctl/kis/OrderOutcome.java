package io.execctl.kis;

import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import java.time.LocalDate;

/**
 * What became of an order, cancel or modify POST. Never an exception: the engine records each case.
 * <ul>
 * <li>{@link Accepted}: KIS took it ({@code rt_cd "0"}) and numbered it.</li>
 * <li>{@link Rejected}: KIS refused it ({@code rt_cd != "0"}); nothing happened at the broker.</li>
 * <li>{@link Unknown}: the request may have reached KIS but no readable answer came back (timeout after
 *     sending, cut connection, a 5xx page without a KIS body, unreadable 2xx, {@code EGW00301/302}, an
 *     unlisted {@code EGW} code; see {@link OrderOutcomeRules}). It is NOT resent:
 *     the engine resolves it by inquiry, because KIS has no client order id and a resend could double the order.</li>
 * <li>{@link Refused}: KIS's gateway refused our credentials or permissions before processing (bad app
 *     key/secret, no API permission, a token refused again after renewal). Nothing happened at the broker,
 *     but trying again will not help: pause sending and alert an operator. Not the order's fault.</li>
 * <li>{@link Failed}: it was never sent (no connection, no rate-budget slot, rate-limited to the end);
 *     safe to try again later. No access token is a {@link Refused} with {@code noToken}: it is not the
 *     order's failure and clears by itself.</li>
 * </ul>
 */
public sealed interface OrderOutcome {

    /** The raw response body (credentials scrubbed; may hold account data: for the audit table, not for logs). */
    String raw();

    record Accepted(String branch, String odno, String ordTmd, String msgCd, String msg1, String raw)
            implements OrderOutcome {
        /** Without the raw body, which may hold account data: safe to log. */
        @Override
        public String toString() {
            return "Accepted[" + "branch=" + branch + ", odno=" + odno + ", ordTmd=" + ordTmd + ", msgCd=" + msgCd
                    + ", msg1=" + msg1 + ", raw=" + (raw == null ? "none" : raw.length() + " chars") + "]";
        }

        /**
         * The order's identity: the account it was sent for and the trading date of the send
         * ({@code TradingDate.at} of the send instant; the answer carries no date).
         */
        public OrderKey key(String accountId, LocalDate orderDate) {
            return OrderKey.of(accountId, orderDate, odno);
        }

        /** Branch and ODNO, what a cancel or modify of this order needs. */
        public OrderAddress address() {
            return OrderAddress.of(branch, odno);
        }
    }

    record Rejected(String msgCd, String msg1, String raw) implements OrderOutcome {
        /** Without the raw body, which may hold account data: safe to log. */
        @Override
        public String toString() {
            return "Rejected[" + "msgCd=" + msgCd + ", msg1=" + msg1 + ", raw="
                    + (raw == null ? "none" : raw.length() + " chars") + "]";
        }
    }

    record Unknown(String reason, String raw) implements OrderOutcome {
        /** Without the raw body, which may hold account data: safe to log. */
        @Override
        public String toString() {
            return "Unknown[" + "reason=" + reason + ", raw=" + (raw == null ? "none" : raw.length() + " chars") + "]";
        }
    }

    /**
     * @param noToken no access token could be had for the call (KIS's one-a-minute spacing after an
     *                early expiry, issuance failing for now, the token cache down): nothing was sent,
     *                and unlike a refusal of our credentials it clears by itself
     */
    record Refused(String msgCd, String msg1, String reason, String raw, boolean noToken) implements OrderOutcome {
        /** A refusal of our credentials or permissions by the gateway. */
        public Refused(String msgCd, String msg1, String reason, String raw) {
            this(msgCd, msg1, reason, raw, false);
        }

        /** Without the raw body, which may hold account data: safe to log. */
        @Override
        public String toString() {
            return "Refused[" + "msgCd=" + msgCd + ", msg1=" + msg1 + ", reason=" + reason + ", raw="
                    + (raw == null ? "none" : raw.length() + " chars") + ", noToken=" + noToken + "]";
        }
    }

    record Failed(String reason, String raw) implements OrderOutcome {
        /** Without the raw body, which may hold account data: safe to log. */
        @Override
        public String toString() {
            return "Failed[" + "reason=" + reason + ", raw=" + (raw == null ? "none" : raw.length() + " chars") + "]";
        }
    }
}
