package io.execctl.store;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FillApplier#applySnapshots} (a page of REST snapshots in one transaction) stores and returns
 * exactly what {@link FillApplier#applySnapshot} one by one does: two databases get the same orders,
 * intents and preludes (nothing, live notices at two prices, notices held past the quantity, an
 * inferred deficit), then the same seeded rounds of growing broker totals (with and without
 * inference, partial cancels, final totals that decide held notices or void a surplus) — one by one in
 * the first, one batch per round (an unknown order included) in the second — and every row of fills,
 * orders, outbox, intents, intent outcomes and held notices, and every returned result, must be equal.
 */
class SnapshotRunTest {
    private static final BigDecimal[] PRICES = {new BigDecimal("72000"), new BigDecimal("72100")};
    private static TestDatabase one;
    private static TestDatabase run;

    @BeforeAll
    static void setUp() {
        one = Samples.migratedDatabase();
        run = Samples.migratedDatabase();
    }

    @AfterAll
    static void tearDown() {
        one.close();
        run.close();
    }

    @Test
    void aBatchOfSnapshotsStoresExactlyWhatOneByOneStores() {
        Jdbi a = Samples.jdbi(one);
        Jdbi b = Samples.jdbi(run);
        int inserted = 0;
        int voided = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Random rnd = new Random(seed);
            MutableClock clock = new MutableClock(Samples.T0);
            FillApplier ones = new FillApplier(new OrderTx(a), clock);
            FillApplier runs = new FillApplier(new OrderTx(b), clock);
            List<Order> orders = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                orders.add(order(a, b, ones, runs, rnd.nextInt(4), rnd));
            }
            long[] executed = new long[orders.size()];
            for (int round = 0; round < 4; round++) {
                clock.advance(Duration.ofSeconds(30));
                Map<OrderKey, FillApplier.Snapshot> batch = new LinkedHashMap<>();
                for (int i = 0; i < orders.size(); i++) {
                    if (round < 3 && rnd.nextInt(4) == 0) {
                        continue; // not in this page
                    }
                    executed[i] = Math.min(10, executed[i] + rnd.nextInt(5));
                    batch.put(orders.get(i).key(), snapshot(executed[i], round == 3, rnd));
                }
                OrderKey unknown = Samples.nextKey();
                batch.put(unknown, new FillApplier.Snapshot(totals(1, false, 0), true));
                Map<OrderKey, FillApplier.Applied> byOne = new LinkedHashMap<>();
                batch.forEach((k, s) -> byOne.put(k, ones.applySnapshot(k, s.totals(), s.inferDeficit())));
                Map<OrderKey, FillApplier.Applied> byRun = runs.applySnapshots(batch);
                assertThat(byRun.keySet()).containsExactlyElementsOf(batch.keySet());
                assertThat(byRun.get(unknown).orderKnown()).isFalse();
                for (OrderKey k : batch.keySet()) {
                    assertThat(summary(byRun.get(k)))
                            .as("seed %d round %d %s", seed, round, k)
                            .isEqualTo(summary(byOne.get(k)));
                    inserted += byOne.get(k).inserted().size();
                    voided += byOne.get(k).voided().size();
                }
                assertThat(dump(b)).as("seed %d round %d", seed, round).isEqualTo(dump(a));
            }
        }
        assertThat(inserted).as("fills were inferred at all").isPositive();
        assertThat(voided).as("fills were voided at all").isPositive();
        assertThat(dump(a).get(5)).as("held notices were decided at all").containsAnyOf("\"APPLIED\"", "\"DUPLICATE\"");
    }

    @Test
    void aPageCostsAFewStatementsWhateverItsSize() {
        Jdbi j = Samples.jdbi(run);
        List<String> sent = new CopyOnWriteArrayList<>();
        j.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext ctx) {
                sent.add(ctx.getRawSql());
            }
        });
        FillApplier runs = new FillApplier(new OrderTx(j), new MutableClock(Samples.T0));
        Map<OrderKey, FillApplier.Snapshot> page = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            Order o = Samples.external(Samples.nextKey()); // 5 shares; 2 executed, not seen yet
            OrderStore.of(j).upsert(o, null);
            page.put(
                    o.key(),
                    new FillApplier.Snapshot(new BrokerTotals(5, 2, new BigDecimal("144000"), 3, 0, 0), false));
        }
        sent.clear();
        Map<OrderKey, FillApplier.Applied> out = runs.applySnapshots(page);
        assertThat(out.values()).allSatisfy(a -> assertThat(a.deficit()).isEqualTo(2));
        // the reads with the locks, the held notices, the writes, the stored orders (one by one: ~6 an order)
        assertThat(sent).as("statements: %s", sent).hasSizeLessThanOrEqualTo(5);
    }

    private static FillApplier.Snapshot snapshot(long executed, boolean last, Random rnd) {
        boolean cancelRest = last && executed < 10 && rnd.nextBoolean();
        return new FillApplier.Snapshot(totals(executed, last, cancelRest ? 10 - executed : 0), rnd.nextInt(3) > 0);
    }

    /** {@code executed} of 10 at 72,000; final when {@code last} (the rest cancelled, or filled). */
    private static BrokerTotals totals(long executed, boolean last, long cancelled) {
        long done = last && cancelled == 0 ? 10 : executed;
        long rmn = last ? 0 : 10 - done;
        return new BrokerTotals(
                10, done, new BigDecimal("72000").multiply(BigDecimal.valueOf(done)), rmn, cancelled, 0);
    }

    private static String summary(FillApplier.Applied x) {
        return x.order() + " " + x.transition() + " " + x.correction() + " " + x.inserted() + " " + x.voided() + " "
                + x.deficit();
    }

    private static Order order(Jdbi a, Jdbi b, FillApplier ones, FillApplier runs, int prelude, Random rnd) {
        UUID intent = UUID.randomUUID();
        Order o = Samples.submitted(Samples.nextKey(), intent);
        for (Jdbi j : List.of(a, b)) {
            j.useHandle(h -> h.createUpdate("""
                            INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type,
                                                             reason_code, action_key, status, updated_ts)
                            VALUES (:id, '005930', 'ENTRY', 10, 'MKT', 'T', :key, 'SUBMITTED', :t0)""")
                    .bind("id", intent)
                    .bind("t0", Samples.T0)
                    .bind("key", "snap-" + intent)
                    .execute());
            OrderStore.of(j).upsert(o, null);
        }
        switch (prelude) {
            case 1 -> notices(o, ones, runs, 1 + rnd.nextInt(4), rnd); // live notices, some at another price
            case 2 -> notices(o, ones, runs, 12, rnd); // past the quantity: the last ones are held
            case 3 -> { // a deficit inferred, then superseded or not
                BrokerTotals t = new BrokerTotals(10, 3, new BigDecimal("216000"), 7, 0, 0);
                ones.applySnapshot(o.key(), t, true);
                runs.applySnapshot(o.key(), t, true);
            }
            default -> {}
        }
        return o;
    }

    private static void notices(Order o, FillApplier ones, FillApplier runs, int n, Random rnd) {
        for (int i = 1; i <= n; i++) {
            NoticeReceipt r = new NoticeReceipt("c" + o.key().odno(), i, 0);
            BigDecimal price = PRICES[rnd.nextInt(2)];
            String raw = "{\"frame\":" + i + "}";
            ones.applyNotice(o.key(), r, Samples.T0, 1, price, raw);
            runs.applyNotice(o.key(), r, Samples.T0, 1, price, raw);
        }
    }

    /** Every row of the tables a snapshot writes (as NoticeRunTest compares them). */
    private static List<String> dump(Jdbi j) {
        return j.withHandle(h -> List.of(
                rows(
                        h,
                        "SELECT (to_jsonb(f) - 'row_no' - 'created_ts')::text FROM trade.fills f ORDER BY order_id, row_no"),
                rows(h, "SELECT (to_jsonb(o) - 'created_ts')::text FROM trade.orders o ORDER BY order_id"),
                rows(h, "SELECT (to_jsonb(x) - 'id' - 'xid')::text FROM trade.outbox x ORDER BY aggregate_id, id"),
                rows(h, "SELECT (to_jsonb(i) - 'created_ts')::text FROM trade.order_intents i ORDER BY intent_id"),
                rows(h, "SELECT to_jsonb(i)::text FROM trade.intent_outcomes i ORDER BY intent_id"),
                rows(h, "SELECT (to_jsonb(x) - 'id')::text FROM trade.held_notices x ORDER BY order_id, receipt")));
    }

    private static String rows(Handle h, String sql) {
        return String.join("\n", h.createQuery(sql).mapTo(String.class).list());
    }
}
