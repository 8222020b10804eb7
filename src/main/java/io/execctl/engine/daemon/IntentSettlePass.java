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
 * idempotent, from the whole chain). Every writer of an order's end or of an intent's link re-decides
 * the intent itself (docs/engine.md, "The intent follows its order chain"), so a repair made here means
 * one of them did not: each is counted ({@code execution_intent_repairs_total}) and logged at WARN with
 * the order and the intent, a bug signal to report, not a normal path.
 */
public final class IntentSettlePass implements EnginePass {
    private static final Logger log = LoggerFactory.getLogger(IntentSettlePass.class);
    private static final int LIMIT = 500;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable repaired;

    /** Repairs counted nowhere (tests, tools without metrics). */
    public IntentSettlePass(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, () -> {});
    }

    /** @param repaired told once per intent this pass moved (the repairs counter) */
    public IntentSettlePass(Jdbi jdbi, Clock clock, Runnable repaired) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.repaired = Objects.requireNonNull(repaired, "repaired");
    }

    @Override
    public PassReport run() {
        List<String> terminal = Arrays.stream(OrderStatus.values())
                .filter(OrderStatus::isTerminal)
                .map(Enum::name)
                .toList();
        List<Behind> stuck = jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.account_id, o.order_date, o.kis_order_no, o.status AS order_status,
                               i.intent_id, i.status AS intent_status
                          FROM trade.orders o JOIN trade.order_intents i ON i.intent_id = o.intent_id
                         WHERE o.status IN (<terminal>) AND i.status IN ('SENDING', 'UNKNOWN', 'SUBMITTED')
                         ORDER BY o.order_date, o.kis_order_no LIMIT :limit""")
                .bindList("terminal", terminal)
                .bind("limit", LIMIT)
                .map((rs, ctx) -> new Behind(
                        OrderKey.of(
                                rs.getString("account_id"),
                                rs.getObject("order_date", LocalDate.class),
                                rs.getString("kis_order_no")),
                        rs.getString("order_status"),
                        rs.getString("intent_id"),
                        rs.getString("intent_status")))
                .list());
        int settled = 0;
        OrderChains chains = OrderChains.of(jdbi);
        for (Behind b : stuck) {
            var moved = chains.settleIntent(b.key(), "ORDER_RESETTLED", clock.instant());
            if (moved.isPresent()) {
                settled++;
                repaired.run();
                log.warn(
                        "BUG: intent {} was {} behind its {} order {}; repaired to {} by the safety net"
                                + " (a writer of the order or of the intent's link did not re-decide it)",
                        b.intentId(),
                        b.intentStatus(),
                        b.orderStatus(),
                        b.key().orderId(),
                        moved.get());
            }
        }
        return new PassReport(
                PassName.SETTLE_INTENTS.key(),
                true,
                settled,
                0,
                stuck.size() + " intent(s) behind a terminal order, " + settled + " settled");
    }

    /** An intent seen behind its terminal order. */
    private record Behind(OrderKey key, String orderStatus, String intentId, String intentStatus) {}
}
