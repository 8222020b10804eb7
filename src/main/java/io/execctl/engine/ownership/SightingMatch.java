package io.execctl.engine.ownership;

import io.execctl.domain.OrderType;
import io.execctl.store.UnresolvedSubmission;
import java.time.Duration;

/**
 * Could this broker order be that submission's? {@link #fitsShape}: same trading date, symbol, side
 * and quantity, the same order type and price where the channel says. {@link #inWindow}: taken by
 * the broker no earlier than the first send (a resend: its own send, {@link UnresolvedSubmission#windowFrom})
 * and no later than the send deadline, each widened by
 * the clock skew (ORD_TMD has whole seconds, and the broker's clock is not ours). Keeping an order
 * out of EXTERNAL needs the shape only (a wrong clock must never make our order someone else's);
 * adopting it needs the window too.
 */
final class SightingMatch {
    private SightingMatch() {}

    static boolean fits(UnresolvedSubmission u, BrokerOrderSighting s, Duration skew) {
        return fitsShape(u, s) && inWindow(u, s, skew);
    }

    static boolean fitsShape(UnresolvedSubmission u, BrokerOrderSighting s) {
        if (!u.tradingDate().equals(s.key().orderDate())
                || !u.symbol().equals(s.symbol())
                || u.side() != s.side()
                || u.qty() != s.qty()) {
            return false;
        }
        if (s.orderType() != null && u.orderType() != null && s.orderType() != u.orderType()) {
            return false;
        }
        boolean limit = u.orderType() == OrderType.LMT || s.orderType() == OrderType.LMT;
        if (limit && s.price() != null && u.price() != null && s.price().compareTo(u.price()) != 0) {
            return false;
        }
        return true;
    }

    static boolean inWindow(UnresolvedSubmission u, BrokerOrderSighting s, Duration skew) {
        if (s.orderedAt() != null) {
            return !s.orderedAt().isBefore(u.windowFrom().minus(skew))
                    && !s.orderedAt().isAfter(u.sendDeadline().plus(skew));
        }
        return true;
    }
}
