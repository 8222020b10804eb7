package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.KrxTick;
import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated broker: one account at one branch, a seeded market of a few symbols, the order book,
 * matching and the ledger. Every state change happens under one lock and in a deterministic order,
 * so the same configuration and the same calls give the same results; the session clock only moves
 * through {@link #advance} (driven by tests, the control API, or {@link #startTicker} when the speed
 * is above 0). Notices are handed to the {@link NoticeFeed} inside the lock, in KIS order: the feed
 * must not block (the WebSocket server queues them).
 *
 * <p>Matching rules, fees and the message-code table are in docs/simulator-market.md.
 */
public final class SimMarket implements SimBroker {
    private static final Logger log = LoggerFactory.getLogger(SimMarket.class);
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
    /** Every step of an advance is computed (prices are a deterministic walk), so one call is bounded. */
    private static final Duration MAX_ADVANCE = Duration.ofDays(400);

    private final MarketConfig config;
    private final NoticeFeed feed;
    private final NoticeFactory notices;
    private final OrderRules rules;
    private final Object lock = new Object();
    private final SessionView clockView = new SessionView();
    private final AtomicLong feedFailures = new AtomicLong();

    // --- state, rebuilt by reset() ---
    private LocalDate date;
    private long nanosOfDay;
    private boolean open;
    private Map<String, PricePath> paths;
    private Ledger ledger;
    private OdnoSequence odnos;
    private OrderBook book;
    private Matcher matcher;
    private long seq;
    private long version;
    private Instant lastWall;
    private volatile SessionState session;

    /** The published, immutable session state behind {@link #clock()}. */
    private record SessionState(LocalDate tradingDate, LocalTime time, boolean marketOpen) {}

    public SimMarket(MarketConfig config, NoticeFeed feed) {
        this.config = Objects.requireNonNull(config, "config");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.notices = new NoticeFactory(config);
        this.rules = new OrderRules(config);
        synchronized (lock) {
            init();
        }
    }

    /** A market that delivers its notices nowhere. */
    public SimMarket(MarketConfig config) {
        this(config, NoticeFeed.NONE);
    }

    private void init() {
        date = config.startDate();
        nanosOfDay = config.startTime().toNanoOfDay();
        open = !config.autoClose() || inRegularHours(config.startTime());
        paths = new LinkedHashMap<>();
        for (SymbolSpec s : config.symbols()) {
            paths.put(s.code(), new PricePath(s, config.seed(), config.moveProbability(), config.maxStepVolume()));
        }
        ledger = new Ledger(config.fees(), config.cash());
        odnos = new OdnoSequence(date);
        book = new OrderBook();
        matcher = new Matcher(
                ledger,
                book,
                notices,
                this::publish,
                this::hhmmss,
                new SplittableRandom(config.seed() ^ 0x5DEECE66DL),
                () -> version++);
        seq = 0;
        version++; // never goes back, so a continuation key from before a reset cannot match after it
        lastWall = config.wallClock().instant();
        publishSession();
    }

    public MarketConfig config() {
        return config;
    }

    /** How many notices the feed refused with an exception (they are logged and dropped). */
    public long feedFailures() {
        return feedFailures.get();
    }

    // ------------------------------------------------------------------ orders

    @Override
    public OrderResult placeOrder(PlaceOrder req) {
        Objects.requireNonNull(req, "req");
        synchronized (lock) {
            OrderResult r = place(req);
            publishSession();
            return r;
        }
    }

    private OrderResult place(PlaceOrder req) {
        KisEnv env = config.env();
        if (!open) {
            return KisMessages.MARKET_CLOSED.rejected(env);
        }
        PricePath path = req.symbol() == null ? null : paths.get(req.symbol());
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
            if (rules.reserve(req.qty(), OrderRules.reservePrice(kind, limit, path)) > availableCash()) {
                return KisMessages.INSUFFICIENT_CASH.rejected(env);
            }
        } else if (req.qty() > sellable(req.symbol())) {
            return KisMessages.INSUFFICIENT_QTY.rejected(env);
        }
        SimOrder o = new SimOrder(
                date,
                config.branch(),
                odnos.next(date),
                "",
                path.spec(),
                req.side(),
                req.ordDvsn(),
                kind,
                req.qty(),
                req.price(),
                limit,
                hhmmss(),
                "",
                req.source(),
                ++seq);
        record(o);
        publish(notices.accepted(o, o.ordTmd));
        log.debug("accepted {} {} {} x{} @{} as {}", o.source, o.side, o.symbol.code(), o.qty, o.price, o.odno);
        matcher.onArrival(o, path);
        KisMessages ok = KisMessages.accepted(req.side());
        return new OrderResult.Accepted(o.branch, o.odno, o.ordTmd, ok.code(env), ok.message(env));
    }

    @Override
    public OrderResult reviseOrCancel(ReviseCancel req) {
        Objects.requireNonNull(req, "req");
        synchronized (lock) {
            OrderResult r = revise(req);
            publishSession();
            return r;
        }
    }

    private OrderResult revise(ReviseCancel req) {
        KisEnv env = config.env();
        if (!open) {
            return KisMessages.MARKET_CLOSED.rejected(env);
        }
        SimOrder orig = book.findToday(req.origBranch(), req.origOdno(), config.branch());
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
        PricePath path = paths.get(orig.symbol.code());
        if (req.cancel()) {
            SimOrder c = new SimOrder(
                    date,
                    config.branch(),
                    odnos.next(date),
                    orig.odno,
                    orig.symbol,
                    orig.side,
                    orig.ordDvsn,
                    orig.kind,
                    affected,
                    0,
                    0,
                    hhmmss(),
                    "02",
                    req.source(),
                    ++seq);
            c.cancel(affected);
            orig.cancel(affected);
            book.unbookIfDone(orig);
            record(c);
            publish(notices.accepted(c, c.ordTmd));
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
            if (rules.reserve(affected, OrderRules.reservePrice(kind, limit, path)) > availableCash() + freed) {
                return KisMessages.INSUFFICIENT_CASH.rejected(env);
            }
        }
        SimOrder m = new SimOrder(
                date,
                config.branch(),
                odnos.next(date),
                orig.odno,
                orig.symbol,
                orig.side,
                req.ordDvsn(),
                kind,
                affected,
                req.price(),
                limit,
                hhmmss(),
                "01",
                req.source(),
                ++seq);
        orig.cancel(affected);
        book.unbookIfDone(orig);
        record(m);
        publish(notices.accepted(m, m.ordTmd));
        matcher.onArrival(m, path);
        return accepted(m, KisMessages.MODIFY_ACCEPTED);
    }

    private OrderResult.Accepted accepted(SimOrder o, KisMessages msg) {
        return new OrderResult.Accepted(o.branch, o.odno, o.ordTmd, msg.code(config.env()), msg.message(config.env()));
    }

    /** Cash minus what resting buy orders hold back. */
    private long availableCash() {
        return ledger.cash() - book.heldBackByBuys(o -> rules.heldBack(o, paths.get(o.symbol.code())));
    }

    /** Held quantity minus open sell orders (ord_psbl_qty). */
    private long sellable(String symbol) {
        return ledger.held(symbol) - book.openSellQty(symbol);
    }

    private void record(SimOrder o) {
        book.add(o);
        version++;
    }

    // ------------------------------------------------------------------ session

    @Override
    public void openSession() {
        synchronized (lock) {
            open = true;
            publishSession();
        }
    }

    @Override
    public void closeSession() {
        synchronized (lock) {
            if (open) {
                closeInternal();
            }
            publishSession();
        }
    }

    /**
     * The close: conditional limit orders (02) execute their rest at the closing price when the cash
     * allows (else the exchange refuses it: an RFUS_YN=1 notice), then every open order lapses
     * (EXPIRED, its rest counted as cancelled).
     */
    private void closeInternal() {
        open = false;
        for (SimOrder o : book.restingInSeqOrder()) {
            if (o.kind == OrderKind.CONDITIONAL_LIMIT && o.open()) {
                PricePath path = paths.get(o.symbol.code());
                long freed = o.side == Side.BUY ? rules.reserve(o.remaining(), o.limitPrice) : 0;
                boolean affordable =
                        o.side == Side.SELL || rules.reserve(o.remaining(), path.price()) <= availableCash() + freed;
                if (affordable) {
                    matcher.execute(o, o.remaining(), path.price());
                } else {
                    matcher.refuseRest(o);
                }
            }
        }
        for (SimOrder o : book.restingInSeqOrder()) {
            o.expire();
            version++;
        }
        book.clearResting();
    }

    /**
     * Starts trading date {@code newDate} (after the current one) at 09:00:00 with the market open:
     * open orders of the old day lapse, ODNO restarts at 1, holdings settle, price bands rebase. Jumps
     * straight there: prices do not walk through the skipped time.
     */
    @Override
    public void startDay(LocalDate newDate) {
        Objects.requireNonNull(newDate, "newDate");
        synchronized (lock) {
            if (!newDate.isAfter(date)) {
                throw new IllegalArgumentException("new trading date " + newDate + " must be after " + date);
            }
            endDay();
            nanosOfDay = MarketConfig.OPEN_TIME.toNanoOfDay();
            beginDay(newDate);
            open = true;
            publishSession();
        }
    }

    /** The end of a trading date: orders still open lapse as at a close (at the current session time). */
    private void endDay() {
        if (book.hasResting()) {
            closeInternal();
        }
    }

    /** The first moment of a new trading date: ODNO restarts, holdings settle, bands rebase. */
    private void beginDay(LocalDate newDate) {
        ledger.rollDay();
        for (PricePath p : paths.values()) {
            p.rebase();
        }
        date = newDate;
        book.newDay();
        open = !config.autoClose() || inRegularHours(time());
        version++;
    }

    @Override
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("the session clock cannot go back (" + d + ")");
        }
        if (d.compareTo(MAX_ADVANCE) > 0) {
            throw new IllegalArgumentException(
                    "advance at most " + MAX_ADVANCE.toDays() + " days at once (was " + d + ")");
        }
        synchronized (lock) {
            advanceInternal(d);
            publishSession();
        }
    }

    private void advanceInternal(Duration d) {
        long step = config.stepInterval().toNanos();
        Duration left = d;
        while (!left.isZero()) {
            long chunk = left.compareTo(Duration.ofDays(1)) > 0 ? DAY_NANOS : left.toNanos();
            left = left.minusNanos(chunk);
            while (chunk > 0) {
                long boundary = (nanosOfDay / step + 1) * step;
                long delta = boundary - nanosOfDay;
                if (delta > chunk) {
                    nanosOfDay += chunk;
                    break;
                }
                chunk -= delta;
                long previous = nanosOfDay;
                if (boundary >= DAY_NANOS) {
                    nanosOfDay = DAY_NANOS - 1;
                    endDay();
                    nanosOfDay = boundary - DAY_NANOS;
                    previous = 0;
                    beginDay(date.plusDays(1));
                } else {
                    nanosOfDay = boundary;
                }
                onStep(previous);
            }
        }
    }

    /** One step ending now; with autoClose the session opens when 09:00 is passed and closes when 15:30 is. */
    private void onStep(long previousNanos) {
        if (config.autoClose()) {
            if (open && crossed(previousNanos, MarketConfig.CLOSE_TIME)) {
                closeInternal();
            } else if (!open && crossed(previousNanos, MarketConfig.OPEN_TIME)) {
                open = true;
            }
        }
        if (!open) {
            return;
        }
        for (PricePath p : paths.values()) {
            p.step();
            matcher.matchResting(p, false);
        }
    }

    private boolean crossed(long previousNanos, LocalTime t) {
        long at = t.toNanoOfDay();
        return previousNanos < at && at <= nanosOfDay;
    }

    private static boolean inRegularHours(LocalTime t) {
        return !t.isBefore(MarketConfig.OPEN_TIME) && t.isBefore(MarketConfig.CLOSE_TIME);
    }

    /**
     * Drives the session clock from the wall clock at {@code speed} session seconds per wall second:
     * every {@code period} the elapsed wall time times the speed is {@linkplain #advance advanced}.
     * The caller owns the executor and cancels the returned future to stop.
     */
    public ScheduledFuture<?> startTicker(ScheduledExecutorService executor, Duration period) {
        Objects.requireNonNull(executor, "executor");
        if (config.speed() == 0) {
            throw new IllegalStateException("speed is 0: the session clock is frozen and only moves with advance()");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("ticker period must be positive");
        }
        synchronized (lock) {
            lastWall = config.wallClock().instant();
        }
        long ms = Math.max(1, period.toMillis());
        return executor.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One ticker beat: advance by the wall time since the last beat times the speed. */
    public void tick() {
        try {
            synchronized (lock) {
                Instant now = config.wallClock().instant();
                Duration wall = Duration.between(lastWall, now);
                lastWall = now;
                if (wall.isNegative() || wall.isZero() || config.speed() == 0) {
                    return;
                }
                long nanos = (long) (wall.toNanos() * config.speed());
                advanceInternal(Duration.ofNanos(nanos));
                publishSession();
            }
        } catch (RuntimeException e) {
            log.error("simulator ticker failed; the session clock keeps its last state", e);
        }
    }

    @Override
    public void setPrice(String symbol, long price) {
        synchronized (lock) {
            PricePath path = symbol == null ? null : paths.get(symbol);
            if (path == null) {
                throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
            }
            if (price <= 0 || price % KrxTick.tickSize(price) != 0) {
                throw new IllegalArgumentException("price " + price + " of " + symbol + " is not on the KRX tick grid");
            }
            if (!path.inBand(price)) {
                throw new IllegalArgumentException("price " + price + " of " + symbol + " is outside today's band "
                        + path.lower() + ".." + path.upper());
            }
            path.set(price);
            if (open) {
                matcher.matchResting(path, true);
            }
            publishSession();
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<OrderRecord> orders(LocalDate orderDate) {
        Objects.requireNonNull(orderDate, "orderDate");
        synchronized (lock) {
            return book.rows(orderDate);
        }
    }

    @Override
    public List<HoldingRecord> holdings() {
        synchronized (lock) {
            return ledger.holdings(code -> paths.get(code).price(), book::openSellQty);
        }
    }

    @Override
    public AccountSummary account() {
        synchronized (lock) {
            return ledger.summary(pricesInternal());
        }
    }

    @Override
    public long activityVersion() {
        synchronized (lock) {
            return version;
        }
    }

    @Override
    public SessionClock clock() {
        return clockView;
    }

    @Override
    public Map<String, Long> prices() {
        synchronized (lock) {
            return pricesInternal();
        }
    }

    /** Today's upper and lower limit prices of a symbol ({@code [lower, upper]}), for quotes and tests. */
    public long[] priceBand(String symbol) {
        synchronized (lock) {
            PricePath p = paths.get(symbol);
            if (p == null) {
                throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
            }
            return new long[] {p.lower(), p.upper()};
        }
    }

    private Map<String, Long> pricesInternal() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (PricePath p : paths.values()) {
            out.put(p.spec().code(), p.price());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public LedgerSnapshot ledger() {
        synchronized (lock) {
            return new LedgerSnapshot(
                    config.account(),
                    BigDecimal.valueOf(ledger.cash()),
                    List.copyOf(book.allRows()),
                    ledger.holdings(code -> paths.get(code).price(), book::openSellQty));
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            init();
        }
    }

    // ------------------------------------------------------------------ plumbing

    private LocalTime time() {
        return LocalTime.ofNanoOfDay(nanosOfDay);
    }

    private String hhmmss() {
        return KoreaTime.formatTime(time());
    }

    private void publishSession() {
        session = new SessionState(date, time(), open);
    }

    private void publish(ExecutionNotice n) {
        try {
            feed.publish(n);
        } catch (RuntimeException e) {
            feedFailures.incrementAndGet();
            log.warn("notice feed refused notice for order {}: {}", n.oderNo(), e.toString());
        }
    }

    /** A live view of the published session state. */
    private final class SessionView implements SessionClock {
        @Override
        public LocalDate tradingDate() {
            return session.tradingDate();
        }

        @Override
        public LocalTime time() {
            return session.time();
        }

        @Override
        public boolean marketOpen() {
            return session.marketOpen();
        }
    }
}
