package io.execctl.store;

import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous audit: batches, flush on close, bad rows alone lost, overflow, a dead database,
 * the linger (several frames, one insert) and what ends it.
 */
class AuditWriterTest {
    private static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
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

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.broker_messages"));
    }

    private static BrokerMessage msg(String payload) {
        return BrokerMessage.ok(T, BrokerMessage.Channel.REST, "TTTC8434R", "GET /x", payload, null);
    }

    private List<String> payloads() {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM trade.broker_messages ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    private AuditWriter writer(Jdbi on, int capacity) {
        return new AuditWriter(on, capacity, 200, Duration.ofMillis(50), Duration.ofSeconds(20));
    }

    @Test
    void queuedMessagesAreWrittenInBatchesAndCloseFlushesThem() {
        AuditWriter w = writer(jdbi, 10_000);
        for (int i = 0; i < 450; i++) {
            w.submit(msg("m" + i));
        }
        w.start();
        w.close();
        assertThat(w.written()).isEqualTo(450);
        assertThat(w.batches()).as("200 + 200 + 50").isEqualTo(3);
        assertThat(payloads()).hasSize(450).startsWith("m0", "m1").endsWith("m449");
        assertThat(w.dropped()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesIsLostAloneAndCounted() throws Exception {
        AuditWriter w = writer(jdbi, 10_000);
        for (int i = 0; i < 10; i++) {
            w.submit(msg(i == 4 ? "bad \u0000 byte" : "m" + i));
        }
        w.start();
        assertThat(w.flush(Duration.ofSeconds(20))).isTrue();
        w.close();
        assertThat(w.failed()).isEqualTo(1);
        assertThat(w.written()).isEqualTo(9);
        assertThat(payloads()).hasSize(9).doesNotContain("bad \u0000 byte");
    }

    @Test
    void aFullQueueDropsTheOldestAndNeverBlocks() {
        AuditWriter w = writer(jdbi, 100);
        for (int i = 0; i < 150; i++) {
            w.submit(msg("m" + i));
        }
        assertThat(w.dropped()).isEqualTo(50);
        assertThat(w.queued()).isEqualTo(100);
        w.start();
        w.close();
        assertThat(payloads()).hasSize(100).startsWith("m50").endsWith("m149");
    }

    @Test
    void anUnreachableDatabaseNeitherBlocksNorThrowsAndCloseGivesUp() {
        PGSimpleDataSource dead = new PGSimpleDataSource();
        dead.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        dead.setConnectTimeout(1);
        AuditWriter w = writer(Jdbi.create(dead), 1_000);
        w.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            w.submit(msg("m" + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        w.close();
        assertThat(w.written()).isZero();
        assertThat(w.dropped()).isEqualTo(500);
        w.submit(msg("after close")); // counted, not thrown
        assertThat(w.dropped()).isEqualTo(501);
    }

    private AuditWriter lingering(int batchSize, Duration linger) {
        return new AuditWriter(jdbi, 10_000, batchSize, Duration.ofMillis(50), Duration.ofSeconds(20), linger);
    }

    @Test
    void aLingerGathersMessagesIntoOneInsertAndAFlushEndsIt() throws Exception {
        AuditWriter w = lingering(200, Duration.ofSeconds(60));
        w.start();
        for (int i = 0; i < 5; i++) {
            w.submit(msg("m" + i));
        }
        assertThat(w.written()).as("still lingering (60 s)").isZero();
        assertThat(w.flush(Duration.ofSeconds(20)))
                .as("a flush does not wait out the linger")
                .isTrue();
        assertThat(w.written()).isEqualTo(5);
        assertThat(w.batches()).as("one insert for the five").isEqualTo(1);
        assertThat(payloads()).containsExactly("m0", "m1", "m2", "m3", "m4");
        w.close();
    }

    @Test
    void aFullBatchEndsTheLingerAndCloseEndsIt() {
        AuditWriter w = lingering(3, Duration.ofSeconds(60));
        w.start();
        for (int i = 0; i < 4; i++) {
            w.submit(msg("m" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> w.written() == 3);
        assertThat(w.batches()).isEqualTo(1);
        w.close(); // the fourth lingers: close writes it (bounded by 20 s, not the 60 s linger)
        assertThat(w.written()).isEqualTo(4);
        assertThat(payloads()).containsExactly("m0", "m1", "m2", "m3");
    }
}
