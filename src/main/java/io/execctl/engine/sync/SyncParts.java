package io.execctl.engine.sync;

import io.execctl.engine.ownership.OrderOwnership;
import io.execctl.store.FillApplier;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.HeldNoticeStore;
import io.execctl.store.OrderTx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * What every REST sync pass is built from, so the daemon, the bootstrap and the one-shot commands
 * wire them once: the database, the broker's inquiries, the account, the ownership decision for
 * orders we do not hold, the history-lag window and the clock.
 *
 * @param historyLag how long a deficit must persist before it is inferred (at or above the broker's
 *                   order-history lag; the simulator's {@code ccld_lag_ms} in tests)
 */
public record SyncParts(
        Jdbi jdbi,
        BrokerInquiries inquiries,
        String accountId,
        OrderOwnership ownership,
        Duration historyLag,
        Clock clock,
        SyncCounters counters) {
    /** The default history-lag window (REFERENCE: today's order history "may lag"; not quantified by KIS). */
    public static final long DEFAULT_HISTORY_LAG_SECONDS = 60;

    /** {@link #DEFAULT_HISTORY_LAG_SECONDS} as a duration. */
    public static final Duration DEFAULT_HISTORY_LAG = Duration.ofSeconds(DEFAULT_HISTORY_LAG_SECONDS);

    public SyncParts {
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(inquiries, "inquiries");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(historyLag, "historyLag");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(counters, "counters");
        if (historyLag.isNegative()) {
            throw new IllegalArgumentException("historyLag must not be negative");
        }
    }

    RowApplier rowApplier() {
        return new RowApplier(
                new FillApplier(new OrderTx(jdbi), clock), FillDeficitStore.of(jdbi), historyLag, clock, counters);
    }

    /** Applies a page of rows in one transaction ({@link PageWriter}). */
    PageWriter pageWriter(RowApplier rows) {
        return new PageWriter(
                rows, new OrderTx(jdbi), () -> HeldNoticeStore.of(jdbi).pendingOrders(accountId));
    }
}
