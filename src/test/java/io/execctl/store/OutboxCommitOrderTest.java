package io.execctl.store;

import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbox ids are taken before commit, so events commit out of id order. A consumer following the
 * outbox with {@link OutboxStore#readAfter} must see every committed event exactly once, whatever
 * the commit order. (The xmin horizon is cluster-wide: an open transaction of another test on the
 * same server only delays delivery, hence the generous waits.)
 */
class OutboxCommitOrderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
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

    private static long append(Handle h, String aggregate) {
        return OutboxStore.on(h)
                .append(OutboxEvent.of(OutboxEvent.FILL, aggregate, null, "{}", Samples.T0))
                .id();
    }

    @Test
    void anEventWhoseTransactionCommitsAfterAHigherIdIsNotSkipped() {
        OutboxStore outbox = OutboxStore.of(jdbi);
        OutboxCursor start = drain(outbox, OutboxCursor.START, new ArrayList<>());
        try (Handle slow = jdbi.open();
                Handle fast = jdbi.open()) {
            slow.begin();
            long low = append(slow, "slow");
            fast.begin();
            long high = append(fast, "fast");
            assertThat(high).isGreaterThan(low);
            fast.commit();

            // The id-ordered view already shows the higher id: a consumer keeping "last id seen"
            // would move past `low` here and never read it.
            assertThat(outbox.findAfter(start.id(), 10))
                    .extracting(OutboxEvent::id)
                    .containsExactly(high);
            OutboxBatch early = outbox.readAfter(start, 10);
            assertThat(early.events()).isEmpty();
            assertThat(early.heldBack()).isTrue();
            assertThat(early.next()).isEqualTo(start);

            slow.commit();
            Follower follower = new Follower(outbox, early.next());
            await().atMost(PATIENCE).untilAsserted(() -> {
                follower.drain();
                assertThat(follower.seen).extracting(OutboxEvent::id).containsExactlyInAnyOrder(low, high);
            });
        }
    }

    @Test
    void randomInterleavingsOfWritersNeverLoseOrRepeatAnEvent() {
        OutboxStore outbox = OutboxStore.of(jdbi);
        Follower follower = new Follower(outbox, drain(outbox, OutboxCursor.START, new ArrayList<>()));
        Random random = new Random(20260113L);
        List<Handle> writers = new ArrayList<>();
        List<List<Long>> pending = new ArrayList<>();
        Set<Long> committed = new HashSet<>();
        try {
            for (int i = 0; i < 4; i++) {
                writers.add(jdbi.open());
                pending.add(new ArrayList<>());
            }
            for (int step = 0; step < 400; step++) {
                int w = random.nextInt(writers.size());
                Handle h = writers.get(w);
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> {
                        if (!h.isInTransaction()) {
                            h.begin();
                        }
                        pending.get(w).add(append(h, "w" + w));
                    }
                    case 3 -> {
                        if (h.isInTransaction()) {
                            h.commit();
                            committed.addAll(pending.get(w));
                            pending.get(w).clear();
                        }
                    }
                    case 4 -> {
                        if (h.isInTransaction() && random.nextInt(4) == 0) {
                            h.rollback();
                            pending.get(w).clear();
                        }
                    }
                    default -> follower.drain();
                }
            }
            for (int w = 0; w < writers.size(); w++) {
                if (writers.get(w).isInTransaction()) {
                    writers.get(w).commit();
                    committed.addAll(pending.get(w));
                }
            }
        } finally {
            writers.forEach(Handle::close);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            follower.drain();
            assertThat(follower.seen).extracting(OutboxEvent::id).containsExactlyInAnyOrderElementsOf(committed);
        });
        assertThat(committed).hasSizeGreaterThan(50);
    }

    @Test
    void cursorsRoundTripAndOrderByTransactionFirst() {
        OutboxCursor c = new OutboxCursor(812, 7);
        assertThat(OutboxCursor.parse(c.toString())).isEqualTo(c);
        assertThat(new OutboxCursor(811, 9)).isLessThan(c);
        assertThat(new OutboxCursor(812, 8)).isGreaterThan(c);
    }

    /** A consumer: its cursor and what it has handled. */
    private static final class Follower {
        final OutboxStore outbox;
        final List<OutboxEvent> seen = new ArrayList<>();
        OutboxCursor cursor;

        Follower(OutboxStore outbox, OutboxCursor cursor) {
            this.outbox = outbox;
            this.cursor = cursor;
        }

        void drain() {
            cursor = OutboxCommitOrderTest.drain(outbox, cursor, seen);
        }
    }

    /**
     * Reads everything currently deliverable from {@code cursor} into {@code seen}, checking that
     * nothing is delivered twice and that cursors only move forward; returns the new cursor.
     */
    private static OutboxCursor drain(OutboxStore outbox, OutboxCursor cursor, List<OutboxEvent> seen) {
        OutboxCursor at = cursor;
        while (true) {
            OutboxBatch b = outbox.readAfter(at, 7);
            for (OutboxBatch.Item item : b.items()) {
                assertThat(item.cursor()).isGreaterThan(at);
                assertThat(seen)
                        .extracting(OutboxEvent::id)
                        .doesNotContain(item.event().id());
                seen.add(item.event());
                at = item.cursor();
            }
            if (b.isEmpty()) {
                return at;
            }
        }
    }
}
