package io.execctl.store;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.Position;
import io.execctl.testing.DatabaseExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntentAndPositionStoreTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;
    private static IntentStore intents;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
        intents = IntentStore.of(jdbi);
    }

    @BeforeEach
    void clean() {
        jdbi.useHandle(h -> h.execute("DELETE FROM trade.order_intents"));
    }

    /** Inserts an intent as the strategy side would (execctl itself never does). */
    private static UUID strategyInserts(String symbol, Instant created) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type, limit_price,
                    reason_code, action_key, created_ts, updated_ts)
                VALUES (:id, gen_random_uuid(), :s, 'ENTRY', 10, 'LMT', 72000, 'TP1', :key, :ts, :ts)""")
                .bind("id", id)
                .bind("s", symbol)
                .bind("key", "k-" + id)
                .bind("ts", created)
                .execute());
        return id;
    }

    @Test
    void readsNewIntentsOldestFirstWithTheirStoredText() {
        UUID second = strategyInserts("000660", Samples.T0.plusSeconds(1));
        UUID first = strategyInserts("005930", Samples.T0);
        UUID bad = strategyInserts("BAD!", Samples.T0.plusSeconds(2));
        List<Intent> found = intents.findNew(10);
        assertThat(found).extracting(Intent::intentId).containsExactly(first, second, bad);
        Intent i = found.get(0);
        assertThat(i.symbol()).isEqualTo("005930");
        assertThat(i.intentType()).isEqualTo("ENTRY");
        assertThat(i.limitPrice()).isEqualByComparingTo("72000");
        assertThat(i.status()).isEqualTo("NEW");
        assertThat(i.createdTs()).isEqualTo(Samples.T0);
        assertThat(intents.findNew(1)).extracting(Intent::intentId).containsExactly(first);
    }

    @Test
    void oddValuesAStrategyMayWriteStayReadable() {
        UUID nan = UUID.randomUUID();
        UUID inf = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price, reason_code,
                    action_key, created_ts, updated_ts)
                VALUES (?, '005930', 'EXIT_FULL', 3, 'MKT', 'NaN', 'SL', 'nan-key', '2026-01-13T00:00:01Z', 'infinity'),
                       (?, '005930', 'ENTRY', 3, 'LMT', 'Infinity', 'R', 'inf-key', '2026-01-13T00:00:02Z', now())""", nan, inf));
        List<Intent> found = intents.findNew(10);
        assertThat(found).extracting(Intent::intentId).containsExactly(nan, inf);
        // NaN / Infinity mean "no usable price": read as missing, so the mapper decides (MKT ignores it,
        // LMT is rejected for a missing price).
        assertThat(found).extracting(Intent::limitPrice).containsOnlyNulls();
    }

    @Test
    void statusUpdatesTouchOnlyStatusAndUpdatedTs() {
        UUID id = strategyInserts("005930", Samples.T0);
        Intent before = intents.find(id).orElseThrow();
        Instant at = Samples.T0.plusSeconds(9);
        assertThat(intents.updateStatus(id, IntentStatus.SENDING, at)).isTrue();
        assertThat(intents.updateStatus(id, IntentStatus.SENDING, at)).isTrue();
        Intent after = intents.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo("SENDING");
        assertThat(after.updatedTs()).isEqualTo(at);
        assertThat(after)
                .usingRecursiveComparison()
                .ignoringFields("status", "updatedTs")
                .isEqualTo(before);

        assertThat(intents.compareAndSetStatus(id, IntentStatus.NEW, IntentStatus.SUBMITTED, at))
                .isFalse();
        assertThat(intents.compareAndSetStatus(id, IntentStatus.SENDING, IntentStatus.SUBMITTED, at))
                .isTrue();
        assertThat(intents.findNew(10)).isEmpty();
        assertThat(intents.updateStatus(UUID.randomUUID(), IntentStatus.FAILED, at))
                .isFalse();
    }

    @Test
    void twoTransactionsLockDisjointIntents() {
        UUID a = strategyInserts("005930", Samples.T0);
        UUID b = strategyInserts("000660", Samples.T0.plusSeconds(1));
        try (Handle first = jdbi.open();
                Handle second = jdbi.open()) {
            first.begin();
            second.begin();
            List<Intent> one = IntentStore.on(first).lockNew(1);
            List<Intent> two = IntentStore.on(second).lockNew(5);
            assertThat(one).extracting(Intent::intentId).containsExactly(a);
            assertThat(two).extracting(Intent::intentId).containsExactly(b);
            first.rollback();
            second.rollback();
        }
        assertThatThrownBy(() -> intents.lockNew(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void positionsAreReadOnly() {
        UUID open = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status, strategy_id)
                VALUES (?, 'acc-p', '005930', 'LONG', 10, 70500.5, '2026-01-13T00:10:00Z', 'OPEN', 's1'),
                       (?, 'acc-p', '000660', 'LONG', 0, 100000, '2026-01-12T00:10:00Z', 'CLOSED', 's1')""", open, closed));
        PositionStore positions = PositionStore.of(jdbi);
        assertThat(positions.findByAccount("acc-p")).hasSize(2);
        assertThat(positions.findOpen("acc-p")).extracting(Position::positionId).containsExactly(open);
        Position p = positions.find(open).orElseThrow();
        assertThat(p.avgPrice()).isEqualByComparingTo("70500.5");
        assertThat(p.entryTs()).isEqualTo(Instant.parse("2026-01-13T00:10:00Z"));
        assertThat(p.version()).isEqualTo(1);

        jdbi.useHandle(h -> h.execute("""
                INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status)
                VALUES (gen_random_uuid(), 'acc-q', '005930', 'LONG', 1, 'NaN', now(), 'OPEN')"""));
        assertThat(positions.findOpen("acc-q")).singleElement().satisfies(q -> assertThat(q.avgPrice())
                .isNull());
    }
}
