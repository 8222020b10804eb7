package io.execctl.sim.market;

import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Matching and execution: what an order does on arrival (market orders take the book, limits rest
 * and take what the step offers, IOC/FOK execute or cancel at once), resting orders crossed by the
 * price, and the booking of each execution (ledger, order row, notice). Runs under the market's lock.
 */
final class Matcher {
    private final Ledger ledger;
    private final OrderBook book;
    private final NoticeFactory notices;
    private final Consumer<ExecutionNotice> publish;
    private final Supplier<String> time;
    private final SplittableRandom splitRandom;
    private final Runnable changed;
    private final Supplier<Instant> wall;

    /**
     * @param time        the session time as HHmmss
     * @param splitRandom seeded dice of market-order splits
     * @param changed     called on every change to the account (the activity version)
     * @param wall        the wall clock's now, stamped on each execution (the stale-totals fault)
     */
    Matcher(
            Ledger ledger,
            OrderBook book,
            NoticeFactory notices,
            Consumer<ExecutionNotice> publish,
            Supplier<String> time,
            SplittableRandom splitRandom,
            Runnable changed,
            Supplier<Instant> wall) {
        this.ledger = ledger;
        this.book = book;
        this.notices = notices;
        this.publish = publish;
        this.time = time;
        this.splitRandom = splitRandom;
        this.changed = changed;
        this.wall = wall;
    }

    /** What happens right after acceptance: market orders execute, limits rest and take the step's volume if they cross. */
    void onArrival(SimOrder o, PricePath path) {
        if (o.kind.marketType()) {
            executeMarket(o, path);
            return;
        }
        if (o.kind == OrderKind.FOK_LIMIT) {
            if (OrderBook.crosses(o, path) && available(o.side, path) >= o.qty) {
                execute(o, take(o.side, path, o.qty), path.price());
            } else {
                cancelRest(o);
            }
            return;
        }
        if (o.kind == OrderKind.IOC_LIMIT) {
            if (OrderBook.crosses(o, path)) {
                long q = take(o.side, path, o.remaining());
                if (q > 0) {
                    execute(o, q, path.price());
                }
            }
            if (o.open()) {
                cancelRest(o);
            }
            return;
        }
        book.rest(o);
        if (OrderBook.crosses(o, path)) {
            long q = take(o.side, path, o.remaining());
            if (q > 0) {
                execute(o, q, path.price());
            }
        }
    }

    /** A market order takes the book at once: 1–3 executions at the current price and a tick or two worse. */
    private void executeMarket(SimOrder o, PricePath path) {
        int pieces = (int) Math.min(o.qty, 1 + splitRandom.nextInt(3));
        long price = path.price();
        for (int i = 0; i < pieces; i++) {
            long left = o.remaining();
            int piecesLeft = pieces - i;
            long q = piecesLeft == 1 ? left : 1 + splitRandom.nextLong(left - piecesLeft + 1);
            execute(o, q, price);
            price = o.side == Side.BUY
                    ? Math.min(path.upper(), PriceGrid.up(price))
                    : Math.max(path.lower(), PriceGrid.down(price));
        }
    }

    /** The exchange refuses what remains of an accepted order (it then lapses with the session). */
    void refuseRest(SimOrder o) {
        publish.accept(notices.refused(o, o.remaining(), time.get()));
    }

    /** The exchange cancels the unexecuted rest of an IOC/FOK order. */
    private void cancelRest(SimOrder o) {
        long rest = o.remaining();
        o.cancel(rest);
        changed.run();
        publish.accept(notices.immediateCancel(o, rest, time.get()));
    }

    private static long available(Side side, PricePath path) {
        return side == Side.BUY ? path.availableForBuy() : path.availableForSell();
    }

    private static long take(Side side, PricePath path, long want) {
        return side == Side.BUY ? path.takeForBuy(want) : path.takeForSell(want);
    }

    /** Books one execution: ledger, order, notice. */
    void execute(SimOrder o, long qty, long price) {
        String now = time.get();
        if (o.side == Side.BUY) {
            ledger.buy(o.symbol, qty, price);
        } else {
            ledger.sell(o.symbol, qty, price);
        }
        o.fill(qty, price, now, wall.get());
        changed.run();
        publish.accept(notices.execution(o, qty, price, now));
        book.unbookIfDone(o);
    }

    /**
     * Resting orders that the current price crosses execute at that price, best limit first, then time
     * priority; {@code unlimited} (a forced price) fills them in full, otherwise the step's volume limits.
     */
    void matchResting(PricePath path, boolean unlimited) {
        for (Side side : Side.values()) {
            for (SimOrder o : book.crossing(path, side)) {
                long q = unlimited ? o.remaining() : take(side, path, o.remaining());
                if (q > 0) {
                    execute(o, q, path.price());
                }
            }
        }
    }
}
