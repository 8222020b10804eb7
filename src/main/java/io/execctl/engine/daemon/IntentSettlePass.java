package io.execctl.engine.daemon;

import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.OrderChains;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safety net of the intent status: an intent still SENDING, UNKNOWN or SUBMITTED whose order is
 * terminal is re-decided through the one intent-status writer ({@link OrderChains#settleIntent},
 * idempotent, from the whole chain). The fill path settles the intent in the fill's transaction; this
 * pass catches an intent that path left behind (seen under the daemon: an order FILLED while its
 * intent stayed SUBMITTED when the notice path, ownership and the submitter raced for a new order —
 * the cause is not found yet) and says so at WARN, once per intent it settles.
 */
public final class IntentSettlePass implements EnginePass {
    private static final Logger log = LoggerFactory.getLogger(IntentSettlePass.class);
    private static final int LIMIT = 500;

    private final Jdbi jdbi;
    private final Clock clock;

    public IntentSettlePass(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PassReport run() {
        List<String> terminal = Arrays.stream(OrderStatus.values())
                .filter(OrderStatus::isTerminal)
                .map(Enum::name)
                .toList();
        List<OrderKey> stuck = jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.account_id, o.order_date, o.kis_order_no
                          FROM trade.orders o JOIN trade.order_intents i ON i.intent_id = o.intent_id
                         WHERE o.status IN (<terminal>) AND i.status IN ('SENDING', 'UNKNOWN', 'SUBMITTED')
                         ORDER BY o.order_date, o.kis_order_no LIMIT :limit""")
                .bindList("terminal", terminal)
                .bind("limit", LIMIT)
                .map((rs, ctx) -> OrderKey.of(
                        rs.getString("account_id"),
                        rs.getObject("order_date", LocalDate.class),
                        rs.getString("kis_order_no")))
                .list());
        int settled = 0;
        OrderChains chains = OrderChains.of(jdbi);
        for (OrderKey key : stuck) {
            if (chains.settleIntent(key, "ORDER_RESETTLED", clock.instant()).isPresent()) {
                settled++;
                log.warn("intent of order {} was behind its terminal order; settled now", key.orderId());
            }
        }
        return new PassReport(
                PassName.SETTLE_INTENTS.key(),
                true,
                settled,
                0,
                stuck.size() + " intent(s) behind a terminal order, " + settled + " settled");
    }
}
