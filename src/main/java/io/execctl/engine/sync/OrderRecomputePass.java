package io.execctl.engine.sync;

import io.execctl.domain.OrderKey;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.OrderRecompute;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap step {@code recompute-orders} (design document §5.5 step 4): after the open-orders and
 * fills syncs, every non-terminal order of the account and every order touched today is re-derived
 * from its live fills ({@link OrderRecompute}): all of them read in one consistent snapshot without a
 * lock ({@link OrderRecompute#drifting}), and only the ones that differ recomputed one by one under
 * their lock (a bootstrap of 2,000 orders: three statements instead of 2,000 locked transactions). A drift is corrected, announced, logged at WARN and
 * counted ({@code execution_order_recompute_drifts_total}): it means something wrote around the
 * fill path, which someone must look into even though the row is right again.
 */
public final class OrderRecomputePass implements EnginePass {
    /** The pass's name ({@code PassName.RECOMPUTE_ORDERS}). */
    public static final String PASS = "recompute-orders";

    private static final Logger log = LoggerFactory.getLogger(OrderRecomputePass.class);

    private final OrderRecompute recompute;
    private final String accountId;
    private final Runnable driftCounter;

    /** @param driftCounter called once per corrected order (the drift metric) */
    public OrderRecomputePass(OrderRecompute recompute, String accountId, Runnable driftCounter) {
        this.recompute = Objects.requireNonNull(recompute, "recompute");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.driftCounter = Objects.requireNonNull(driftCounter, "driftCounter");
    }

    @Override
    public PassReport run() {
        // one lock-free consistent read finds the orders that differ; only those take their lock
        OrderRecompute.Checked checked = recompute.drifting(accountId);
        int drifts = 0;
        for (OrderKey key : checked.drifting()) {
            Optional<OrderRecompute.Drift> d = recompute.recompute(key);
            if (d.isPresent()) {
                drifts++;
                driftCounter.run();
                OrderRecompute.Drift x = d.get();
                log.warn(
                        "order {} drifted from its fills, corrected: status {} -> {}, filled {} -> {}, open {} -> {},"
                                + " avg price {} -> {}",
                        x.orderId(),
                        x.wasStatus(),
                        x.status(),
                        x.wasFilledQty(),
                        x.filledQty(),
                        x.wasOpenQty(),
                        x.openQty(),
                        x.wasAvgFillPrice(),
                        x.avgFillPrice());
            }
        }
        return PassReport.complete(
                PASS,
                drifts,
                checked.checked() + " order(s) recomputed from their fills, " + drifts + " drift(s) corrected");
    }
}
