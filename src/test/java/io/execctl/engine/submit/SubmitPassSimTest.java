package io.execctl.engine.submit;

import io.execctl.domain.Intent;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Side;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The submit pass against the strict simulator and PostgreSQL: symbols go in parallel while one
 * symbol keeps its order; an expired claim of another owner is taken over and sent once, a live one
 * is left alone.
 */
class SubmitPassSimTest {
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

    @Test
    void symbolsGoInParallelAndOneSymbolKeepsItsOrder() {
        List<String> symbols = List.of("005930", "000660", "035420", "051910");
        CountDownLatch allSymbolsInFlight = new CountDownLatch(symbols.size());
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, Boolean> firstSeen = new ConcurrentHashMap<>();
        AtomicInteger sameSymbolOverlap = new AtomicInteger();
        AtomicInteger sawAllAtOnce = new AtomicInteger();
        OrderPort port = (req, fence) -> {
            AtomicInteger n = inFlight.computeIfAbsent(req.symbol(), s -> new AtomicInteger());
            if (n.incrementAndGet() > 1) {
                sameSymbolOverlap.incrementAndGet();
            }
            try {
                if (firstSeen.putIfAbsent(req.symbol(), true) == null) {
                    // The first order of each symbol waits until every symbol has one in flight:
                    // that happens only if lanes run in parallel.
                    allSymbolsInFlight.countDown();
                    if (allSymbolsInFlight.await(5, TimeUnit.SECONDS)) {
                        sawAllAtOnce.incrementAndGet();
                    }
                }
                return f.client.placeCashOrder(req, fence);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                n.decrementAndGet();
            }
        };
        Submitter s = new Submitter(
                f.jdbi,
                port,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                JournalPolicy.defaults(),
                Clock.systemUTC(),
                f.alerts);
        Map<String, List<Long>> qtyOrder = new ConcurrentHashMap<>();
        for (int round = 1; round <= 3; round++) {
            for (String sym : symbols) {
                long qty = round * 10L + symbols.indexOf(sym);
                f.intent(null, sym, "ENTRY", qty, "MKT", null);
                qtyOrder.computeIfAbsent(sym, k -> new ArrayList<>()).add(qty);
            }
        }

        List<SubmitResult> results;
        try (SubmitPass pass = new SubmitPass(s, symbols.size())) {
            results = pass.runForResults();
        }

        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.SUBMITTED));
        assertThat(sawAllAtOnce.get())
                .as("every symbol had an order in flight at once")
                .isEqualTo(symbols.size());
        assertThat(sameSymbolOverlap.get())
                .as("two orders of one symbol in flight at once")
                .isZero();
        for (String sym : symbols) {
            List<Long> sent = f.brokerOrders().stream()
                    .filter(o -> o.symbol().equals(sym))
                    .sorted(Comparator.comparing(OrderRecord::odno))
                    .map(OrderRecord::qty)
                    .toList();
            assertThat(sent).as("broker order of %s's intents", sym).isEqualTo(qtyOrder.get(sym));
        }
    }

    @Test
    void anExpiredClaimOfAnotherOwnerIsTakenOverAndSentOnce() {
        UUID id = f.intent(null, "005930", "ENTRY", 5, "LMT", "71000");
        Intent intent = IntentStore.of(f.jdbi).find(id).orElseThrow();
        Incarnation gone = Incarnation.start();
        Claim c = new ClaimStep(f.jdbi, gone, JournalPolicy.defaults(), new OutcomeWriter(Clock.systemUTC()))
                .claim(intent, false);
        assertThat(c).isInstanceOf(Claim.Ready.class);
        // The other process died after its claim; its lease ends.
        f.jdbi.useHandle(h -> h.execute(
                "UPDATE trade.submissions SET send_deadline = now() - interval '1 second' WHERE intent_id = ?", id));

        List<SubmitResult> results;
        try (SubmitPass pass = new SubmitPass(f.submitter(), 2)) {
            results = pass.runForResults();
            assertThat(pass.runForResults()).isEmpty();
        }

        assertThat(results).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        assertThat(f.intentStatus(id)).isEqualTo("SUBMITTED");
        assertThat(f.brokerOrders(Side.BUY, 5)).hasSize(1);
    }

    @Test
    void aClaimWhoseLeaseHasNotEndedIsLeftAlone() {
        UUID id = f.intent(null, "005930", "ENTRY", 5, "MKT", null);
        Intent intent = IntentStore.of(f.jdbi).find(id).orElseThrow();
        new ClaimStep(f.jdbi, Incarnation.start(), JournalPolicy.defaults(), new OutcomeWriter(Clock.systemUTC()))
                .claim(intent, false);

        try (SubmitPass pass = new SubmitPass(f.submitter(), 2)) {
            assertThat(pass.runForResults()).isEmpty();
        }

        assertThat(f.intentStatus(id)).isEqualTo("SENDING");
        assertThat(f.journalState(id)).isEqualTo("CLAIMED");
        assertThat(f.brokerOrders()).isEmpty();
    }

    @Test
    void anExpiredClaimOfOurOwnThatNoLaneHoldsIsSentOnce() {
        // Our own claim whose send never started (say the database failed between claim and send).
        UUID id = f.intent(null, "005930", "ENTRY", 6, "MKT", null);
        Intent intent = IntentStore.of(f.jdbi).find(id).orElseThrow();
        Incarnation me = Incarnation.start();
        new ClaimStep(f.jdbi, me, JournalPolicy.defaults(), new OutcomeWriter(Clock.systemUTC())).claim(intent, false);
        f.jdbi.useHandle(h -> h.execute(
                "UPDATE trade.submissions SET send_deadline = now() - interval '1 second' WHERE intent_id = ?", id));

        try (SubmitPass pass = new SubmitPass(f.submitter(me), 2)) {
            assertThat(pass.runForResults()).singleElement().satisfies(r -> assertThat(r.outcome())
                    .isEqualTo(SubmitOutcome.SUBMITTED));
            assertThat(pass.runForResults()).isEmpty();
        }

        assertThat(f.brokerOrders(Side.BUY, 6)).hasSize(1);
    }
}
