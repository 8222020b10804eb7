package io.execctl.store;

import io.execctl.domain.JournalPolicy;
import io.execctl.store.Submission.State;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import static org.awaitility.Awaitility.await;

/**
 * One racing daemon for {@link JournalRaceTest}, run in the test JVM and as a separate process.
 * It follows the engine's send protocol (claim or take over → [failpoint] → fencing write → send →
 * outcome) on the database clock; "sending" appends a row to {@code racer_events}, the stand-in
 * for the broker. The failpoint stalls a holder of a claim until the database says its deadline
 * has passed — the pause of a rate or token wait that outlasts the lease.
 */
public final class JournalRacer {
    static final String EVENTS_DDL = """
            CREATE TABLE IF NOT EXISTS racer_events (
                id        BIGSERIAL PRIMARY KEY,
                intent_id UUID NOT NULL,
                owner     TEXT NOT NULL,
                kind      TEXT NOT NULL,
                attempt   INT,
                at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())""";

    private final Jdbi jdbi;
    private final Incarnation me;
    private final SubmissionStore journal;
    private final SubmissionRecovery recovery;
    private final JournalPolicy policy;
    private final Random random;
    private boolean stalledOnce;

    JournalRacer(Jdbi jdbi, Incarnation me, JournalPolicy policy, long seed) {
        this.jdbi = jdbi;
        this.me = me;
        this.journal = SubmissionStore.of(jdbi);
        this.recovery = SubmissionRecovery.of(jdbi);
        this.policy = policy;
        this.random = new Random(seed);
    }

    static JournalPolicy racePolicy(Duration lease) {
        return new JournalPolicy(lease, lease, Duration.ZERO, Duration.ofMinutes(1), 2);
    }

    /** Works on {@code intents} (in this order) until every one is settled or {@code limit} passes. */
    void race(List<UUID> intents, Duration limit) {
        List<UUID> pending = new ArrayList<>(intents);
        long end = System.nanoTime() + limit.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < end) {
            for (UUID id : List.copyOf(pending)) {
                Optional<Submission> row = journal.find(id);
                if (row.isPresent() && row.get().state().isTerminal()) {
                    pending.remove(id);
                    continue;
                }
                Optional<Submission> mine = Optional.empty();
                if (row.isEmpty()) {
                    mine = journal.claim(id, me, "{}", policy);
                    mine.ifPresent(s -> event(id, "CLAIM", null));
                } else if (row.get().state() == State.CLAIMED) {
                    mine = row.get().owner().equals(me.id()) ? row : recovery.takeOver(id, me, policy);
                    if (!row.get().owner().equals(me.id())) {
                        mine.ifPresent(s -> event(id, "TAKEOVER", null));
                    }
                }
                if (mine.isPresent()) {
                    send(mine.get());
                }
            }
        }
    }

    private void send(Submission claim) {
        // the token and the rate slot would be taken here, before the fencing write
        if (!stalledOnce || random.nextInt(3) == 0) {
            stalledOnce = true;
            Instant deadline = claim.sendDeadline();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> journal.now().isAfter(deadline));
        }
        Optional<SendPermit> permit = journal.beginSend(claim.intentId(), me, policy);
        if (permit.isEmpty()) {
            event(claim.intentId(), "FENCE_FAILED", null);
            return;
        }
        event(claim.intentId(), "SEND", permit.get().attempt());
        if (!journal.markAccepted(permit.get(), "order-" + claim.intentId(), "{}")) {
            event(claim.intentId(), "ACCEPT_LOST", permit.get().attempt());
        }
    }

    private void event(UUID id, String kind, Integer attempt) {
        jdbi.useHandle(h -> h.execute(
                "INSERT INTO racer_events (intent_id, owner, kind, attempt) VALUES (?, ?, ?, ?)",
                id,
                me.id(),
                kind,
                attempt));
    }

    static Jdbi connect(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        return Db.create(ds);
    }

    static List<UUID> raceIntents(Jdbi jdbi, boolean descending) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT intent_id FROM trade.order_intents WHERE action_key LIKE 'race-%'"
                                + " ORDER BY intent_id " + (descending ? "DESC" : "ASC"))
                        .mapTo(UUID.class)
                        .list());
    }

    /**
     * {@code race <url> <user> <seed> <leaseMs>}: prints {@code RACER READY <incarnation>}, waits for
     * a line on stdin, races over the intents in descending order, prints {@code RACER DONE}.
     * {@code claim <url> <user> <intent> <leaseMs>}: claims and exits without sending (a crash).
     * {@code send <url> <user> <intent> <leaseMs>}: a fresh process tries the fencing write only.
     * The password, if any, comes from {@code RACER_DB_PASSWORD}.
     */
    public static void main(String[] args) throws Exception {
        Jdbi jdbi = connect(args[1], args[2], System.getenv("RACER_DB_PASSWORD"));
        Incarnation me = Incarnation.start();
        JournalPolicy policy = racePolicy(Duration.ofMillis(Long.parseLong(args[4])));
        switch (args[0]) {
            case "race" -> {
                JournalRacer racer = new JournalRacer(jdbi, me, policy, Long.parseLong(args[3]));
                System.out.println("RACER READY " + me.id());
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                racer.race(raceIntents(jdbi, true), Duration.ofSeconds(60));
                System.out.println("RACER DONE");
            }
            case "claim" -> {
                UUID id = UUID.fromString(args[3]);
                boolean ok =
                        SubmissionStore.of(jdbi).claim(id, me, "{}", policy).isPresent();
                System.out.println("RACER " + (ok ? "CLAIMED " : "NOT_CLAIMED ") + me.id());
            }
            case "send" -> {
                UUID id = UUID.fromString(args[3]);
                boolean ok = SubmissionStore.of(jdbi).beginSend(id, me, policy).isPresent();
                System.out.println("RACER " + (ok ? "SENT " : "NOT_SENT ") + me.id());
            }
            default -> throw new IllegalArgumentException("mode race, claim or send: " + args[0]);
        }
        System.out.flush();
        System.exit(0);
    }
}
