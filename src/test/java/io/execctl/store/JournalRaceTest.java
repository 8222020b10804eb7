package io.execctl.store;

import io.execctl.domain.JournalPolicy;
import io.execctl.store.Submission.State;
import io.execctl.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * Two real processes — this test JVM and a second JVM started with the test classpath — on one
 * database: racing over the same intents every intent is sent exactly once, every stall past the
 * deadline ends in a failed fencing write, and a restarted process cannot send on its
 * predecessor's claim.
 */
class JournalRaceTest {
    private static final Duration LEASE = Duration.ofMillis(400);
    private static TestDatabase db;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        jdbi.useHandle(h -> h.execute(JournalRacer.EVENTS_DDL));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx128m", JournalRacer.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (db.password() != null) {
            env.put("RACER_DB_PASSWORD", db.password());
        }
        return pb.start();
    }

    /** The child's next {@code RACER ...} line (other output, e.g. logging, is skipped). */
    private static String racerLine(BufferedReader out) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("RACER ")) {
                return line;
            }
        }
        throw new AssertionError("the child process ended without a RACER line");
    }

    private static String runChild(String... args) throws Exception {
        Process p = start(args);
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = racerLine(out);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return line;
        } finally {
            p.destroyForcibly();
        }
    }

    private static long count(String where) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM racer_events WHERE " + where)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void twoProcessesRacingOverTheSameIntentsSendEachExactlyOnce() throws Exception {
        List<UUID> intents = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID id = UUID.randomUUID();
            jdbi.useHandle(h -> h.execute("""
                    INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, limit_price,
                        reason_code, action_key) VALUES (?, '005930', 'ENTRY', 10, 'LMT', 72000, 'R', ?)""", id, "race-" + id));
            intents.add(id);
        }
        Process child = start("race", db.url(), db.user(), "2", Long.toString(LEASE.toMillis()));
        Incarnation parent = Incarnation.start();
        String childId;
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = racerLine(out);
            assertThat(ready).startsWith("RACER READY ");
            childId = ready.substring("RACER READY ".length());
            in.write("go\n");
            in.flush();
            new JournalRacer(jdbi, parent, JournalRacer.racePolicy(LEASE), 1)
                    .race(JournalRacer.raceIntents(jdbi, false), Duration.ofSeconds(60));
            assertThat(racerLine(out)).isEqualTo("RACER DONE");
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }

        SubmissionStore journal = SubmissionStore.of(jdbi);
        for (UUID id : intents) {
            Submission s = journal.find(id).orElseThrow();
            assertThat(s.state()).as("intent %s", id).isEqualTo(State.ACCEPTED);
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(count("kind = 'SEND' AND intent_id = '" + id + "'"))
                    .as("sends of %s", id)
                    .isEqualTo(1);
            String sender = jdbi.withHandle(
                    h -> h.createQuery("SELECT owner FROM racer_events WHERE kind = 'SEND' AND intent_id = :id")
                            .bind("id", id)
                            .mapTo(String.class)
                            .one());
            assertThat(s.owner()).isEqualTo(sender);
        }
        assertThat(count("kind = 'ACCEPT_LOST'")).isZero();
        assertThat(count("kind = 'SEND' AND owner = '" + parent.id() + "'"))
                .as("parent sent")
                .isPositive();
        assertThat(count("kind = 'SEND' AND owner = '" + childId + "'"))
                .as("child sent")
                .isPositive();
        assertThat(count("kind = 'FENCE_FAILED' AND owner = '" + parent.id() + "'"))
                .as("the parent's first stall ended in a failed fencing write")
                .isPositive();
        assertThat(count("kind = 'FENCE_FAILED' AND owner = '" + childId + "'"))
                .as("the child's first stall ended in a failed fencing write")
                .isPositive();
    }

    @Test
    void aRestartedProcessCannotSendOnItsPredecessorsClaim() throws Exception {
        UUID id = Journals.newIntent(jdbi);
        String lease = Long.toString(Duration.ofMinutes(10).toMillis());
        assertThat(runChild("claim", db.url(), db.user(), id.toString(), lease)).startsWith("RACER CLAIMED ");
        // the process is gone; its successor is a new process with a new incarnation
        assertThat(runChild("send", db.url(), db.user(), id.toString(), lease)).startsWith("RACER NOT_SENT ");
        JournalPolicy policy = JournalRacer.racePolicy(LEASE);
        assertThat(SubmissionRecovery.of(jdbi).takeOver(id, Incarnation.start(), policy))
                .as("not before the predecessor's deadline")
                .isEmpty();
        Submission s = SubmissionStore.of(jdbi).find(id).orElseThrow();
        assertThat(s.state()).isEqualTo(State.CLAIMED);
        assertThat(s.attempts()).isZero();
    }

    @Test
    void concurrentClaimsOfOneIntentHaveExactlyOneWinner() throws Exception {
        UUID intent = Journals.newIntent(jdbi);
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Incarnation owner = Incarnation.start();
                results.add(pool.submit(() -> {
                    Concurrency.await(start);
                    return SubmissionStore.of(jdbi)
                            .claim(intent, owner, "{}", JournalRacer.racePolicy(LEASE))
                            .isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (var r : results) {
                winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            long rows =
                    jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.submissions WHERE intent_id = :id")
                            .bind("id", intent)
                            .mapTo(Long.class)
                            .one());
            assertThat(rows).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
