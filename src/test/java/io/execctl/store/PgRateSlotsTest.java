package io.execctl.store;

import io.execctl.kis.port.RateSlots;
import io.execctl.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared send-slot row: spacing across connections ("processes"), refusal, staleness, recovery. */
class PgRateSlotsTest {
    private static final long INTERVAL = 50_000; // 20/s
    private static final long STALE = 64 * INTERVAL + 1_000_000;
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
    void slotsTakenByManyConnectionsAtOnceAreAllOneIntervalApart() throws Exception {
        int processes = 4;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            futures.add(pool.submit(() -> {
                try (PgRateSlots slots = new PgRateSlots(jdbi)) {
                    go.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        RateSlots.Grant g = slots.take("real", "spacing", INTERVAL, 60_000_000L, STALE);
                        assertThat(g.granted()).isTrue();
                        mine.add(g.slot());
                    }
                    return mine;
                }
            }));
        }
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();
        Collections.sort(all);
        assertThat(all).hasSize(processes * each).doesNotHaveDuplicates();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i) - all.get(i - 1)).as("gap before slot %d", i).isGreaterThanOrEqualTo(INTERVAL);
        }
        long rows = jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM trade.kis_rate_budget WHERE app_key_fp = 'spacing'")
                        .mapTo(Long.class)
                        .one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aSlotTooFarAheadIsRefusedAndNothingChanges() {
        try (PgRateSlots slots = new PgRateSlots(jdbi)) {
            RateSlots.Grant first = slots.take("real", "refuse", 1_000_000, 0, STALE * 20);
            assertThat(first.granted()).isTrue();
            assertThat(first.waitMicros()).isZero();
            RateSlots.Grant refused = slots.take("real", "refuse", 1_000_000, 100_000, STALE * 20);
            assertThat(refused.granted()).isFalse();
            assertThat(refused.slot()).isEqualTo(first.slot() + 1_000_000);
            RateSlots.Grant again = slots.take("real", "refuse", 1_000_000, 2_000_000, STALE * 20);
            assertThat(again.granted()).isTrue();
            assertThat(again.slot()).as("the refusal moved nothing").isEqualTo(first.slot() + 1_000_000);
        }
    }

    @Test
    void keysAndEnvironmentsHaveTheirOwnCursor() {
        try (PgRateSlots slots = new PgRateSlots(jdbi)) {
            assertThat(slots.take("real", "k1", 1_000_000, 0, STALE).granted()).isTrue();
            assertThat(slots.take("paper", "k1", 1_000_000, 0, STALE).granted()).isTrue();
            assertThat(slots.take("real", "k2", 1_000_000, 0, STALE).granted()).isTrue();
            assertThat(slots.take("real", "k1", 1_000_000, 0, STALE).granted()).isFalse();
        }
    }

    @Test
    void aStaleCursorFarInTheFutureIsReset() {
        jdbi.useHandle(h -> h.execute("INSERT INTO trade.kis_rate_budget (env, app_key_fp, next_slot)"
                + " VALUES ('real', 'stale', now() + interval '1 day')"));
        try (PgRateSlots slots = new PgRateSlots(jdbi)) {
            RateSlots.Grant g = slots.take("real", "stale", INTERVAL, 0, STALE);
            assertThat(g.granted()).isTrue();
            assertThat(g.waitMicros()).isZero();
        }
    }

    @Test
    void aLostConnectionFailsOneCallAndTheNextOneReconnects() {
        try (PgRateSlots slots = new PgRateSlots(jdbi)) {
            assertThat(slots.take("real", "reconnect", INTERVAL, 60_000_000L, STALE)
                            .granted())
                    .isTrue();
            jdbi.useHandle(h -> h.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"));
            assertThatThrownBy(() -> slots.take("real", "reconnect", INTERVAL, 60_000_000L, STALE))
                    .isInstanceOf(RuntimeException.class);
            assertThat(slots.take("real", "reconnect", INTERVAL, 60_000_000L, STALE)
                            .granted())
                    .isTrue();
        }
    }
}
