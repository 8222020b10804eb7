package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.sim.ws.ExecutionNotice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of seeded random orders, modifies, cancels, price forces and clock moves; after every
 * batch the ledger must reconcile exactly with its own executions and with the notices sent.
 */
class LedgerInvariantTest {
    private static final BigDecimal COMMISSION = new BigDecimal("0.00015");
    private static final BigDecimal TAX = new BigDecimal("0.0018");

    @ParameterizedTest(name = "seed {0} (2: paper, 3: autoClose)")
    @ValueSource(longs = {1, 2, 3})
    void executionsCashHoldingsAndNoticesAlwaysReconcile(long seed) {
        Markets.RecordingFeed feed = new Markets.RecordingFeed();
        KisEnv env = seed % 2 == 0 ? KisEnv.PAPER : KisEnv.REAL;
        SimMarket m = new SimMarket(
                Markets.config(env)
                        .seed(seed)
                        .moveProbability(0.3)
                        .maxStepVolume(30)
                        .autoClose(seed == 3)
                        .stepInterval(Duration.ofSeconds(5))
                        .build(),
                feed);
        RandomTrading trading = new RandomTrading(m, seed * 31);
        int executions = 0;
        for (int batch = 0; batch < 60; batch++) {
            for (int i = 0; i < 50; i++) {
                trading.step();
            }
            executions = check(m, feed);
        }
        LedgerSnapshot l = m.ledger();
        System.out.printf(
                "seed %d: %d order rows, %d executions, %d notices, cash %s%n",
                seed, l.orders().size(), executions, feed.all().size(), l.cash().toPlainString());
        assertThat(l.orders()).as("the workload placed many orders").hasSizeGreaterThan(600);
        assertThat(executions).as("and executed many of them").isGreaterThan(700);
        assertThat(l.orders()).extracting(OrderRecord::status).contains("FILLED", "CANCELLED", "EXPIRED");
    }

    /** Checks every invariant; returns the number of executions seen. */
    static int check(SimMarket m, Markets.RecordingFeed feed) {
        LedgerSnapshot l = m.ledger();
        long cash = MarketConfig.DEMO_CASH;
        Map<String, Long> held = new HashMap<>();
        Map<String, Long> filledByOdno = new HashMap<>();
        int executions = 0;
        for (OrderRecord o : l.orders()) {
            require(o.filledQty() >= 0 && o.cancelledQty() >= 0 && o.remainingQty() >= 0, o, "negative quantity");
            require(
                    o.filledQty() + o.cancelledQty() + o.remainingQty() == o.qty(),
                    o,
                    "filled+cancelled+remaining != qty");
            require(
                    o.executions().stream()
                                    .mapToLong(OrderRecord.Execution::qty)
                                    .sum()
                            == o.filledQty(),
                    o,
                    "executions do not sum to the filled quantity");
            require(
                    o.executions().stream().mapToLong(e -> e.qty() * e.price()).sum() == o.filledAmount(),
                    o,
                    "executions do not sum to the filled amount");
            require(
                    o.status().equals("OPEN") == (o.remainingQty() > 0),
                    o,
                    "status disagrees with the remaining quantity");
            require(
                    o.remainingQty() == 0 || o.orderDate().equals(m.clock().tradingDate()),
                    o,
                    "an earlier day's order is still open");
            boolean limit = o.ordDvsn().equals("00")
                    || o.ordDvsn().equals("11")
                    || o.ordDvsn().equals("12");
            if (limit && !o.rvseCnclDvsn().equals("02")) {
                for (OrderRecord.Execution e : o.executions()) {
                    require(
                            o.side() == Side.BUY ? e.price() <= o.price() : e.price() >= o.price(),
                            o,
                            "a limit executed at a worse price than its limit");
                }
            }
            String key = o.orderDate() + "/" + o.odno();
            filledByOdno.merge(key, o.filledQty(), Long::sum);
            for (OrderRecord.Execution e : o.executions()) {
                executions++;
                long amount = e.qty() * e.price();
                long fee = floor(amount, COMMISSION);
                if (o.side() == Side.BUY) {
                    cash -= amount + fee;
                    held.merge(o.symbol(), e.qty(), Long::sum);
                } else {
                    cash += amount - fee - floor(amount, TAX);
                    held.merge(o.symbol(), -e.qty(), Long::sum);
                }
            }
        }
        assertThat(l.cash())
                .as("cash moves exactly by trades, fees and tax")
                .isEqualByComparingTo(BigDecimal.valueOf(cash));
        assertThat(l.cash().signum()).as("cash never negative").isNotNegative();
        for (Map.Entry<String, Long> e : held.entrySet()) {
            assertThat(e.getValue()).as("never short " + e.getKey()).isNotNegative();
            long inLedger = l.holdings().stream()
                    .filter(h -> h.symbol().equals(e.getKey()))
                    .mapToLong(HoldingRecord::qty)
                    .sum();
            assertThat(inLedger)
                    .as("holding of " + e.getKey() + " = buys - sells")
                    .isEqualTo(e.getValue());
        }
        for (HoldingRecord h : l.holdings()) {
            assertThat(h.ordPsblQty()).isBetween(0L, h.qty());
            assertThat(held).containsKey(h.symbol());
        }
        // notices: one CNTG_YN=2 per execution, summing to each order's filled quantity
        long fillNotices = 0;
        Map<String, Long> noticed = new HashMap<>();
        for (ExecutionNotice n : feed.all()) {
            if (n.cntgYn().equals("2")) {
                fillNotices++;
                noticed.merge(n.oderNo(), Long.parseLong(n.cntgQty()), Long::sum);
            }
        }
        assertThat(fillNotices).isEqualTo(executions);
        long filledTotal =
                filledByOdno.values().stream().mapToLong(Long::longValue).sum();
        assertThat(noticed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(filledTotal);
        return executions;
    }

    private static void require(boolean ok, OrderRecord o, String what) {
        if (!ok) {
            throw new AssertionError(what + ": " + o);
        }
    }

    private static long floor(long amount, BigDecimal rate) {
        return BigDecimal.valueOf(amount)
                .multiply(rate)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
