package io.execctl.engine.notice;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.engine.ownership.BrokerOrderSighting;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A routed notice: the order it concerns and what it asks of it, with the facts needed to apply it,
 * to park it ({@link ParkedPayload}) and, when nobody knows the order, to describe it to the
 * ownership decision. Only what the engine needs: no HTS id, no account name.
 *
 * @param key           the order the notice is applied to (for a cancel/modify confirmation: the original)
 * @param receipt       connection, frame and record of the notice: its idempotency key
 * @param executedAt    STCK_CNTG_HOUR on the Korean trading date of receipt
 * @param qty           CNTG_QTY: the execution's quantity (a fill), the cancelled/modified quantity
 *                      (a confirmation), or the order's quantity (an acceptance)
 * @param price         CNTG_UNPR
 * @param odno          ODER_NO as received (for a confirmation: the cancel/modify order's own number)
 * @param origOrderNo   OODER_NO, blank for a new order
 * @param orderQty      ODER_QTY, 0 when blank
 * @param orderPrice    ODER_PRC, null when blank
 * @param receivedNanos {@code System.nanoTime()} when the frame was received (latency metric; 0 when replayed)
 */
public record NoticeCommand(
        OrderKey key,
        NoticeAction action,
        NoticeReceipt receipt,
        Instant executedAt,
        long qty,
        BigDecimal price,
        String odno,
        String origOrderNo,
        String symbol,
        Side side,
        String ordDvsn,
        long orderQty,
        BigDecimal orderPrice,
        Instant receivedAt,
        long receivedNanos) {

    public NoticeCommand {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(odno, "odno");
        Objects.requireNonNull(origOrderNo, "origOrderNo");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(ordDvsn, "ordDvsn");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (qty < 0 || orderQty < 0) {
            throw new IllegalArgumentException("quantities are never negative");
        }
        if (action == NoticeAction.FILL && qty == 0) {
            throw new IllegalArgumentException("a fill has a positive quantity");
        }
    }

    /**
     * The order as this notice shows it, for {@code OrderOwnership}; empty for a confirmation of a
     * change (it names the original by OODER_NO and says nothing about the original's own quantity)
     * and when the notice does not say the order's quantity.
     */
    public Optional<BrokerOrderSighting> sighting() {
        if (action == NoticeAction.CANCEL_CONFIRMED
                || action == NoticeAction.MODIFY_CONFIRMED
                || action == NoticeAction.CHANGE_REFUSED) {
            return Optional.empty();
        }
        long q = orderQty > 0 ? orderQty : action == NoticeAction.ACCEPTED ? qty : 0;
        if (q <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BrokerOrderSighting(
                key,
                origOrderNo,
                symbol,
                side,
                q,
                OrderType.fromOrdDvsn(ordDvsn).orElse(null),
                orderPrice,
                action == NoticeAction.ACCEPTED ? executedAt : null,
                BrokerOrderSighting.Channel.NOTICE));
    }
}
