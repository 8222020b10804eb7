package io.execctl.engine.notice;

import io.execctl.domain.OrderKey;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNotice;
import io.execctl.store.ParkedNoticeStore;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the notices parked for an order once its row exists. {@link #applyParked} runs in the
 * order's transaction: called inside the transaction that commits the order row (the submission's
 * outcome, an adoption, an EXTERNAL record — on the same thread, through an {@code OrderTx} of the
 * same {@code Jdbi}, so it joins it), the parked notices commit with the row, atomically; called on
 * its own it opens the order's transaction itself. A notice arriving meanwhile waits for the order's
 * lock and then sees the row, so parked notices are applied before it.
 */
public final class ParkedNotices {
    private static final Logger log = LoggerFactory.getLogger(ParkedNotices.class);

    private final OrderTx orderTx;
    private final NoticeWriter writer;
    private final NoticeMetrics metrics;
    private final Clock clock;

    public ParkedNotices(OrderTx orderTx, NoticeWriter writer, NoticeMetrics metrics, Clock clock) {
        this.orderTx = Objects.requireNonNull(orderTx, "orderTx");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies every unresolved notice parked for {@code key}, oldest first, and marks them resolved;
     * does nothing while the order is still unknown. Idempotent: an applied notice is resolved in the
     * same transaction, and applying the same receipt twice stores nothing new anyway.
     *
     * @return how many were applied
     */
    public int applyParked(OrderKey key) {
        Objects.requireNonNull(key, "key");
        int applied = orderTx.inOrderTransaction(key, tx -> {
            if (tx.orders().findByKey(key).isEmpty()) {
                return 0;
            }
            ParkedNoticeStore parked = tx.parkedNotices();
            int n = 0;
            for (ParkedNotice p : parked.pendingFor(key)) {
                NoticeCommand c;
                try {
                    c = ParkedPayload.decode(key, p.receipt(), p.payload());
                } catch (IllegalArgumentException e) {
                    metrics.unusable("bad_payload");
                    log.warn("parked notice {} is unreadable ({}); left for an operator", p.id(), e.getMessage());
                    parked.recordAttempt(p.id(), clock.instant(), "unreadable payload: " + e.getMessage());
                    continue;
                }
                NoticeWriter.Result r = writer.apply(tx.handle(), c, false);
                if (r != NoticeWriter.Result.PARKED) {
                    parked.resolve(
                            p.id(), clock.instant(), "applied " + c.action().label());
                    n++;
                }
            }
            return n;
        });
        if (applied > 0) {
            metrics.unparked(applied);
            log.info("applied {} parked notice(s) to {}", applied, key);
        }
        return applied;
    }
}
