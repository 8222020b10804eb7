package io.execctl.engine.cancel;

import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.kis.Sleeper;
import io.execctl.store.OrderChains;
import io.execctl.store.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Cancels every order of a selection in full and re-checks over REST until none of them is open:
 * {@code execctl cancel --all [--symbol S]} (the kill switch) and {@code execctl cancel ORDER_ID}.
 *
 * <p>Full cancels ({@code QTY_ALL_ORD_YN=Y}) need no journal: a second full cancel of a closed order
 * is refused by the broker ("nothing left"), so an unknown answer is simply asked again. Each cancel
 * takes an order slot of the rate budget (orders go first). Targets are found at the broker (the
 * open-orders inquiry) and in {@code trade.orders} (today's non-terminal orders, which a lagging
 * inquiry might not list yet); a modify chain is followed to the live {@code ODNO}: an open order
 * whose {@code orgn_odno} leads to a target is a target too.
 *
 * <p>Does not stop submission: stop the daemon first, or new orders may appear (with {@code --all}
 * each re-check adds every open order of the selection, so they are cancelled too).
 */
public final class KillSwitch {
    private final KisClient kis;
    private final Jdbi jdbi;
    private final String accountId;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancelCounters counters;
    private final Options options;
    private final ChainWalk chain;

    /**
     * @param timeout     how long to keep re-checking before reporting what remained
     * @param recheck     the pause between two open-orders inquiries
     * @param resendAfter how long after a cancel the order may still be listed open before the
     *                    (idempotent) full cancel is sent again
     */
    public record Options(Duration timeout, Duration recheck, Duration resendAfter) {
        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(recheck, "recheck");
            Objects.requireNonNull(resendAfter, "resendAfter");
            if (timeout.isNegative() || recheck.isNegative() || resendAfter.isNegative()) {
                throw new IllegalArgumentException("durations must be >= 0");
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(3));
        }
    }

    /** What to cancel: one order (with its modify chain), or everything open (optionally of one symbol). */
    public record Selection(OrderKey order, String symbol) {
        public static Selection all(String symbol) {
            return new Selection(null, symbol == null || symbol.isBlank() ? null : symbol);
        }

        public static Selection of(OrderKey order) {
            return new Selection(Objects.requireNonNull(order, "order"), null);
        }

        boolean admits(String sym) {
            return symbol == null || symbol.equals(sym);
        }
    }

    public KillSwitch(
            KisClient kis,
            Jdbi jdbi,
            String accountId,
            Clock clock,
            Sleeper sleeper,
            CancelCounters counters,
            Options options) {
        this.kis = Objects.requireNonNull(kis, "kis");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.options = Objects.requireNonNull(options, "options");
        this.chain = new ChainWalk(kis, jdbi);
    }

    public KillReport run(Selection sel) throws InterruptedException {
        Objects.requireNonNull(sel, "sel");
        Instant deadline = clock.instant().plus(options.timeout());
        LocalDate today = KoreaTime.tradingDate(clock.instant());
        Map<String, CancelTarget> targets = new LinkedHashMap<>();
        for (Order o : known(sel, today)) {
            targets.putIfAbsent(o.key().odno(), fromOrder(o, "selected"));
        }
        while (true) {
            Instant takenAt = clock.instant();
            Paged<OpenOrder> open = kis.openOrders();
            absorb(sel, open.rows(), chainEdges(sel, today, targets), targets);
            for (CancelTarget t : targets.values()) {
                if (t.needsSend(clock.instant(), options.resendAfter())) {
                    send(t);
                }
            }
            // closed = a definite answer, then a complete inquiry taken after it that does not list it
            boolean allClosed = open.complete() && targets.values().stream().allMatch(t -> t.closed(takenAt));
            if (allClosed || !clock.instant().isBefore(deadline)) {
                return report(targets, allClosed, open, takenAt);
            }
            sleeper.sleep(options.recheck());
        }
    }

    /** Our own orders of the selection that are not terminal (today), with their chain. */
    private List<Order> known(Selection sel, LocalDate today) {
        List<Order> out = new ArrayList<>();
        if (sel.order() != null) {
            OrderChains chains = OrderChains.of(jdbi);
            Order root = chains.root(sel.order())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no such order: " + sel.order().orderId()));
            for (Order o : chains.members(root.key())) {
                if (o.key().equals(sel.order()) || !o.status().isTerminal()) {
                    out.add(o);
                }
            }
            return out;
        }
        for (Order o : OrderStore.of(jdbi).findOpen(accountId)) {
            if (o.key().orderDate().equals(today) && sel.admits(o.symbol())) {
                out.add(o);
            }
        }
        return out;
    }

    private static CancelTarget fromOrder(Order o, String via) {
        return new CancelTarget(o.address(), o.symbol(), o.side(), o.orderId(), via);
    }

    /**
     * Marks which targets the inquiry lists open and adds the open orders the selection covers:
     * every open order of the symbol (or all) for {@code --all}; for one order, the open orders whose
     * {@code orgn_odno} leads to a target (its modify chain's live ODNO).
     */
    private void absorb(
            Selection sel, List<OpenOrder> rows, Map<String, String> parentOf, Map<String, CancelTarget> targets) {
        for (CancelTarget t : targets.values()) {
            t.listedOpen = false;
            t.openQty = 0;
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (OpenOrder r : rows) {
                if (r.psblQty() <= 0 || targets.containsKey(OrderKey.normalizeOdno(r.odno()))) {
                    continue;
                }
                String orig = ChainWalk.origin(r.orgnOdno());
                String via = null;
                if (sel.order() == null && sel.admits(r.symbol())) {
                    via = orig == null ? "open at the broker" : "open at the broker (changes " + orig + ")";
                } else if (orig != null) {
                    String reached = ChainWalk.firstTarget(orig, parentOf, targets.keySet());
                    via = reached == null ? null : "modify of " + reached;
                }
                if (via != null) {
                    targets.put(
                            OrderKey.normalizeOdno(r.odno()),
                            new CancelTarget(OrderAddress.of(r.branch(), r.odno()), r.symbol(), r.side(), null, via));
                    grew = true;
                }
            }
        }
        for (OpenOrder r : rows) {
            CancelTarget t = targets.get(OrderKey.normalizeOdno(r.odno()));
            if (t != null && r.psblQty() > 0) {
                t.listedOpen = true;
                t.openQty = r.psblQty();
            }
        }
    }

    /**
     * For one order: which order each of today's orders of its symbol and side changes (daily-ccld's
     * {@code orgn_odno} and our chain rows), so an open modify of a modify (whose middle link is no
     * longer open) still leads back to the target. Empty for {@code --all}, which takes every open order.
     */
    private Map<String, String> chainEdges(Selection sel, LocalDate today, Map<String, CancelTarget> targets) {
        if (sel.order() == null) {
            return Map.of();
        }
        CancelTarget root = targets.get(sel.order().odno());
        return root == null ? Map.of() : chain.edges(sel.order(), root.symbol, root.side, today);
    }

    private void send(CancelTarget t) {
        t.lastSentAt = clock.instant();
        CancelAnswer a = CancelAnswer.of(kis.cancel(t.address));
        t.sends++;
        t.last = a;
        t.lastAnswerAt = clock.instant();
        counters.cancelSent(a.kind());
    }

    private KillReport report(
            Map<String, CancelTarget> targets, boolean allClosed, Paged<OpenOrder> open, Instant takenAt) {
        List<KillReport.Line> lines = new ArrayList<>();
        for (CancelTarget t : targets.values()) {
            boolean closed = open.complete() && t.closed(takenAt);
            lines.add(new KillReport.Line(
                    t.odno,
                    t.orderId,
                    t.symbol,
                    t.side,
                    t.via,
                    t.sends,
                    closed,
                    closed ? (t.last == null ? "closed" : t.last.detail()) : t.why(open.complete())));
        }
        counters.killSwitchRun(allClosed);
        return new KillReport(lines, allClosed, open.complete() ? null : open.reason());
    }
}
