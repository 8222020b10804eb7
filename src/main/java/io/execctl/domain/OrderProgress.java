package io.execctl.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order's fill-derived state after one {@link FillModel} step: quantities from the live rows,
 * the broker status merged, and the status through the reducer and the {@link OrderStatusMachine}.
 * The move is a {@link OrderStatusMachine.Cause#CORRECTION} exactly when the step voided a notice
 * (broker-final totals disagreed with what notices alone had shown).
 *
 * @param transition the status move considered; {@code transition.result()} is the status to store
 */
public record OrderProgress(
        BrokerStatus brokerStatus,
        long filledQty,
        long openQty,
        BigDecimal avgFillPrice,
        OrderStatusMachine.Transition transition,
        boolean correction) {

    /**
     * @param status     the order's stored status
     * @param broker     the order's stored broker status
     * @param qty        the order quantity
     * @param step       what the event did to the fill rows
     * @param brokerSaid what the event says of the broker status (null: nothing)
     */
    public static OrderProgress after(
            OrderStatus status, BrokerStatus broker, long qty, FillModel.Step step, BrokerStatus brokerSaid) {
        BrokerStatus merged = BrokerStatus.merge(broker, brokerSaid);
        FillBook after = step.after();
        long filled = after.liveQty();
        BigDecimal avg = filled == 0
                ? null
                : after.liveAmount().divide(BigDecimal.valueOf(filled), Fill.PRICE_SCALE, RoundingMode.HALF_EVEN);
        boolean correction = step.correction();
        OrderStatusMachine.Cause cause = correction
                ? OrderStatusMachine.Cause.CORRECTION
                : step.inserted().isEmpty() ? OrderStatusMachine.Cause.BROKER_STATUS : OrderStatusMachine.Cause.FILL;
        OrderStatusMachine.Transition t =
                OrderStatusMachine.check(status, OrderStatusReducer.derive(qty, merged, filled), cause);
        return new OrderProgress(merged, filled, OrderStatusReducer.openQty(qty, merged, filled), avg, t, correction);
    }

    /** What a snapshot says of the broker status: final totals tell how it ended; any snapshot proves acceptance. */
    public static BrokerStatus said(BrokerTotals totals, FillBook.Broker proof) {
        return proof.isFinal() && totals.isFinal() ? totals.brokerStatus() : BrokerStatus.ACCEPTED;
    }

    public OrderStatus status() {
        return transition.result();
    }

    /**
     * Whether the outbox must announce this move as a correction ({@code ORDER_CORRECTED}) rather
     * than a plain status: a notice was voided, or the status leaves a terminal one (a terminal
     * status is announced once; fill quantity after a cancel revises it) or enters {@code ERROR}
     * (a broker inconsistency, never a normal step of an order).
     */
    public boolean announcedAsCorrection() {
        OrderStatus to = transition.result();
        if (to == transition.from()) {
            return correction;
        }
        return correction || transition.from().isTerminal() || to == OrderStatus.ERROR;
    }
}
