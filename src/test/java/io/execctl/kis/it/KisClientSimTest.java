package io.execctl.kis.it;

import io.execctl.config.KisSettings;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderType;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.kis.Balance;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.InMemoryKisMetrics;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.Paged;
import io.execctl.kis.RateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.kis.port.CachedToken;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client operation against the in-process simulator (real HTTP, real matching). */
class KisClientSimTest {
    static final Instant OPEN = Instant.parse("2026-11-24T00:00:00Z"); // 09:00 in Seoul
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path dir;

    Simulator sim;
    KisClient client;
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final InMemoryKisMetrics metrics = new InMemoryKisMetrics();

    final MutableClock clock = new MutableClock(OPEN);

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private KisSettings settings(KisEnv env, TrIdSet set, Timeouts timeouts) {
        return KisSettings.builder(env)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(SimOptions.DEMO_ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(set)
                .timeouts(timeouts)
                .rateStateDir(dir)
                .ratePerSecond(1000)
                .build();
    }

    private void start(KisEnv env, TrIdSet set, Faults faults, Timeouts timeouts) {
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(env)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(clock)
                .withFaults(faults));
        Sleeper movesTheClock = d -> clock.advance(d);
        client = KisClient.builder(settings(env, set, timeouts))
                .tokenStore(store)
                .metrics(metrics)
                .clock(clock)
                .sleeper(movesTheClock)
                .random(new SplittableRandom(3))
                .rateBudget(RateBudget.UNLIMITED)
                .dataChangedCodes(Set.of())
                .build();
    }

    private void advance(int seconds) {
        control("/sim/session", "{\"action\":\"advance\",\"seconds\":" + seconds + "}");
    }

    private void control(String path, String json) {
        OkHttpClient http = new OkHttpClient();
        Request r = new Request.Builder()
                .url(sim.restUrl() + path)
                .post(RequestBody.create(json, MediaType.get("application/json")))
                .build();
        try (Response resp = http.newCall(r).execute()) {
            assertThat(resp.code()).as(path).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static OrderOutcome.Accepted accepted(OrderOutcome o) {
        assertThat(o).isInstanceOf(OrderOutcome.Accepted.class);
        return (OrderOutcome.Accepted) o;
    }

    @Test
    void everyOperationOnReal() {
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);

        OrderOutcome.Accepted market = accepted(client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 10)));
        assertThat(market.branch()).isEqualTo("06590");
        OrderOutcome.Accepted limit =
                accepted(client.placeCashOrder(OrderRequest.limit("000660", Side.BUY, 8, new BigDecimal("150000"))));
        OrderAddress limitKey = limit.address();

        Paged<OpenOrder> open = client.openOrders();
        assertThat(open.complete()).isTrue();
        assertThat(open.rows()).anySatisfy(o -> {
            assertThat(OrderKey.normalizeOdno(o.odno())).isEqualTo(limit.odno());
            assertThat(o.psblQty()).isEqualTo(8);
        });

        OrderOutcome.Accepted partial = accepted(client.cancelPartial(limitKey, 3));
        assertThat(partial.odno()).isNotEqualTo(limit.odno());
        OrderOutcome.Accepted modified = accepted(client.modify(limitKey, OrderType.LMT, new BigDecimal("151000"), 0));
        OrderOutcome.Accepted cancelled = accepted(client.cancel(modified.address()));
        assertThat(cancelled.odno()).isNotEqualTo(modified.odno());
        OrderOutcome rejected = client.cancel(OrderAddress.of("06590", "9999999"));
        assertThat(rejected).isInstanceOf(OrderOutcome.Rejected.class);

        advance(600);
        DailyOrders daily = client.dailyOrders(DailyOrderQuery.range(TODAY, TODAY));
        assertThat(daily.complete()).isTrue();
        DailyOrderRow m = daily.orders().rows().stream()
                .filter(r -> OrderKey.normalizeOdno(r.odno()).equals(market.odno()))
                .findFirst()
                .orElseThrow();
        assertThat(m.totCcldQty()).isEqualTo(10);
        assertThat(m.avgPrvs().signum()).isPositive();
        assertThat(m.side()).isEqualTo(Side.BUY);
        assertThat(daily.orders().rows()).anyMatch(DailyOrderRow::isRevision);
        assertThat(daily.totals()).hasSize(1);

        Balance b = client.balance();
        assertThat(b.complete()).isTrue();
        assertThat(b.holdings().rows()).anySatisfy(h -> {
            assertThat(h.symbol()).isEqualTo("005930");
            assertThat(h.hldgQty()).isEqualTo(10);
            assertThat(h.pchsAvgPric()).isEqualByComparingTo(m.avgPrvs());
        });
        assertThat(b.summary()).isPresent();
        assertThat(metrics.count("tokenIssued", "access")).isEqualTo(1);
    }

    @Test
    void paperUsesTheDailyFallbackForOpenOrdersAndOldTrIdsWork() {
        start(KisEnv.PAPER, TrIdSet.OLD, Faults.NONE, Timeouts.DEFAULT);
        OrderOutcome.Accepted limit =
                accepted(client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 4, new BigDecimal("60000"))));
        assertThat(limit.branch()).isEqualTo("00950");

        Paged<OpenOrder> open = client.openOrders();

        assertThat(open.complete()).isTrue();
        assertThat(open.rows()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(OpenOrder.Source.DAILY_CCLD);
            assertThat(o.psblQty()).isEqualTo(4);
        });
        assertThat(metrics.count("request", "inquire_psbl_rvsecncl", "rejected"))
                .isZero();
        accepted(client.cancel(limit.address()));
        advance(5);
        assertThat(client.openOrders().rows()).isEmpty();
    }

    @Test
    void paginationAcrossManyPagesOnPaper() {
        start(KisEnv.PAPER, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        for (int i = 0; i < 40; i++) {
            accepted(client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 1, new BigDecimal("60000"))));
        }
        DailyOrders d = client.dailyOrders(DailyOrderQuery.range(TODAY, TODAY));
        assertThat(d.complete()).isTrue();
        assertThat(d.orders().pages()).isEqualTo(3); // 15 rows per page on paper
        assertThat(d.orders().rows()).hasSize(40);
        assertThat(d.orders().rows()).extracting(DailyOrderRow::odno).doesNotHaveDuplicates();
        Paged<OpenOrder> open = client.openOrders();
        assertThat(open.complete()).isTrue();
        assertThat(open.rows()).hasSize(40);
    }

    @Test
    void dataChangedOnEveryContinuationEndsIncomplete() {
        start(KisEnv.PAPER, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        for (int i = 0; i < 20; i++) {
            accepted(client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 1, new BigDecimal("60000"))));
        }
        sim.setFaults(Faults.parse("{\"paging_data_changed_rate\":1.0}"));
        DailyOrders d = client.dailyOrders(DailyOrderQuery.range(TODAY, TODAY));
        assertThat(d.complete()).isFalse();
        assertThat(d.orders().reason()).contains("data changed");
        assertThat(metrics.count("paginationRestart", "inquire_daily_ccld")).isEqualTo(3);
    }

    @Test
    void aTokenKilledMidRunIsRenewedAndTheCallRetried() {
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        assertThat(client.balance().complete()).isTrue();
        String first = store.load("real", client.settings().appKeyFingerprint(), CachedToken.Kind.ACCESS)
                .orElseThrow()
                .value();
        sim.tokens().revoke(SimOptions.DEMO_APP_KEY, SimOptions.DEMO_APP_SECRET, first);

        accepted(client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1)));

        String second = store.load("real", client.settings().appKeyFingerprint(), CachedToken.Kind.ACCESS)
                .orElseThrow()
                .value();
        assertThat(second).isNotEqualTo(first);
        assertThat(metrics.count("tokenIssued", "access")).isEqualTo(2);
        assertThat(metrics.count("request", "order_cash", "token_invalid")).isEqualTo(1);
    }

    @Test
    void approvalKeyFromTheSimulator() {
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        assertThat(client.tokens().approvalKey().reveal()).hasSize(36);
    }

    @Test
    void anOrderAcceptedButAnsweredTooLateIsUnknownAndFoundByInquiry() {
        Timeouts fast = new Timeouts(
                Duration.ofSeconds(1), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(2));
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, fast);
        client.balance(); // token first
        sim.setFaults(Faults.parse("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":1500}"));

        OrderOutcome out = client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 2, new BigDecimal("60000")));

        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        sim.setFaults(Faults.NONE);
        DailyOrders d = client.dailyOrders(DailyOrderQuery.range(TODAY, TODAY));
        assertThat(d.orders().rows()).singleElement().satisfies(r -> assertThat(r.ordQty())
                .isEqualTo(2));
    }

    @Test
    void anOrderAcceptedThenResetIsUnknownAndNotDoubled() {
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        client.balance();
        sim.setFaults(Faults.parse("{\"order_reset_after_accept_rate\":1.0}"));
        OrderOutcome out = client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 2, new BigDecimal("60000")));
        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        sim.setFaults(Faults.NONE);
        assertThat(client.dailyOrders(DailyOrderQuery.range(TODAY, TODAY))
                        .orders()
                        .rows())
                .hasSize(1);
    }

    @Test
    void html5xxAndRateLimitFaultsOnInquiriesAreRetriedToSuccess() {
        start(KisEnv.REAL, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        client.balance();
        sim.setFaults(Faults.parse("{\"rest_5xx_html_rate\":0.3,\"egw00201_rate\":0.3}"));
        int complete = 0;
        for (int i = 0; i < 10; i++) {
            if (client.balance().complete()) {
                complete++;
            }
        }
        assertThat(complete).isGreaterThanOrEqualTo(9);
        assertThat(metrics.total("retry")).isPositive();
    }

    /**
     * Several threads against the simulator's strict 20/s limit with the 18/s budget on: zero EGW00201.
     * The same load without the budget does provoke EGW00201, so the check can fail.
     */
    @Test
    void theBudgetKeepsManyThreadsUnderTheStrictLimit() throws Exception {
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withRateLimit(20.0));
        KisSettings s = KisSettings.builder(KisEnv.REAL)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(SimOptions.DEMO_ACCOUNT))
                .rateStateDir(dir)
                .build();
        InMemoryKisMetrics withBudget = new InMemoryKisMetrics();
        client = KisClient.builder(s).tokenStore(store).metrics(withBudget).build();
        hammer(client, 6, 12);
        assertThat(withBudget.count("request", "inquire_balance", "success")).isEqualTo(72);
        assertThat(withBudget.count("request", "inquire_balance", "rate_limited"))
                .isZero();
        assertThat(withBudget.total("rateLimitBackoff")).isZero();

        InMemoryKisMetrics without = new InMemoryKisMetrics();
        try (KisClient unbudgeted = KisClient.builder(s)
                .tokenStore(store)
                .metrics(without)
                .rateBudget(RateBudget.UNLIMITED)
                .build()) {
            hammer(unbudgeted, 6, 12);
        }
        assertThat(without.count("request", "inquire_balance", "rate_limited")).isPositive();
    }

    private static void hammer(KisClient c, int threads, int callsEach) throws Exception {
        c.tokens().accessToken();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < callsEach; i++) {
                        ok &= c.balance().complete();
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> f : fs) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void koreanTradingDateIsUsed() {
        start(KisEnv.PAPER, TrIdSet.NEW, Faults.NONE, Timeouts.DEFAULT);
        assertThat(KoreaTime.tradingDate(clock.instant())).isEqualTo(TODAY);
    }
}
