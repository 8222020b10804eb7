package io.execctl.engine.notice;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.store.CancelledQuantity;
import io.execctl.store.FillApplier;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNoticeStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes routed notices: one command through {@link FillApplier} (one transaction under the order's
 * lock: fill, quantities, status by the reducer, the intent when terminal, outbox event, NOTIFY at
 * commit), or a batch of several orders' commands in ONE transaction — the orders' advisory locks
 * taken first, in ascending lock-key order (so two batches, or a batch and a single-order
 * transaction, can never deadlock), then the commands in arrival order. {@code FillApplier}'s own
 * {@code OrderTx} joins the open transaction (same thread, same handle; the advisory lock is
 * re-entrant), so every rule of the single-order path holds unchanged inside a batch. The point is
 * the commit: NOTIFY takes a cluster-wide lock at commit, so one commit per fill caps the rate near
 * one per fsync, while a batch pays it once.
 *
 * <p>A command for an order that is not known is parked ({@code trade.parked_notices}, keyed by its
 * receipt) in the same transaction; the caller hands its sighting to the ownership decision.
 */
public final class NoticeWriter {
    private static final Logger log = LoggerFactory.getLogger(NoticeWriter.class);

    private final Jdbi jdbi;
    private final FillApplier applier;
    private final CancelledQuantity cancelled;

    /** @param applier a {@code FillApplier} over an {@code OrderTx} of the same {@code jdbi} (so it joins) */
    public NoticeWriter(Jdbi jdbi, FillApplier applier) {
        this(jdbi, applier, Clock.systemUTC());
    }

    /** @param clock the clock of {@code applier}, for the confirmed-cancel writes */
    public NoticeWriter(Jdbi jdbi, FillApplier applier, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.cancelled = new CancelledQuantity(jdbi, clock);
    }

    /** What became of one command. */
    public enum Result {
        /** Written to its order (a fill, a status; possibly a no-op replay of the same receipt). */
        APPLIED,
        /** Its order is not known: parked under its receipt. */
        PARKED,
        /** A change confirmation the notice path leaves to the REST sync (a partial cancel, a modify). */
        NOTED
    }

    /**
     * Writes {@code batch} (arrival order) in one transaction. If it fails, nothing of it was
     * written; the caller retries the commands one by one ({@link #writeOne}) to isolate the culprit.
     */
    public List<Result> writeBatch(List<NoticeCommand> batch) {
        if (batch.size() == 1) {
            return List.of(writeOne(batch.get(0)));
        }
        TreeMap<Long, OrderKey> locks = new TreeMap<>(Comparator.naturalOrder());
        for (NoticeCommand c : batch) {
            OrderKey prev = locks.putIfAbsent(OrderTx.lockKey(c.key()), c.key());
            if (prev != null && !prev.equals(c.key())) {
                // two orders whose lock keys collide: taking the one lock covers both
                log.debug("notice batch: two orders share an advisory lock key");
            }
        }
        boolean onlyFills = batch.stream().allMatch(c -> c.action() == NoticeAction.FILL);
        return jdbi.inTransaction(h -> {
            if (!onlyFills) {
                // all fills: applyNoticeBatch takes every order's lock with its reads (one round trip)
                OrderTx.lockAll(h, List.copyOf(locks.keySet()));
            }
            Result[] out = new Result[batch.size()];
            Collection<List<Integer>> orders = byOrder(batch);
            // every order's leading fills in one multi-order step, then each order's rest in turn
            Map<OrderKey, List<Integer>> leading = new LinkedHashMap<>();
            for (List<Integer> order : orders) {
                int n = leadingFills(batch, order);
                if (n > 0) {
                    leading.put(batch.get(order.get(0)).key(), order.subList(0, n));
                }
            }
            if (!leading.isEmpty()) {
                Map<OrderKey, List<FillApplier.Notice>> runs = new LinkedHashMap<>();
                leading.forEach((k, idx) -> runs.put(k, notices(batch, idx)));
                // only fills: nothing follows the run but the parking of unknown orders' notices, and
                // with an unknown order the run keeps the ordinary commit
                Set<OrderKey> known = applier.applyNoticeBatch(runs, onlyFills);
                leading.forEach((k, idx) -> {
                    for (int at : idx) {
                        out[at] = known.contains(k) ? Result.APPLIED : Result.PARKED;
                        if (!known.contains(k)) {
                            park(h, batch.get(at));
                        }
                    }
                });
            }
            for (List<Integer> order : orders) {
                applyOrder(h, batch, order.subList(leadingFills(batch, order), order.size()), out);
            }
            return List.of(out);
        });
    }

    /** The batch's command indexes grouped by order, each group in arrival order. */
    private static Collection<List<Integer>> byOrder(List<NoticeCommand> batch) {
        Map<OrderKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            groups.computeIfAbsent(batch.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        return groups.values();
    }

    /**
     * One order's commands of a batch, in arrival order: each run of consecutive fills as one
     * {@link FillApplier#applyNotices} step (the same rows as one by one), anything else alone.
     */
    private void applyOrder(Handle h, List<NoticeCommand> batch, List<Integer> indexes, Result[] out) {
        int i = 0;
        while (i < indexes.size()) {
            int end = i;
            while (end < indexes.size() && batch.get(indexes.get(end)).action() == NoticeAction.FILL) {
                end++;
            }
            if (end == i) {
                int at = indexes.get(i);
                out[at] = apply(h, batch.get(at));
                i++;
                continue;
            }
            List<NoticeCommand> fills = new ArrayList<>(end - i);
            for (int j = i; j < end; j++) {
                fills.add(batch.get(indexes.get(j)));
            }
            boolean known = applyFills(fills, false);
            for (int j = i; j < end; j++) {
                int at = indexes.get(j);
                out[at] = known ? Result.APPLIED : Result.PARKED;
                if (!known) {
                    park(h, batch.get(at));
                }
            }
            i = end;
        }
    }

    /** How many of one order's commands, from its first, are fills. */
    private static int leadingFills(List<NoticeCommand> batch, List<Integer> indexes) {
        int n = 0;
        while (n < indexes.size() && batch.get(indexes.get(n)).action() == NoticeAction.FILL) {
            n++;
        }
        return n;
    }

    private static List<FillApplier.Notice> notices(List<NoticeCommand> batch, List<Integer> indexes) {
        List<FillApplier.Notice> run = new ArrayList<>(indexes.size());
        for (int at : indexes) {
            run.add(notice(batch.get(at)));
        }
        return run;
    }

    private static FillApplier.Notice notice(NoticeCommand c) {
        return new FillApplier.Notice(c.receipt(), c.executedAt(), c.qty(), c.price(), ParkedPayload.encode(c));
    }

    /**
     * Fill commands of one order, in arrival order: true if the order is known (else nothing written).
     * Fills that complete a partially cancelled order end it in the same step ({@link
     * FillApplier#applyNoticeBatch}).
     *
     * @param last nothing follows in the caller's transaction but its commit (or the parking of an
     *             unknown order's notices, which keeps the ordinary commit)
     */
    private boolean applyFills(List<NoticeCommand> fills, boolean last) {
        OrderKey key = fills.get(0).key();
        return applier.applyNotices(
                key, fills.stream().map(NoticeWriter::notice).toList(), last);
    }

    private static void park(Handle h, NoticeCommand c) {
        ParkedNoticeStore.on(h).park(c.key(), c.receipt(), ParkedPayload.encode(c), c.receivedAt());
    }

    /**
     * Parks a command that could not be applied, with the error as its first attempt, so it is kept
     * and retried by {@link ParkedNotices#applyParked} instead of lost.
     */
    public void parkFailed(NoticeCommand c, String error) {
        jdbi.useTransaction(h -> {
            ParkedNoticeStore store = ParkedNoticeStore.on(h);
            long id = store.park(c.key(), c.receipt(), ParkedPayload.encode(c), c.receivedAt());
            store.recordAttempt(id, c.receivedAt(), error);
        });
    }

    /** Writes one command in its own transaction (under its order's lock). */
    public Result writeOne(NoticeCommand c) {
        return jdbi.inTransaction(h -> {
            if (c.action() == NoticeAction.FILL) {
                // FillApplier takes the lock with its reads (and commits with its writes when the
                // order is known); parking an unknown order's notice follows under the lock
                Result r = known(applyFills(List.of(c), true));
                if (r == Result.PARKED) {
                    park(h, c);
                }
                return r;
            }
            h.createQuery("SELECT pg_advisory_xact_lock(:k)")
                    .bind("k", OrderTx.lockKey(c.key()))
                    .mapTo(String.class)
                    .one();
            return apply(h, c);
        });
    }

    /**
     * Applies {@code c} inside the caller's open transaction, which must hold the order's lock (or
     * the caller's {@code OrderTx}); used by the batch and by {@link ParkedNotices}.
     *
     * @param park whether an unknown order parks the command (false when it is being replayed from
     *             the parked table: it is parked already)
     */
    Result apply(Handle h, NoticeCommand c, boolean park) {
        Result r = applyKnown(h, c);
        if (r == Result.PARKED && park) {
            park(h, c);
        }
        return r;
    }

    /** APPLIED or NOTED when the order is known, PARKED (nothing written) when it is not. */
    private Result applyKnown(Handle h, NoticeCommand c) {
        switch (c.action()) {
            case FILL:
                return known(applyFills(List.of(c), false));
            case ACCEPTED:
                return status(c, BrokerStatus.ACCEPTED);
            case EXCHANGE_CANCELLED:
                return status(c, BrokerStatus.CANCELLED);
            case REFUSED:
                return status(c, BrokerStatus.REJECTED);
            case CANCEL_CONFIRMED: {
                // the cancel's own ODNO (ODER_NO) makes the confirmation count once, with REST's too
                Optional<Order> order =
                        cancelled.confirmCancel(c.key(), c.odno(), c.qty(), CancelledQuantity.Source.NOTICE);
                if (order.isEmpty()) {
                    return Result.PARKED;
                }
                if (order.get().brokerStatus().remainderGone()) {
                    return Result.APPLIED;
                }
                log.info(
                        "notice: partial cancel of {} ({}); open quantity now {}",
                        c.key(),
                        c.qty(),
                        order.get().openQty());
                return Result.NOTED;
            }
            case MODIFY_CONFIRMED:
            case CHANGE_REFUSED:
                if (OrderStore.on(h).findByKey(c.key()).isEmpty()) {
                    return Result.PARKED;
                }
                log.info("notice: {} of {} noted", c.action().label(), c.key());
                return Result.NOTED;
            default:
                throw new IllegalStateException("unhandled notice action " + c.action());
        }
    }

    private static Result known(boolean known) {
        return known ? Result.APPLIED : Result.PARKED;
    }

    private Result apply(Handle h, NoticeCommand c) {
        return apply(h, c, true);
    }

    private Result status(NoticeCommand c, BrokerStatus s) {
        return known(applier.applyBrokerStatus(c.key(), s).orderKnown());
    }
}
