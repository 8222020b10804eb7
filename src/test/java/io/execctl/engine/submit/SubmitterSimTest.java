package io.execctl.engine.submit;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.FillApplier;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderTx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tier: submission passes against the strict simulator (real mode) and PostgreSQL; what
 * reached the broker is read from the simulator's ledger.
 */
class SubmitterSimTest {
    @TempDir
    Path dir;

    SubmitFixture f;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Map<UUID, SubmitResult> byIntent(List<SubmitResult> results) {
        return results.stream().collect(Collectors.toMap(SubmitResult::intentId, Function.identity()));
    }

    @Test
    void everyIntentTypeAndOrderTypeBecomesExactlyOneBrokerOrder() {
        f.holdAtBroker("005930", 100);
        UUID pos = f.position("005930", 100, "OPEN");
        UUID entryMkt = f.intent(null, "005930", "ENTRY", 3, "MKT", null);
        UUID entryLmt = f.intent(pos, "005930", "ENTRY", 4, "LMT", "71000");
        UUID partialMkt = f.intent(pos, "005930", "EXIT_PARTIAL", 5, "MKT", null);
        UUID partialLmt = f.intent(pos, "005930", "EXIT_PARTIAL", 6, "LMT", "73000");
        UUID fullMkt = f.intent(pos, "005930", "EXIT_FULL", 7, "MKT", null);
        UUID fullLmt = f.intent(pos, "005930", "EXIT_FULL", 8, "LMT", "74000");

        Map<UUID, SubmitResult> r = byIntent(f.submitter().runPass(100, false));

        assertThat(r).hasSize(6);
        assertThat(r.values()).allSatisfy(x -> assertThat(x.outcome()).isEqualTo(SubmitOutcome.SUBMITTED));
        record Expect(UUID id, Side side, long qty, String ordDvsn, long price) {}
        List<Expect> expected = List.of(
                new Expect(entryMkt, Side.BUY, 3, "01", 0),
                new Expect(entryLmt, Side.BUY, 4, "00", 71000),
                new Expect(partialMkt, Side.SELL, 5, "01", 0),
                new Expect(partialLmt, Side.SELL, 6, "00", 73000),
                new Expect(fullMkt, Side.SELL, 7, "01", 0),
                new Expect(fullLmt, Side.SELL, 8, "00", 74000));
        for (Expect e : expected) {
            List<OrderRecord> broker = f.brokerOrders(e.side(), e.qty());
            assertThat(broker).as("broker orders of %s", e).hasSize(1);
            OrderRecord o = broker.get(0);
            assertThat(o.ordDvsn()).isEqualTo(e.ordDvsn());
            assertThat(o.price()).isEqualTo(e.price());
            assertThat(f.intentStatus(e.id())).isEqualTo("SUBMITTED");
            assertThat(f.journalState(e.id())).isEqualTo("ACCEPTED");
            String orderId = r.get(e.id()).orderId();
            assertThat(orderId).contains("-" + o.odno() + "-");
            var row = f.jdbi.withHandle(
                    h -> h.createQuery("""
                            SELECT intent_id, position_id, status, source, side, qty, branch_no, kis_order_no, raw IS NOT NULL AS has_raw
                              FROM trade.orders WHERE order_id = :id""").bind("id", orderId).mapToMap().one());
            assertThat(row.get("intent_id")).isEqualTo(e.id());
            assertThat(row.get("status")).isEqualTo("SUBMITTED");
            assertThat(row.get("source")).isEqualTo("INTENT");
            assertThat(row.get("side")).isEqualTo(e.side().name());
            assertThat(row.get("kis_order_no")).isEqualTo(o.odno());
            assertThat(row.get("has_raw")).isEqualTo(true);
        }
        // positions carried into the order rows, two events per intent (claimed SENDING, then SUBMITTED)
        assertThat(f.count("SELECT count(*) FROM trade.orders WHERE position_id = :p AND intent_id IS NOT NULL", pos))
                .isEqualTo(5);
        assertThat(f.count(
                        "SELECT count(*) FROM trade.outbox WHERE event_type = 'INTENT_STATUS' AND CAST(:p AS uuid) IS NULL",
                        null))
                .isEqualTo(12);
        // 1 order to get stock + 6 intents, and a second pass sends nothing
        assertThat(f.brokerOrders()).hasSize(7);
        assertThat(f.submitter().runPass(100, false)).isEmpty();
        assertThat(f.brokerOrders()).hasSize(7);
    }

    @Test
    void invalidIntentsAreRejectedWithAReasonAndNothingIsSent() {
        UUID closed = f.position("005930", 10, "CLOSED");
        UUID other = f.position("000660", 10, "OPEN");
        Map<UUID, String> expected = Map.of(
                f.intent(null, "005930", "ENTRY", 0, "MKT", null), "BAD_QTY",
                f.intent(null, "005930", "ENTRY", 2, "LMT", null), "MISSING_PRICE",
                f.intent(null, "005930", "ENTRY", 2, "LMT", "71050"), "OFF_TICK",
                f.intent(null, "005930", "ENTRY", 2, "MKT", "72000"), "PRICE_ON_MARKET",
                f.intent(null, "5930", "ENTRY", 2, "MKT", null), "BAD_SYMBOL",
                f.intent(null, "005930", "BUY", 2, "MKT", null), "BAD_INTENT_TYPE",
                f.intent(null, "005930", "EXIT_FULL", 2, "MKT", null), "NO_POSITION",
                f.intent(UUID.randomUUID(), "005930", "EXIT_FULL", 2, "MKT", null), "UNKNOWN_POSITION",
                f.intent(closed, "005930", "EXIT_PARTIAL", 2, "MKT", null), "POSITION_NOT_OPEN",
                f.intent(other, "005930", "EXIT_PARTIAL", 2, "MKT", null), "POSITION_SYMBOL");

        List<SubmitResult> results = f.submitter().runPass(100, false);

        assertThat(results).hasSize(expected.size());
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.REJECTED));
        expected.forEach((id, code) -> {
            assertThat(f.intentStatus(id)).as("status of %s", code).isEqualTo("REJECTED");
            assertThat(f.outcomeReason(id)).isEqualTo(code);
            assertThat(f.journalState(id)).isEqualTo("REJECTED");
        });
        assertThat(f.brokerOrders()).isEmpty();
    }

    @Test
    void anExitBeyondWhatThePositionHasLeftIsRefused() {
        f.holdAtBroker("005930", 10);
        UUID pos = f.position("005930", 10, "OPEN");
        UUID first = f.intent(pos, "005930", "EXIT_PARTIAL", 6, "LMT", "73000");
        UUID second = f.intent(pos, "005930", "EXIT_PARTIAL", 5, "LMT", "73000");
        UUID third = f.intent(pos, "005930", "EXIT_FULL", 4, "LMT", "73000");

        Map<UUID, SubmitResult> r = byIntent(f.submitter().runPass(100, false));

        assertThat(r.get(first).outcome()).isEqualTo(SubmitOutcome.SUBMITTED);
        assertThat(r.get(second).outcome()).isEqualTo(SubmitOutcome.REJECTED);
        assertThat(r.get(second).reason()).startsWith("OVERSELL");
        assertThat(f.outcomeReason(second)).isEqualTo("OVERSELL");
        assertThat(r.get(third).outcome()).as("6 open + 4 = 10 fits").isEqualTo(SubmitOutcome.SUBMITTED);
        assertThat(f.brokerOrders(Side.SELL, 5)).isEmpty();
        assertThat(f.brokerOrders(Side.SELL, 6)).hasSize(1);
        assertThat(f.brokerOrders(Side.SELL, 4)).hasSize(1);
    }

    @Test
    void anUnknownOutcomeLeavesTheIntentUnknownWithOneBrokerOrderAndIsNeverResent() {
        f.client.balance(); // the token first, so only the order meets the fault
        f.faults("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":3000}");
        UUID id = f.intent(null, "005930", "ENTRY", 2, "LMT", "71000");

        List<SubmitResult> first = f.submitter().runPass(100, false);

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(SubmitOutcome.UNKNOWN);
            assertThat(r.outcome().isUnresolved()).isTrue();
        });
        assertThat(f.intentStatus(id)).isEqualTo("UNKNOWN");
        assertThat(f.journalState(id)).isEqualTo("UNKNOWN");
        assertThat(f.outcomeReason(id)).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(f.alerts.count("SUBMIT_UNKNOWN")).isEqualTo(1);
        assertThat(f.brokerOrders(Side.BUY, 2)).hasSize(1);

        f.faults("{}");
        assertThat(f.submitter().runPass(100, false)).isEmpty();
        assertThat(f.submitter().submitOne(id, false).outcome()).isEqualTo(SubmitOutcome.SKIPPED);
        assertThat(f.intentStatus(id)).isEqualTo("UNKNOWN");
        assertThat(f.brokerOrders(Side.BUY, 2)).hasSize(1);
    }

    @Test
    void twoSubmittersOnTheSameIntentsSendEachExactlyOnceAndNeverOversell() throws Exception {
        f.holdAtBroker("000660", 10);
        UUID pos = f.position("000660", 10, "OPEN");
        List<UUID> entries = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            entries.add(f.intent(null, "005930", "ENTRY", i, "LMT", "71000"));
        }
        List<UUID> exits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            exits.add(f.intent(pos, "000660", "EXIT_PARTIAL", 4, "LMT", "190000"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<SubmitResult>>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Submitter s = f.submitter(Incarnation.start());
                Callable<List<SubmitResult>> pass = () -> {
                    start.await();
                    return s.runPass(100, false);
                };
                runs.add(pool.submit(pass));
            }
            start.countDown();
            List<SubmitResult> all = new ArrayList<>();
            for (Future<List<SubmitResult>> run : runs) {
                all.addAll(run.get(60, TimeUnit.SECONDS));
            }
            // exits of the same shape never fly at once: one that met another in flight WAITED (stayed NEW)
            // and is sent by the next pass
            all.addAll(f.submitter().runPass(100, false));
            assertThat(all).noneMatch(r -> r.outcome() == SubmitOutcome.WAITING && !exits.contains(r.intentId()));
            for (UUID id : entries) {
                assertThat(all.stream().filter(r -> r.intentId().equals(id) && r.outcome() == SubmitOutcome.SUBMITTED))
                        .hasSize(1);
                assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
            }
            for (int i = 1; i <= 12; i++) {
                assertThat(f.brokerOrders("005930", Side.BUY, i))
                        .as("buy orders of qty %d", i)
                        .hasSize(1);
            }
            long submittedExits = exits.stream()
                    .filter(id -> f.intentStatus(id).equals("SUBMITTED"))
                    .count();
            long oversold = exits.stream()
                    .filter(id -> f.intentStatus(id).equals("REJECTED"))
                    .peek(id -> assertThat(f.outcomeReason(id)).isEqualTo("OVERSELL"))
                    .count();
            assertThat(submittedExits).as("10 shares hold two exits of 4").isEqualTo(2);
            assertThat(oversold).isEqualTo(2);
            assertThat(f.brokerOrders(Side.SELL, 4)).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharesAFillSoldAreNotSoldAgainBeforeTheStrategyUpdatesThePosition() {
        f.holdAtBroker("005930", 20); // the account holds more than this position: KIS would accept a double sale
        UUID pos = f.position("005930", 10, "OPEN");
        UUID first = f.intent(pos, "005930", "EXIT_FULL", 10, "LMT", "73000");
        assertThat(f.submitter().runPass(100, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        OrderKey key = f.jdbi.withHandle(h -> h.createQuery(
                        "SELECT account_id, order_date, kis_order_no FROM trade.orders WHERE intent_id = :i")
                .bind("i", first)
                .map((rs, ctx) -> OrderKey.of(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .one());
        // The sell fills completely; the strategy has not applied the fill to its position yet.
        new FillApplier(new OrderTx(f.jdbi), Clock.systemUTC())
                .applyNotice(key, new NoticeReceipt("test", 1, 0), Instant.now(), 10, new BigDecimal("73000"), "{}");

        UUID second = f.intent(pos, "005930", "EXIT_FULL", 10, "LMT", "73000");
        Map<UUID, SubmitResult> r = byIntent(f.submitter().runPass(100, false));

        assertThat(r.get(second).outcome()).isEqualTo(SubmitOutcome.REJECTED);
        assertThat(f.outcomeReason(second)).isEqualTo("OVERSELL");
        assertThat(f.brokerOrders(Side.SELL, 10)).hasSize(1);
    }
}
