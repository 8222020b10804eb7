package io.execctl.kis;

import io.execctl.config.KisSettings;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.KrxTick;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.kis.port.TokenStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/**
 * The KIS REST client, a facade over three concerns: {@link KisEndpoints} (TR ids, paths, parameters),
 * {@link OrderSender} (order, cancel and modify POSTs and their outcomes: never exceptions, never
 * resent once they may have reached KIS) and {@link InquiryRunner}/{@link Inquiries} (the account
 * inquiries, retried with the backoff table, paginated to the end, reported incomplete when they could
 * not be). Every call takes its access token from the shared {@link TokenManager} and a slot of the
 * host-wide {@link RateBudget}, orders ahead of inquiries.
 *
 * <p>Thread-safe: one instance serves the daemon's threads.
 */
public final class KisClient implements AutoCloseable {
    /** Longest wait for a rate-budget slot before an order is reported {@link OrderOutcome.Failed}. */
    public static final Duration ORDER_PERMIT_WAIT = OrderSender.PERMIT_WAIT;
    /** Longest wait for a rate-budget slot of an inquiry page. */
    public static final Duration INQUIRY_PERMIT_WAIT = InquiryRunner.PERMIT_WAIT;
    /** Text of KIS's "data changed since the query began, query again" refusal of a continuation page. */
    public static final String DATA_CHANGED_TEXT = InquiryRunner.DATA_CHANGED_TEXT;

    private final KisSettings settings;
    private final KisHttp http;
    private final TokenManager tokens;
    private final RateBudget budget;
    private final Clock clock;
    private final KisEndpoints endpoints;
    private final OrderSender orders;
    private final Inquiries inquiries;

    public KisClient(
            KisSettings settings,
            KisHttp http,
            TokenManager tokens,
            RateBudget budget,
            Backoff backoff,
            KisMetrics metrics,
            Clock clock,
            Set<String> dataChangedCodes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        CallGate gate = new CallGate(tokens, budget);
        this.endpoints = new KisEndpoints(settings);
        this.orders = new OrderSender(settings, http, gate, backoff, metrics);
        this.inquiries = new Inquiries(
                endpoints, new InquiryRunner(settings, http, gate, backoff, metrics, dataChangedCodes), metrics);
    }

    public static Builder builder(KisSettings settings) {
        return new Builder(settings);
    }

    public KisSettings settings() {
        return settings;
    }

    /** The token manager (the notice WebSocket takes its approval key from here). */
    public TokenManager tokens() {
        return tokens;
    }

    @Override
    public void close() {
        http.close();
        if (budget instanceof HostRateBudget h) {
            h.close();
        }
    }

    // ------------------------------------------------------------------ orders

    /** {@code order-cash}: a cash buy or sell. */
    public OrderOutcome placeCashOrder(OrderRequest order) {
        return placeCashOrder(order, SendFence.NONE);
    }

    /** {@code order-cash}, asking {@code fence} immediately before every send attempt. */
    public OrderOutcome placeCashOrder(OrderRequest order, SendFence fence) {
        return orders.submit(endpoints.cashOrder(order), fence);
    }

    /** {@code order-rvsecncl}: cancels all of the order's remaining quantity. */
    public OrderOutcome cancel(OrderAddress original) {
        return cancel(original, SendFence.NONE);
    }

    /** {@link #cancel(OrderAddress)}, asking {@code fence} immediately before every send attempt. */
    public OrderOutcome cancel(OrderAddress original, SendFence fence) {
        return orders.submit(endpoints.rvsecncl(original, "02", "00", 0, BigDecimal.ZERO), fence);
    }

    /** {@code order-rvsecncl}: cancels {@code qty} shares of the order (partial cancel). */
    public OrderOutcome cancelPartial(OrderAddress original, long qty) {
        return cancelPartial(original, qty, SendFence.NONE);
    }

    /** {@link #cancelPartial(OrderAddress, long)}, asking {@code fence} immediately before every send attempt. */
    public OrderOutcome cancelPartial(OrderAddress original, long qty, SendFence fence) {
        if (qty <= 0) {
            throw new IllegalArgumentException("a partial cancel needs a positive quantity");
        }
        return orders.submit(endpoints.rvsecncl(original, "02", "00", qty, BigDecimal.ZERO), fence);
    }

    /**
     * {@code order-rvsecncl}: changes the price or type of the order. KIS gives the modified order a new
     * ODNO (returned in {@link OrderOutcome.Accepted}); later fills arrive under it.
     *
     * @param qty 0 = all remaining quantity, else that many shares
     */
    public OrderOutcome modify(OrderAddress original, OrderType type, BigDecimal price, long qty) {
        return modify(original, type, price, qty, SendFence.NONE);
    }

    /** {@link #modify(OrderAddress, OrderType, BigDecimal, long)}, asking {@code fence} before every send attempt. */
    public OrderOutcome modify(OrderAddress original, OrderType type, BigDecimal price, long qty, SendFence fence) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(price, "price");
        if (qty < 0) {
            throw new IllegalArgumentException("quantity must be >= 0 (0 = all remaining)");
        }
        if (type == OrderType.MKT && price.signum() != 0) {
            throw new IllegalArgumentException("a market order has price 0");
        }
        if (type == OrderType.LMT && !KrxTick.isOnGrid(price)) {
            throw new IllegalArgumentException("limit price " + price.toPlainString() + " is not on the KRX tick grid");
        }
        return orders.submit(endpoints.rvsecncl(original, "01", type.ordDvsn(), qty, price), fence);
    }

    // ------------------------------------------------------------------ inquiries

    /**
     * Today's cancellable orders: {@code inquire-psbl-rvsecncl} on real; on paper (where it does not
     * exist) today's {@code inquire-daily-ccld} unfilled rows with {@code rmn_qty > 0}, not cancelled.
     */
    public Paged<OpenOrder> openOrders() {
        return inquiries.openOrders(today(), null);
    }

    /** {@link #openOrders()} of one side only (narrower, so fewer pages). */
    public Paged<OpenOrder> openOrders(Side side) {
        return inquiries.openOrders(today(), Objects.requireNonNull(side, "side"));
    }

    /**
     * {@code inquire-daily-ccld} over a date range: one row per order. A range reaching back past the
     * three-month boundary is split between the older-period TR id and the recent one. Narrow it
     * ({@link DailyOrderQuery#narrow}) to one trading date, symbol and side (or one ODNO) when looking
     * for one order: fewer pages, so fewer chances to be incomplete.
     */
    public DailyOrders dailyOrders(DailyOrderQuery q) {
        return inquiries.dailyOrders(q, today());
    }

    /** {@code inquire-balance}: holdings per symbol and the account summary ({@code output2[0]}). */
    public Balance balance() {
        return inquiries.balance();
    }

    private LocalDate today() {
        return KoreaTime.tradingDate(clock.instant());
    }

    // ------------------------------------------------------------------ construction

    /** Assembles a client; every part can be replaced (tests, benchmarks). */
    public static final class Builder {
        private final KisSettings settings;
        private TokenStore tokenStore;
        private KisMetrics metrics = KisMetrics.NOOP;
        private RawSink rawSink = RawSink.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random;
        private RateBudget budget;
        private OkHttpClient okHttp;
        private Set<String> dataChangedCodes = Set.of();

        private Builder(KisSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder tokenStore(TokenStore v) {
            this.tokenStore = v;
            return this;
        }

        public Builder metrics(KisMetrics v) {
            this.metrics = v;
            return this;
        }

        public Builder rawSink(RawSink v) {
            this.rawSink = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public Builder sleeper(Sleeper v) {
            this.sleeper = v;
            return this;
        }

        public Builder random(RandomGenerator v) {
            this.random = v;
            return this;
        }
        /** Replaces the host-wide file budget (e.g. {@link RateBudget#UNLIMITED} in benchmarks). */
        public Builder rateBudget(RateBudget v) {
            this.budget = v;
            return this;
        }
        /** An OkHttp client, e.g. {@link KisHttp#clientBuilder} plus an interceptor. */
        public Builder okHttp(OkHttpClient v) {
            this.okHttp = v;
            return this;
        }
        /** msg_cd values that mean "data changed, query again" besides the Korean text. */
        public Builder dataChangedCodes(Set<String> v) {
            this.dataChangedCodes = v;
            return this;
        }

        public KisClient build() {
            TokenStore store = tokenStore != null ? tokenStore : new InMemoryTokenStore();
            RandomGenerator rnd = random != null ? random : new SplittableRandom();
            RateBudget rb = budget != null ? budget : HostRateBudget.forSettings(settings, clock, sleeper, metrics);
            KisHttp http = new KisHttp(
                    settings,
                    okHttp != null ? okHttp : KisHttp.clientBuilder(settings).build(),
                    metrics,
                    rawSink,
                    clock);
            Backoff backoff = new Backoff(settings.backoff().jitter(), rnd, sleeper);
            TokenManager tm = new TokenManager(settings, http, store, rb, backoff, clock, metrics);
            return new KisClient(settings, http, tm, rb, backoff, metrics, clock, dataChangedCodes);
        }
    }

    /** For diagnostics: whether this client is on paper (no cancellable-orders inquiry). */
    public boolean paper() {
        return settings.env() == KisEnv.PAPER;
    }
}
