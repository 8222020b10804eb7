package io.execctl.store;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderStatus;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stores used the way the engine will: claim an intent, record the accepted order, apply WS
 * fills through {@link FillApplier} (one receipt applied twice) under the order's lock with their
 * outbox events, and end with the intent FILLED — while a listener hears each committed event
 * exactly once.
 */
class FillPathScenarioTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
    }

    @Test
    void intentToFilledOrderWithEventsAndNoDoubleCounting() throws Exception {
        UUID intentId = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type, limit_price,
                    reason_code, action_key) VALUES (?, gen_random_uuid(), '005930', 'ENTRY', 10, 'LMT', 72000, 'R', 'scn')""", intentId));
        List<String> events = new CopyOnWriteArrayList<>();
        NotificationListener.Handler handler = new NotificationListener.Handler() {
            @Override
            public void onNotification(String channel, String payload) {
                events.add(payload);
            }

            @Override
            public void onGap() {}
        };
        try (NotificationListener listener = new NotificationListener(
                DB.dataSource(), Set.of(OutboxEvent.CHANNEL), handler, NotificationListener.Options.defaults())) {
            listener.start();
            assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();

            // 1. Claim: lock the NEW intent, journal it, mark it SENDING, in one transaction.
            Instant t = Samples.T0;
            Incarnation daemon = Incarnation.start();
            Intent claimed = StoreTx.inTransaction(jdbi, tx -> {
                Intent i = tx.intents().lockNew(1).get(0);
                assertThat(tx.submissions().claim(i.intentId(), daemon, "{}", JournalPolicy.defaults()))
                        .isPresent();
                tx.intents().updateStatus(i.intentId(), IntentStatus.SENDING, t);
                return i;
            });
            assertThat(claimed.intentId()).isEqualTo(intentId);
            SubmissionStore journal = SubmissionStore.of(jdbi);
            SendPermit permit = journal.beginSend(intentId, daemon, JournalPolicy.defaults())
                    .orElseThrow();

            // 2. Accepted: order row, journal, intent and event together.
            Order order = Samples.submitted(Samples.nextKey(), intentId);
            OrderTx orderTx = new OrderTx(jdbi);
            orderTx.useOrderTransaction(order.key(), tx -> {
                tx.orders().upsert(order, "{\"ODNO\": \"" + order.key().odno() + "\"}");
                tx.submissions().markAccepted(permit, order.orderId(), "{}");
                tx.intents().updateStatus(intentId, IntentStatus.SUBMITTED, t);
                tx.outbox().append(OutboxEvent.of(OutboxEvent.ORDER_STATUS, order.orderId(), null, "{}", t));
            });

            // 3. WS fills 4 + 6; the first notice's receipt is applied again (a retry after a crash).
            FillApplier applier = new FillApplier(orderTx, Clock.fixed(t.plusSeconds(3), ZoneOffset.UTC));
            NoticeReceipt first = new NoticeReceipt("conn-1", 3, 0);
            applier.applyNotice(order.key(), first, t.plusSeconds(1), 4, new BigDecimal("72000"), null);
            FillApplier.Applied replay =
                    applier.applyNotice(order.key(), first, t.plusSeconds(1), 4, new BigDecimal("72000"), null);
            assertThat(replay.inserted()).isEmpty();
            applier.applyNotice(
                    order.key(), new NoticeReceipt("conn-1", 4, 0), t.plusSeconds(2), 6, new BigDecimal("71900"), null);

            Order done = OrderStore.of(jdbi).find(order.orderId()).orElseThrow();
            assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(done.filledQty()).isEqualTo(10);
            assertThat(done.openQty()).isZero();
            assertThat(done.avgFillPrice()).isEqualByComparingTo("71940");
            assertThat(IntentStore.of(jdbi).find(intentId).orElseThrow().status())
                    .isEqualTo("FILLED");
            assertThat(FillStore.of(jdbi).listLive(order.orderId())).hasSize(2);

            List<OutboxEvent> outbox = OutboxStore.of(jdbi).findAfter(0, 100);
            assertThat(outbox)
                    .extracting(OutboxEvent::eventType)
                    .containsExactly(
                            OutboxEvent.INTENT_STATUS, // the claim: SENDING
                            OutboxEvent.ORDER_STATUS,
                            OutboxEvent.FILL,
                            OutboxEvent.ORDER_STATUS,
                            OutboxEvent.FILL,
                            OutboxEvent.ORDER_STATUS,
                            OutboxEvent.INTENT_STATUS); // the fill path: FILLED
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 7);
            assertThat(events)
                    .containsExactlyElementsOf(
                            outbox.stream().map(e -> Long.toString(e.id())).toList());
        }
    }
}
