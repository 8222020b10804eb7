package io.execctl.store;

import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FillDeficitStore#startAll} and {@link FillDeficitStore#clearAll} (a page's deficit timers in
 * one statement each) keep the one-by-one rule: a timer for the same proof keeps its start — the lag
 * window is never restarted by seeing the same deficit again —, a different proof restarts it, and a
 * clear drops only the keys it names.
 */
class FillDeficitBatchTest {
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** A timer belongs to a stored order (foreign key). */
    private static OrderKey stored(Jdbi j) {
        Order o = Samples.external(Samples.nextKey());
        OrderStore.of(j).upsert(o, null);
        return o.key();
    }

    @Test
    void aBatchStartsKeepsRestartsAndClearsAsOneByOne() {
        Jdbi j = Samples.jdbi(db);
        FillDeficitStore store = FillDeficitStore.of(j);
        OrderKey same = stored(j);
        OrderKey moved = stored(j);
        OrderKey fresh = stored(j);
        OrderKey kept = stored(j);
        Instant t0 = Samples.T0;
        Instant t1 = t0.plus(Duration.ofSeconds(40));
        store.start(same, 3, t0);
        store.start(moved, 3, t0);
        store.start(kept, 2, t0);

        Map<OrderKey, Long> page = new LinkedHashMap<>();
        page.put(same, 3L);
        page.put(moved, 5L);
        page.put(fresh, 1L);
        store.startAll(page, t1);

        assertThat(store.find(same)).contains(new FillDeficitStore.Timer(3, t0)); // the window runs on
        assertThat(store.find(moved)).contains(new FillDeficitStore.Timer(5, t1)); // a larger proof restarts it
        assertThat(store.find(fresh)).contains(new FillDeficitStore.Timer(1, t1));
        assertThat(store.find(kept)).contains(new FillDeficitStore.Timer(2, t0));

        store.clearAll(List.of(same, fresh, Samples.nextKey()));
        assertThat(store.find(same)).isEmpty();
        assertThat(store.find(fresh)).isEmpty();
        assertThat(store.find(moved)).isPresent();
        assertThat(store.find(kept)).isPresent();

        store.startAll(Map.of(), t1); // nothing to do: no statement, no error
        store.clearAll(List.of());
        assertThat(store.forDate(Samples.ACCOUNT, Samples.DAY)).containsKeys(moved.odno(), kept.odno());
    }
}
