package io.execctl.sim.market;

import io.execctl.domain.KoreaTime;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** Every step of an advance is computed (prices are a deterministic walk), so one call is bounded. */
    private static final Duration MAX_ADVANCE = Duration.ofDays(400);

    private final MarketConfig config;
    private final NoticeFeed feed;
    private final NoticeFactory notices;
    private final OrderRules rules;
    private final Object lock = new Object();
    private final SessionView clockView = new SessionView();
    private final AtomicLong feedFailures = new AtomicLong();
    private final MarketState s = new MarketState();
    private final OrderEntry entry;
    private final SessionSteps steps;

    private Instant lastWall;
    private volatile SessionState session;

    /** The published, immutable session state behind {@link #clock()}. */
    private record SessionState(LocalDate tradingDate, LocalTime time, boolean marketOpen) {}

    public SimMarket(MarketConfig config, NoticeFeed feed) {
        this.config = Objects.requireNonNull(config, "config");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.notices = new NoticeFactory(config);
        this.rules = new OrderRules(config);
        this.entry = new OrderEntry(config, s, rules, notices, this::publish);
        this.steps = new SessionSteps(config, s, rules);
        synchronized (lock) {
            init();
        }
    }

    /** A market that delivers its notices nowhere. */
    public SimMarket(MarketConfig config) {
        this(config, NoticeFeed.NONE);
    }

    private void init() {
        s.wall = config.wallClock()::instant;
        s.date = config.startDate();
        s.nanosOfDay = config.startTime().toNanoOfDay();
        s.open = !config.autoClose() || SessionSteps.inRegularHours(config.startTime());
        s.paths = new LinkedHashMap<>();
        for (SymbolSpec sym : config.symbols()) {
            s.paths.put(
                    sym.code(), new PricePath(sym, config.seed(), config.moveProbability(), config.maxStepVolume()));
        }
        s.ledger = new Ledger(config.fees(), config.cash());
        s.odnos = new OdnoSequence(s.date);
        s.book = new OrderBook();
        s.matcher = new Matcher(
                s.ledger,
                s.book,
                notices,
                this::publish,
                s::hhmmss,
                new SplittableRandom(config.seed() ^ 0x5DEECE66DL),
                () -> s.version++,
                s.wall);
        s.faultDice = new SplittableRandom(config.seed() ^ 0x0FA17L);
        s.seq = 0;
        s.version++; // never goes back, so a continuation key from before a reset cannot match after it
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
            followWallDate();
            OrderResult r = entry.place(req);
            publishSession();
            return r;
        }
    }

    @Override
    public OrderResult reviseOrCancel(ReviseCancel req) {
        Objects.requireNonNull(req, "req");
        synchronized (lock) {
            followWallDate();
            OrderResult r = entry.revise(req);
            publishSession();
            return r;
        }
    }

    /** Sets the market's faults (kept across {@link #reset}; the fault dice restart with a reset). */
    @Override
    public void setMarketFaults(MarketFaults faults) {
        Objects.requireNonNull(faults, "faults");
        synchronized (lock) {
            s.faults = faults;
        }
    }

    @Override
    public Clock wallClock() {
        return config.wallClock();
    }

    // ------------------------------------------------------------------ session

    @Override
    public void openSession() {
        synchronized (lock) {
            s.open = true;
            publishSession();
        }
    }

    @Override
    public void closeSession() {
        synchronized (lock) {
            if (s.open) {
                steps.close();
            }
            publishSession();
        }
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
            if (!newDate.isAfter(s.date)) {
                throw new IllegalArgumentException("new trading date " + newDate + " must be after " + s.date);
            }
            steps.startDay(newDate);
            publishSession();
        }
    }

    /**
     * Starts the wall clock's Korean date when it has passed the session's (see
     * {@link MarketConfig#followWallDate()}): a simulator left running over midnight trades on the new
     * date, as KIS does, so that a client keying orders by the Korean date of its own clock agrees with
     * the broker. Never moves the date back (a session advanced past the wall date keeps its own).
     */
    private void followWallDate() {
        if (!config.followWallDate()) {
            return;
        }
        LocalDate wallDate = KoreaTime.tradingDate(config.wallClock().instant());
        if (wallDate.isAfter(s.date)) {
            steps.startDay(wallDate);
            publishSession();
        }
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
            steps.advance(d);
            publishSession();
        }
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
                followWallDate();
                Instant now = config.wallClock().instant();
                Duration wall = Duration.between(lastWall, now);
                lastWall = now;
                if (wall.isNegative() || wall.isZero() || config.speed() == 0) {
                    return;
                }
                long nanos = (long) (wall.toNanos() * config.speed());
                steps.advance(Duration.ofNanos(nanos));
                publishSession();
            }
        } catch (RuntimeException e) {
            log.error("simulator ticker failed; the session clock keeps its last state", e);
        }
    }

    @Override
    public void setPrice(String symbol, long price) {
        synchronized (lock) {
            PricePath path = symbol == null ? null : s.paths.get(symbol);
            if (path == null) {
                throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
            }
            if (!PriceGrid.onGrid(price)) {
                throw new IllegalArgumentException("price " + price + " of " + symbol + " is not on the KRX tick grid");
            }
            if (!path.inBand(price)) {
                throw new IllegalArgumentException("price " + price + " of " + symbol + " is outside today's band "
                        + path.lower() + ".." + path.upper());
            }
            path.set(price);
            if (s.open) {
                s.matcher.matchResting(path, true);
            }
            publishSession();
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<OrderRecord> orders(LocalDate orderDate) {
        Objects.requireNonNull(orderDate, "orderDate");
        synchronized (lock) {
            followWallDate();
            return s.book.rows(orderDate);
        }
    }

    @Override
    public List<HoldingRecord> holdings() {
        synchronized (lock) {
            followWallDate();
            return s.ledger.holdings(code -> s.paths.get(code).price(), s.book::openSellQty);
        }
    }

    @Override
    public AccountSummary account() {
        synchronized (lock) {
            followWallDate();
            return s.ledger.summary(pricesInternal());
        }
    }

    @Override
    public long activityVersion() {
        synchronized (lock) {
            return s.version;
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
            PricePath p = s.paths.get(symbol);
            if (p == null) {
                throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
            }
            return new long[] {p.lower(), p.upper()};
        }
    }

    private Map<String, Long> pricesInternal() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (PricePath p : s.paths.values()) {
            out.put(p.spec().code(), p.price());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public LedgerSnapshot ledger() {
        synchronized (lock) {
            return new LedgerSnapshot(
                    config.account(),
                    BigDecimal.valueOf(s.ledger.cash()),
                    List.copyOf(s.book.allRows()),
                    s.ledger.holdings(code -> s.paths.get(code).price(), s.book::openSellQty));
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            init();
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void publishSession() {
        session = new SessionState(s.date, s.time(), s.open);
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
