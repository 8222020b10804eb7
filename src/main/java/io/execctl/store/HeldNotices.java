package io.execctl.store;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.FillModel;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OverQuantity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The over-quantity rule ({@link OverQuantity}) inside an order's transaction, kept apart from the
 * fill path's batching: a fill notice that would take the order's live fills past its quantity is
 * stored in {@code trade.held_notices} instead of as a fill (the order, its status and the outbox
 * do not move), and broker-final totals decide the held notices — applied as fills or marked
 * duplicates. Used by {@link FillApplier} and {@link NoticeRun} alike, so a batch holds exactly what
 * one-by-one holds.
 */
public final class HeldNotices {
    private static final Logger log = LoggerFactory.getLogger(HeldNotices.class);

    private final HoldListener listener;

    HeldNotices(HoldListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Told after the commit of each notice newly held (a metric); never inside the transaction. */
    @FunctionalInterface
    public interface HoldListener {
        void held(OrderKey key, Fill notice);

        HoldListener NONE = (key, notice) -> {};
    }

    /**
     * The step of a fill notice, or no change when it is held (or its receipt was held before and
     * final totals decided it: a replay).
     */
    FillModel.Step onNotice(StoreTx tx, Order order, FillBook book, Fill notice, String rawJson, Instant now) {
        if (book.broker().isFinal()
                && !recorded(book, notice.fillId())
                && tx.heldNotices().wasHeld(order.orderId(), notice.receipt())) {
            return unchanged(book);
        }
        FillModel.Step step = FillModel.onNotice(book, notice, now);
        if (!OverQuantity.holds(order.qty(), step)) {
            return step;
        }
        if (tx.heldNotices().hold(order.key(), notice, rawJson, OverQuantity.REASON, now)) {
            log.warn(
                    "fill notice held as a suspected duplicate: order {} (qty {}, {} live) notice {} @ {} executed {}"
                            + " (receipt {}) would exceed the order quantity; the broker's final totals decide it",
                    order.orderId(),
                    order.qty(),
                    book.liveQty(),
                    notice.qty(),
                    notice.price().toPlainString(),
                    notice.ts(),
                    notice.receipt());
            tx.handle().afterCommit(() -> listener.held(order.key(), notice));
        }
        return unchanged(book);
    }

    /**
     * A REST snapshot's step; when its totals are broker-final, the order's held notices take part
     * in the final fit and are decided.
     *
     * @param raws receives the raw payload of each held notice the step records, by fill id
     */
    FillModel.Step onSnapshot(
            StoreTx tx,
            Order order,
            FillBook book,
            BrokerTotals totals,
            boolean inferDeficit,
            Instant now,
            Map<UUID, String> raws) {
        FillBook.Broker merged = book.broker().merge(totals);
        if (!merged.isFinal() || merged.qty() > order.qty()) {
            return FillModel.onSnapshot(book, totals, inferDeficit, now);
        }
        List<HeldNoticeStore.Held> held = tx.heldNotices().pending(order.key());
        if (held.isEmpty()) {
            return FillModel.onSnapshot(book, totals, inferDeficit, now);
        }
        OverQuantity.Resolution r = OverQuantity.onSnapshot(
                book,
                order.qty(),
                totals,
                inferDeficit,
                held.stream().map(HeldNoticeStore.Held::notice).toList(),
                now);
        Set<UUID> applied = r.applied().stream().map(Fill::fillId).collect(Collectors.toSet());
        Set<UUID> duplicates = r.duplicates().stream().map(Fill::fillId).collect(Collectors.toSet());
        Map<UUID, HeldNoticeStore.Held> byId = new HashMap<>();
        held.forEach(h -> byId.put(h.notice().fillId(), h));
        for (HeldNoticeStore.Held h : held) {
            UUID id = h.notice().fillId();
            OverQuantity.Verdict v;
            if (applied.contains(id) || recorded(book, id)) {
                v = OverQuantity.Verdict.APPLIED;
                raws.put(id, h.rawJson());
            } else if (duplicates.contains(id)) {
                v = OverQuantity.Verdict.DUPLICATE;
            } else {
                continue;
            }
            tx.heldNotices().resolve(h.id(), v, id, now);
            log.info(
                    "held fill notice {} of order {} ({} @ {}) decided {} by the broker's final totals ({} executed)",
                    h.notice().receipt(),
                    order.orderId(),
                    h.notice().qty(),
                    h.notice().price().toPlainString(),
                    v,
                    merged.qty());
        }
        return r.step();
    }

    private static boolean recorded(FillBook book, UUID fillId) {
        return book.rows().stream().anyMatch(f -> f.fillId().equals(fillId));
    }

    private static FillModel.Step unchanged(FillBook book) {
        return new FillModel.Step(book, book, List.of(), List.of());
    }
}
