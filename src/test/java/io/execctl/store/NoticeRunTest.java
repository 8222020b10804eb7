package io.execctl.store;

import io.execctl.domain.BrokerTotals;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FillApplier#applyNotices} (one order's notices of a batch as one fold) stores exactly what
 * {@link FillApplier#applyNotice} one by one stores: two databases get the same order, intent and
 * prelude (nothing, an inferred deficit, broker-final totals), then the same seeded sequence of
 * notices (duplicated receipts included, and duplicated frames under new receipts, which are held once
 * past the order quantity) for two orders — one by one and interleaved in the first, in
 * random multi-order batches ({@link FillApplier#applyNoticeBatch}, an unknown order included) in the second —
 * and every row of fills, orders, outbox, intents and intent outcomes must be equal, in row order.
 */
class NoticeRunTest {
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

    private record N(NoticeReceipt receipt, long qty, BigDecimal price) {}

    @Test
    void aBatchOfNoticesStoresExactlyWhatOneByOneStores() {
        Jdbi a = Samples.jdbi(one);
        Jdbi b = Samples.jdbi(run);
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            MutableClock clock = new MutableClock(Samples.T0);
            FillApplier ones = new FillApplier(new OrderTx(a), clock);
            FillApplier runs = new FillApplier(new OrderTx(b), clock);
            // two orders, each with its own prelude: nothing, a deficit inferred (notices supersede
            // it), broker-final totals (notices beyond them are voided as surplus)
            Order o = order(a, b, ones, runs, (int) (seed % 3));
            Order q = order(a, b, ones, runs, (int) ((seed / 3) % 3));
            List<N> seqO = notices(rnd, "o" + seed);
            List<N> seqQ = notices(rnd, "q" + seed);
            // one by one, the two orders interleaved at random
            int io = 0;
            int iq = 0;
            while (io < seqO.size() || iq < seqQ.size()) {
                boolean takeO = iq == seqQ.size() || (io < seqO.size() && rnd.nextBoolean());
                Order x = takeO ? o : q;
                N n = takeO ? seqO.get(io++) : seqQ.get(iq++);
                assertThat(ones.applyNotice(x.key(), n.receipt(), Samples.T0, n.qty(), n.price(), json(n))
                                .orderKnown())
                        .isTrue();
            }
            // in batches: random runs of both orders (and an unknown one) per call
            io = 0;
            iq = 0;
            while (io < seqO.size() || iq < seqQ.size()) {
                int eo = Math.min(seqO.size(), io + rnd.nextInt(seqO.size() + 1));
                int eq = Math.min(seqQ.size(), iq + rnd.nextInt(seqQ.size() + 1));
                Map<OrderKey, List<FillApplier.Notice>> batch = new LinkedHashMap<>();
                OrderKey unknown = Samples.nextKey();
                batch.put(
                        unknown,
                        List.of(new FillApplier.Notice(new NoticeReceipt("u", 1, 0), Samples.T0, 1, PRICES[0], null)));
                if (eo > io) {
                    batch.put(o.key(), chunk(seqO.subList(io, eo)));
                }
                if (eq > iq) {
                    batch.put(q.key(), chunk(seqQ.subList(iq, eq)));
                }
                Set<OrderKey> known = runs.applyNoticeBatch(batch);
                assertThat(known)
                        .doesNotContain(unknown)
                        .containsAll(batch.keySet().stream()
                                .filter(k -> !k.equals(unknown))
                                .toList());
                io = eo;
                iq = eq;
            }
            assertThat(dump(b)).as("seed %d: %s / %s", seed, seqO, seqQ).isEqualTo(dump(a));
        }
        assertThat(dump(a).get(0)).as("fills were written at all").contains("\"source\": \"WS\"");
        assertThat(dump(a).get(5)).as("notices were held at all").contains("OVER_QUANTITY");
    }

    private static Order order(Jdbi a, Jdbi b, FillApplier ones, FillApplier runs, int prelude) {
        UUID intent = UUID.randomUUID();
        Order o = Samples.submitted(Samples.nextKey(), intent);
        for (Jdbi j : List.of(a, b)) {
            j.useHandle(h -> h.createUpdate("""
                            INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type,
                                                             reason_code, action_key, status)
                            VALUES (:id, '005930', 'ENTRY', 10, 'MKT', 'T', :key, 'SUBMITTED')""")
                    .bind("id", intent)
                    .bind("key", "run-" + intent)
                    .execute());
            OrderStore.of(j).upsert(o, null);
        }
        if (prelude > 0) {
            BrokerTotals t = prelude == 1
                    ? new BrokerTotals(10, 4, new BigDecimal("288000"), 6, 0, 0)
                    : new BrokerTotals(10, 5, new BigDecimal("360000"), 0, 5, 0);
            ones.applySnapshot(o.key(), t, true);
            runs.applySnapshot(o.key(), t, true);
        }
        return o;
    }

    /** Distinct executions summing to the order's 10, plus up to 3 replayed receipts, shuffled. */
    private static List<N> notices(Random rnd, String conn) {
        List<N> distinct = new ArrayList<>();
        long total = 0;
        int frame = 0;
        while (total < 10) {
            long q = Math.min(10 - total, 1 + rnd.nextInt(3));
            distinct.add(new N(new NoticeReceipt(conn, ++frame, 0), q, PRICES[rnd.nextInt(2)]));
            total += q;
        }
        List<N> seq = new ArrayList<>(distinct);
        int dups = rnd.nextInt(4);
        for (int i = 0; i < dups; i++) {
            seq.add(distinct.get(rnd.nextInt(distinct.size())));
        }
        // duplicated frames: the same execution under a new receipt (held once past the quantity)
        int frames = rnd.nextInt(3);
        for (int i = 0; i < frames; i++) {
            N d = distinct.get(rnd.nextInt(distinct.size()));
            seq.add(new N(new NoticeReceipt(conn, ++frame, 0), d.qty(), d.price()));
        }
        Collections.shuffle(seq, rnd);
        return seq;
    }

    private static List<FillApplier.Notice> chunk(List<N> ns) {
        return ns.stream()
                .map(n -> new FillApplier.Notice(n.receipt(), Samples.T0, n.qty(), n.price(), json(n)))
                .toList();
    }

    @Test
    void anUnknownOrderWritesNothing() {
        FillApplier runs = new FillApplier(new OrderTx(Samples.jdbi(run)), new MutableClock(Samples.T0));
        boolean known = runs.applyNotices(
                Samples.nextKey(),
                List.of(new FillApplier.Notice(new NoticeReceipt("u", 1, 0), Samples.T0, 1, PRICES[0], null)));
        assertThat(known).isFalse();
    }

    private static String json(N n) {
        return "{\"CNTG_QTY\":\"" + n.qty() + "\",\"frame\":" + n.receipt().frameIndex() + "}";
    }

    /** Every row of the tables a notice writes, in row order per order (per aggregate for the outbox), without the serial, xid and database-stamped creation columns. */
    private static List<String> dump(Jdbi j) {
        return j.withHandle(h -> List.of(
                String.join(
                        "\n",
                        h.createQuery(
                                        "SELECT (to_jsonb(f) - 'row_no' - 'created_ts')::text FROM trade.fills f ORDER BY order_id, row_no")
                                .mapTo(String.class)
                                .list()),
                String.join(
                        "\n",
                        h.createQuery("SELECT (to_jsonb(o) - 'created_ts')::text FROM trade.orders o ORDER BY order_id")
                                .mapTo(String.class)
                                .list()),
                String.join(
                        "\n",
                        h.createQuery(
                                        "SELECT (to_jsonb(x) - 'id' - 'xid')::text FROM trade.outbox x ORDER BY aggregate_id, id")
                                .mapTo(String.class)
                                .list()),
                String.join(
                        "\n",
                        h.createQuery(
                                        "SELECT (to_jsonb(i) - 'created_ts')::text FROM trade.order_intents i ORDER BY intent_id")
                                .mapTo(String.class)
                                .list()),
                String.join(
                        "\n",
                        h.createQuery("SELECT to_jsonb(i)::text FROM trade.intent_outcomes i ORDER BY intent_id")
                                .mapTo(String.class)
                                .list()),
                String.join(
                        "\n",
                        h.createQuery(
                                        "SELECT (to_jsonb(x) - 'id')::text FROM trade.held_notices x ORDER BY order_id, receipt")
                                .mapTo(String.class)
                                .list())));
    }
}
