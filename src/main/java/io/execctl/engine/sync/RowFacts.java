package io.execctl.engine.sync;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.OpenOrder;
import java.time.Instant;
import java.time.LocalDate;

/** What a daily-ccld or open-orders row says, in the domain's terms. */
final class RowFacts {
    private RowFacts() {}

    /**
     * The row's cumulative totals.
     *
     * @throws IllegalArgumentException if the row's numbers cannot be totals (e.g. an amount without a
     *                                  quantity): the row is bad input, never zero
     */
    static BrokerTotals totals(DailyOrderRow r) {
        return new BrokerTotals(r.ordQty(), r.totCcldQty(), r.totCcldAmt(), r.rmnQty(), r.cnclCfrmQty(), r.rjctQty());
    }

    /**
     * Lapsed at the close: final, part of it neither executed nor rejected, and not cancelled by a
     * request ({@code cncl_yn} is not {@code Y}); KIS reports the lapsed quantity as cancelled.
     */
    static boolean lapsed(DailyOrderRow r, BrokerTotals t) {
        return t.isFinal() && !r.cancelled() && t.cnclCfrmQty() > 0;
    }

    static BrokerOrderSighting sighting(DailyOrderRow r, String accountId) {
        return new BrokerOrderSighting(
                r.orderKey(accountId),
                r.isRevision() ? r.orgnOdno() : null,
                r.symbol(),
                r.side(),
                r.ordQty(),
                OrderType.fromOrdDvsn(r.ordDvsnCd()).orElse(null),
                r.ordUnpr(),
                orderedAt(r.ordDt(), r.ordTmd()),
                BrokerOrderSighting.Channel.DAILY_CCLD,
                null,
                r.isRevision() && r.cancelled());
    }

    static BrokerOrderSighting sighting(OpenOrder o, String accountId, LocalDate today) {
        return new BrokerOrderSighting(
                OrderKey.of(accountId, today, o.odno()),
                o.orgnOdno().isBlank() ? null : o.orgnOdno(),
                o.symbol(),
                o.side(),
                o.ordQty(),
                OrderType.fromOrdDvsn(o.ordDvsnCd()).orElse(null),
                o.ordUnpr(),
                orderedAt(today, o.ordTmd()),
                BrokerOrderSighting.Channel.OPEN_ORDERS);
    }

    private static Instant orderedAt(LocalDate date, String hhmmss) {
        try {
            return hhmmss == null || hhmmss.isBlank() ? null : KoreaTime.toInstant(date, hhmmss);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
