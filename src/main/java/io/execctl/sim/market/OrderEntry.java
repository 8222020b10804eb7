package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order entry: the broker's checks of a new order, a modify or a cancel (session open, symbol, order
 * type, quantity, price grid and band, buying power, sellable quantity, original order), then the new
 * row, its acceptance notice and its arrival at the matcher. Runs under the market's lock.
 */
final class OrderEntry {
    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    private final MarketConfig config;
    private final MarketState s;
    private final OrderRules rules;
    private final NoticeFactory notices;
    private final Consumer<ExecutionNotice> publish;

    OrderEntry(
            MarketConfig config,
            MarketState state,
            OrderRules rules,
            NoticeFactory notices,
            Consumer<ExecutionNotice> publish) {
        this.config = config;
        this.s = state;
        this.rules = rules;
        this.notices = notices;
        this.publish = publish;
    }

    OrderResult place(PlaceOrder req) {
        KisEnv env = config.env();
        if (!s.open) {
            return KisMessages.MARKET_CLOSED.rejected(env);
        }
        PricePath path = req.symbol() == null ? null : s.paths.get(req.symbol());
        if (path == null) {
            return KisMessages.UNKNOWN_SYMBOL.rejected(env);
        }
        Optional<OrderKind> kindOpt = rules.kind(req.ordDvsn());
        if (kindOpt.isEmpty()) {
            return KisMessages.ORD_DVSN_NOT_ALLOWED.rejected(env);
        }
        OrderKind kind = kindOpt.get();
        if (req.qty() <= 0) {
            return KisMessages.INVALID_QTY.rejected(env);
        }
        Optional<KisMessages> priceProblem = OrderRules.checkPrice(kind, req.price(), path);
        if (priceProblem.isPresent()) {
            return priceProblem.get().rejected(env);
        }
        long limit = OrderRules.effectiveLimit(kind, req.side(), req.price(), path);
        if (req.side() == Side.BUY) {
            if (rules.reserve(req.qty(), OrderRules.reservePrice(kind, limit, path)) > s.availableCash(rules)) {
                return KisMessages.INSUFFICIENT_CASH.rejected(env);
            }
        } else if (req.qty() > s.sellable(req.symbol())) {
            return KisMessages.INSUFFICIENT_QTY.rejected(env);
        }
        SimOrder o = new SimOrder(
                s.date,
                config.branch(),
                s.odnos.next(s.date),
                "",
                path.spec(),
                req.side(),
                req.ordDvsn(),
                kind,
                req.qty(),
                req.price(),
                limit,
                s.hhmmss(),
                "",
                req.source(),
                ++s.seq,
                s.wall.get());
        s.record(o);
        publish.accept(notices.accepted(o, o.ordTmd));
        log.debug("accepted {} {} {} x{} @{} as {}", o.source, o.side, o.symbol.code(), o.qty, o.price, o.odno);
        if (s.roll(s.faults.exchangeRefuseRate())) {
            refuse(o);
        } else {
            s.matcher.onArrival(o, path);
        }
        KisMessages ok = KisMessages.accepted(req.side());
        return new OrderResult.Accepted(o.branch, o.odno, o.ordTmd, ok.code(env), ok.message(env));
    }

    OrderResult revise(ReviseCancel req) {
        KisEnv env = config.env();
        if (!s.open) {
            return KisMessages.MARKET_CLOSED.rejected(env);
        }
        SimOrder orig = s.book.findToday(req.origBranch(), req.origOdno(), config.branch());
        if (orig == null) {
            return KisMessages.ORIGINAL_NOT_FOUND.rejected(env);
        }
        if (orig.isCancelRequest() || orig.remaining() == 0) {
            return KisMessages.NOTHING_TO_REVISE.rejected(env);
        }
        if (!req.all() && req.qty() <= 0) {
            return KisMessages.INVALID_QTY.rejected(env);
        }
        long affected = req.all() ? orig.remaining() : req.qty();
        if (affected > orig.remaining()) {
            return KisMessages.CANCEL_QTY_EXCEEDED.rejected(env);
        }
        PricePath path = s.paths.get(orig.symbol.code());
        if (req.cancel()) {
            SimOrder c = new SimOrder(
                    s.date,
                    config.branch(),
                    s.odnos.next(s.date),
                    orig.odno,
                    orig.symbol,
                    orig.side,
                    orig.ordDvsn,
                    orig.kind,
                    affected,
                    0,
                    0,
                    s.hhmmss(),
                    "02",
                    req.source(),
                    ++s.seq,
                    s.wall.get());
            c.cancel(affected);
            orig.cancel(affected);
            s.book.unbookIfDone(orig);
            s.record(c);
            publish.accept(notices.accepted(c, c.ordTmd));
            return accepted(c, KisMessages.CANCEL_ACCEPTED);
        }
        Optional<OrderKind> kindOpt = rules.kind(req.ordDvsn());
        if (kindOpt.isEmpty()) {
            return KisMessages.ORD_DVSN_NOT_ALLOWED.rejected(env);
        }
        OrderKind kind = kindOpt.get();
        Optional<KisMessages> priceProblem = OrderRules.checkPrice(kind, req.price(), path);
        if (priceProblem.isPresent()) {
            return priceProblem.get().rejected(env);
        }
        long limit = OrderRules.effectiveLimit(kind, orig.side, req.price(), path);
        if (orig.side == Side.BUY) {
            long freed = rules.reserve(affected, OrderRules.reservePrice(orig.kind, orig.limitPrice, path));
            if (rules.reserve(affected, OrderRules.reservePrice(kind, limit, path)) > s.availableCash(rules) + freed) {
                return KisMessages.INSUFFICIENT_CASH.rejected(env);
            }
        }
        SimOrder m = new SimOrder(
                s.date,
                config.branch(),
                s.odnos.next(s.date),
                orig.odno,
                orig.symbol,
                orig.side,
                req.ordDvsn(),
                kind,
                affected,
                req.price(),
                limit,
                s.hhmmss(),
                "01",
                req.source(),
                ++s.seq,
                s.wall.get());
        orig.cancel(affected);
        s.book.unbookIfDone(orig);
        s.record(m);
        publish.accept(notices.accepted(m, m.ordTmd));
        s.matcher.onArrival(m, path);
        return accepted(m, KisMessages.MODIFY_ACCEPTED);
    }

    /**
     * The exchange refuses an order the broker accepted (fault exchange_refuse_rate): the client already has
     * rt_cd "0" and the ODNO; the order never rests, its quantity becomes rjct_qty, a RFUS_YN=1 notice follows.
     */
    private void refuse(SimOrder o) {
        long q = o.remaining();
        o.reject(q);
        s.version++;
        publish.accept(notices.refused(o, q, s.hhmmss()));
        log.info("fault exchange_refuse: order {} accepted, then refused by the exchange", o.odno);
    }

    private OrderResult.Accepted accepted(SimOrder o, KisMessages msg) {
        return new OrderResult.Accepted(o.branch, o.odno, o.ordTmd, msg.code(config.env()), msg.message(config.env()));
    }
}
