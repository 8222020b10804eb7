package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillBook;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderStatusMachine;
import io.execctl.domain.OrderStatusReducer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Re-derives an order's fill-derived state from its live fill rows (design document §5.5, bootstrap
 * step 4): {@code filled_qty}, {@code avg_fill_price}, {@code open_qty} and the status through the
 * {@link OrderStatusReducer} and the {@link OrderStatusMachine} (as a correction: the fill rows are
 * the truth). Every writer keeps these in step with the rows in one transaction, so a difference
 * means something wrote around them (a bug, a manual edit); after a restart it must not survive.
 *
 * <p>What fills cannot give stays as the row has it: the broker status, the broker's proven totals,
 * and the quantity that is neither filled nor open ({@code qty - filled_qty - open_qty}: cancelled
 * at the broker, or never executable like a cancel request's own row) — a cancelled remainder is
 * never reopened. Under the order's lock ({@link OrderTx}); writes only on a difference, which it
 * announces as {@link OutboxEvent#ORDER_CORRECTED} and lets the intent follow its chain. A second run
 * finds nothing.
 */
public final class OrderRecompute {
    private final Jdbi jdbi;
    private final OrderTx orderTx;
    private final Clock clock;

    public OrderRecompute(Jdbi jdbi, OrderTx orderTx, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.orderTx = Objects.requireNonNull(orderTx, "orderTx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the row said and what its fills say, for an order that differed (now corrected). */
    public record Drift(
            String orderId,
            OrderStatus wasStatus,
            OrderStatus status,
            long wasFilledQty,
            long filledQty,
            long wasOpenQty,
            long openQty,
            BigDecimal wasAvgFillPrice,
            BigDecimal avgFillPrice) {}

    /**
     * The account's orders to recompute — every non-terminal one (any date) and every one of today's
     * trading date or updated today (a terminal order a late fill or a correction touched) — whose row does not agree with its live fills, found by one
     * consistent read of all of them — the orders in one statement, their fill rows in one statement
     * per {@link #READ_BATCH} orders, both in one read-only REPEATABLE READ transaction (one snapshot,
     * no lock). Only these need {@link #recompute}, which re-reads and decides under the order's lock:
     * every writer keeps an order and its fill rows in step in one transaction, so in one snapshot an
     * order that agrees with its fills has no drift to correct, and one that seems to differ is
     * decided again under its lock (a false alarm then writes nothing).
     *
     * @return the drifting orders' keys (in candidate order) and how many candidates were read
     */
    public Checked drifting(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        Instant now = clock.instant();
        LocalDate today = KoreaTime.tradingDate(now);
        Instant dayStart = today.atStartOfDay(KoreaTime.ZONE).toInstant();
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            List<Order> orders = h.createQuery("SELECT " + OrderStore.COLUMNS + """
                             FROM trade.orders
                            WHERE account_id = :acc
                              AND (status IN (<open>) OR order_date = :today OR updated_ts >= :dayStart)
                            ORDER BY order_date, kis_order_no""")
                    .bind("acc", accountId)
                    .bindList("open", OrderStore.NOT_TERMINAL)
                    .bind("today", today)
                    .bind("dayStart", dayStart)
                    .map(OrderStore::map)
                    .list();
            FillStore fills = FillStore.on(h);
            List<OrderKey> out = new ArrayList<>();
            for (int from = 0; from < orders.size(); from += READ_BATCH) {
                List<Order> batch = orders.subList(from, Math.min(orders.size(), from + READ_BATCH));
                Map<String, List<Fill>> byOrder =
                        fills.listAllOf(batch.stream().map(Order::orderId).toList());
                for (Order o : batch) {
                    if (derive(o, byOrder.getOrDefault(o.orderId(), List.of())).isPresent()) {
                        out.add(o.key());
                    }
                }
            }
            return new Checked(out, orders.size());
        });
    }

    /** Orders whose fill rows {@link #drifting} reads with one statement. */
    static final int READ_BATCH = 500;

    /** What {@link #drifting} found: the orders to recompute under their locks, of {@code checked} read. */
    public record Checked(List<OrderKey> drifting, int checked) {
        public Checked {
            drifting = List.copyOf(drifting);
        }
    }

    /** What an order's fill rows say its row should hold. */
    private record Derived(long filled, long open, BigDecimal avg, OrderStatus status) {}

    /**
     * What the order's live fills derive, when it differs from the row; empty when the row agrees.
     * The one rule both the lock-free check and the locked recompute apply.
     */
    private static Optional<Derived> derive(Order o, List<Fill> all) {
        List<Fill> live = all.stream().filter(Fill::live).toList();
        long filled = live.stream().mapToLong(Fill::qty).sum();
        BigDecimal amount = live.stream().map(Fill::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal avg = filled == 0
                ? null
                : amount.divide(BigDecimal.valueOf(filled), Fill.PRICE_SCALE, RoundingMode.HALF_EVEN);
        // neither filled nor open: gone at the broker (or never executable); fills cannot tell
        long gone = Math.max(0, o.qty() - o.filledQty() - o.openQty());
        long open = Math.min(
                OrderStatusReducer.openQty(o.qty(), o.brokerStatus(), filled), Math.max(0, o.qty() - filled - gone));
        OrderStatus status = OrderStatusMachine.next(
                        o.status(), o.qty(), o.brokerStatus(), filled, OrderStatusMachine.Cause.CORRECTION)
                .result();
        if (filled == o.filledQty() && open == o.openQty() && sameAvg(avg, o.avgFillPrice()) && status == o.status()) {
            return Optional.empty();
        }
        return Optional.of(new Derived(filled, open, avg, status));
    }

    /** Recomputes one order; empty when it agreed with its fills (or does not exist): nothing written. */
    public Optional<Drift> recompute(OrderKey key) {
        Objects.requireNonNull(key, "key");
        return orderTx.inOrderTransaction(key, tx -> {
            Optional<Order> found = tx.orders().findForUpdate(key);
            if (found.isEmpty()) {
                return Optional.<Drift>empty();
            }
            Order o = found.get();
            Optional<Derived> derived = derive(o, tx.fills().listAll(o.orderId()));
            if (derived.isEmpty()) {
                return Optional.<Drift>empty();
            }
            long filled = derived.get().filled();
            long open = derived.get().open();
            BigDecimal avg = derived.get().avg();
            OrderStatus status = derived.get().status();
            Instant now = clock.instant();
            // the broker's proven totals are carried through unchanged: recompute learns nothing from the broker
            FillBook.Broker proof = tx.orders().brokerProof(key).orElseThrow();
            // writeProgress stores open net of the confirmed cancelled quantity (V15); open is already net
            long cancelled = tx.handle()
                    .createQuery("SELECT cancelled_qty FROM trade.orders WHERE order_id = :id")
                    .bind("id", o.orderId())
                    .mapTo(Long.class)
                    .one();
            tx.orders()
                    .writeProgress(
                            key,
                            new OrderStore.Progress(
                                    filled, open + cancelled, avg, o.brokerStatus(), status, proof, now));
            Drift d = new Drift(
                    o.orderId(), o.status(), status, o.filledQty(), filled, o.openQty(), open, o.avgFillPrice(), avg);
            tx.outbox().append(event(d, now));
            tx.chains().settleIntent(key, "ORDER_CORRECTED", now);
            return Optional.of(d);
        });
    }

    private static boolean sameAvg(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static OutboxEvent event(Drift d, Instant now) {
        String json = ("{\"order_id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"filled_qty\":%d,\"was_filled_qty\":%d,"
                        + "\"open_qty\":%d,\"was_open_qty\":%d,\"reason\":\"RECOMPUTE\"}")
                .formatted(
                        d.orderId(),
                        d.wasStatus(),
                        d.status(),
                        d.filledQty(),
                        d.wasFilledQty(),
                        d.openQty(),
                        d.wasOpenQty());
        return OutboxEvent.of(OutboxEvent.ORDER_CORRECTED, d.orderId(), null, json, now);
    }
}
