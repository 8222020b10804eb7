package io.execctl.cli;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.OrderKey;
import io.execctl.domain.TradingDate;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.KisClient;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderTx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo engine's fills: today's {@code inquire-daily-ccld} rows applied to the orders execctl
 * knows as REST totals snapshots ({@link FillApplier#applySnapshot}), a deficit inferred at once.
 * <b>A stand-in for the fills sync</b> (built by another slice, replaced at integration with the
 * daemon): it infers immediately because the demo runs no notice stream that could still deliver the
 * executions, and it neither adopts unknown orders nor parks anything.
 */
final class DemoRestFills {
    private final Jdbi jdbi;
    private final KisClient client;
    private final String accountId;
    private final Clock clock;
    private final FillApplier applier;

    DemoRestFills(Jdbi jdbi, KisClient client, String accountId, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.client = Objects.requireNonNull(client, "client");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applier = new FillApplier(new OrderTx(jdbi), clock);
    }

    /** One pass; returns how many rows were applied to known orders. */
    int runPass() {
        Set<String> open = openOrders();
        if (open.isEmpty()) {
            return 0;
        }
        LocalDate today = TradingDate.today(clock);
        DailyOrders d = client.dailyOrders(DailyOrderQuery.range(today, today));
        int applied = 0;
        for (DailyOrderRow r : d.orders().rows()) {
            if (r.isRevision() || r.ordQty() <= 0) {
                continue;
            }
            OrderKey key = r.orderKey(accountId);
            if (!open.contains(key.orderId())) {
                continue;
            }
            BrokerTotals totals = new BrokerTotals(
                    r.ordQty(), r.totCcldQty(), r.totCcldAmt(), r.rmnQty(), r.cnclCfrmQty(), r.rjctQty());
            if (applier.applySnapshot(key, totals, true).orderKnown()) {
                applied++;
            }
        }
        return applied;
    }

    /** Ids of the account's orders that are not terminal (the only ones a snapshot can still move). */
    private Set<String> openOrders() {
        return new HashSet<>(jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT order_id FROM trade.orders
                         WHERE account_id = :acc AND status IN ('SUBMITTED', 'PARTIAL', 'UNKNOWN', 'ERROR')""").bind("acc", accountId).mapTo(String.class).list()));
    }
}
