package io.execctl.store;

import io.execctl.domain.IntentStatus;
import io.execctl.domain.Order;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Intent outcomes: the reason behind an intent's status, and the view strategies read. */
class IntentOutcomeStoreTest {
    private static TestDatabase db;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void everyIntentStatusCanBeRecorded() {
        IntentOutcomeStore store = IntentOutcomeStore.of(jdbi);
        for (IntentStatus s : IntentStatus.values()) {
            UUID id = UUID.randomUUID();
            assertThat(store.record(new IntentOutcome(id, s, "R", null, null, Samples.T0)))
                    .isTrue();
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(s);
        }
    }

    @Test
    void aLateWriterNeverOverwritesANewerOutcome() {
        IntentOutcomeStore store = IntentOutcomeStore.of(jdbi);
        UUID id = UUID.randomUUID();
        IntentOutcome rejected = new IntentOutcome(
                id, IntentStatus.REJECTED, "BROKER_REJECTED", "APBK0919", "주문가능금액 초과", Samples.T0.plusSeconds(2));
        assertThat(store.record(rejected)).isTrue();
        assertThat(store.record(new IntentOutcome(id, IntentStatus.SENDING, null, null, null, Samples.T0)))
                .isFalse();
        assertThat(store.find(id)).contains(rejected);
        IntentOutcome later = new IntentOutcome(
                id, IntentStatus.FAILED, "OPERATOR", null, null, Samples.T0.plus(Duration.ofMinutes(1)));
        assertThat(store.record(later)).isTrue();
        assertThat(store.find(id)).contains(later);
    }

    @Test
    void theViewJoinsTheIntentsOrder() {
        UUID intentId = UUID.randomUUID();
        Order order = Samples.submitted(Samples.nextKey(), intentId);
        OrderStore.of(jdbi).upsert(order, null);
        IntentOutcomeStore.of(jdbi)
                .record(new IntentOutcome(intentId, IntentStatus.SUBMITTED, null, null, null, Samples.T0));
        String row = jdbi.withHandle(
                h -> h.createQuery("SELECT status || ' ' || order_id || ' ' || order_status || ' ' || open_qty"
                                + " FROM trade.intent_status_v WHERE intent_id = :id")
                        .bind("id", intentId)
                        .mapTo(String.class)
                        .one());
        assertThat(row).isEqualTo("SUBMITTED " + order.orderId() + " SUBMITTED 10");
    }
}
