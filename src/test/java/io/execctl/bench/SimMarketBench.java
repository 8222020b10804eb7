package io.execctl.bench;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.market.MarketConfig;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.ReviseCancel;
import io.execctl.sim.market.SimMarket;
import io.execctl.sim.market.Source;
import io.execctl.sim.ws.NoticeFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How many broker operations the simulated market serves per second, so that it is never the
 * bottleneck of the REST server (≥ 1,000 requests/s) or of a benchmark of execctl. Each invocation
 * resets the market and runs a batch on a fresh trading day, so the book does not grow without end.
 *
 * <p>Run: {@code mvn -q -B -o test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.execctl.bench.SimMarketBench} (cp.txt from {@code mvn -o dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SimMarketBench {
    private static final int BATCH = 1_000;
    private static final PlaceOrder FAR_BUY = new PlaceOrder("005930", Side.BUY, "00", 1, 60_000, Source.API);
    private static final PlaceOrder MARKET_BUY = new PlaceOrder("005930", Side.BUY, "01", 10, 0, Source.API);
    private static final PlaceOrder MARKET_SELL = new PlaceOrder("005930", Side.SELL, "01", 10, 0, Source.API);

    private SimMarket market;
    private String prepared = "";

    @Setup
    public void setUp() {
        MarketConfig cfg = MarketConfig.builder(KisEnv.REAL, Clock.systemUTC())
                .startDate(LocalDate.of(2026, 11, 24))
                .speed(0)
                .build();
        market = new SimMarket(cfg, NoticeFeed.NONE);
    }

    /** order-cash (limit, rests) followed by order-rvsecncl (cancel all): two requests per operation pair. */
    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public void placeAndCancel(Blackhole bh) {
        prepared = "";
        market.reset();
        for (int i = 0; i < BATCH; i++) {
            OrderResult.Accepted a = (OrderResult.Accepted) market.placeOrder(FAR_BUY);
            bh.consume(
                    market.reviseOrCancel(new ReviseCancel(a.branch(), a.odno(), true, "00", 0, true, 0, Source.API)));
        }
    }

    /** A market buy and a market sell, each executing in 1–3 pieces with notices. */
    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public void marketRoundTrip(Blackhole bh) {
        prepared = "";
        market.reset();
        for (int i = 0; i < BATCH; i++) {
            bh.consume(market.placeOrder(MARKET_BUY));
            bh.consume(market.placeOrder(MARKET_SELL));
        }
    }

    /** inquire-daily-ccld's source: the rows of a day with 1,000 orders. */
    @Benchmark
    public void ordersOfADayWith1000Rows(Blackhole bh) {
        if (!prepared.equals("rows")) {
            prepared = "rows";
            market.reset();
            for (int i = 0; i < 500; i++) {
                market.placeOrder(MARKET_BUY);
                market.placeOrder(FAR_BUY);
            }
        }
        bh.consume(market.orders(market.clock().tradingDate()));
    }

    /** One session minute (60 steps × 5 symbols) with 200 resting orders that do not cross. */
    @Benchmark
    public void advanceOneMinuteWith200RestingOrders(Blackhole bh) {
        if (!prepared.equals("resting")) {
            prepared = "resting";
            market.reset();
            for (int i = 0; i < 200; i++) {
                market.placeOrder(new PlaceOrder("005930", Side.BUY, "00", 1, 51_000, Source.API));
            }
        }
        market.advance(Duration.ofMinutes(1));
        bh.consume(market.prices());
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder()
                        .include(SimMarketBench.class.getSimpleName())
                        .build())
                .run();
    }
}
