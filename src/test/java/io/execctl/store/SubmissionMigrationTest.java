package io.execctl.store;

import io.execctl.store.Submission.State;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** V5 turns rows of the V2 journal into fenced rows whose deadlines have passed. */
class SubmissionMigrationTest {

    @Test
    void oldJournalRowsGetAPassedDeadlineAndSentRowsTheirSendTimes() {
        try (TestDatabase db = TestDatabase.create()) {
            Flyway.configure()
                    .dataSource(db.dataSource())
                    .schemas(Migrations.SCHEMA)
                    .defaultSchema(Migrations.SCHEMA)
                    .createSchemas(true)
                    .table("flyway_history")
                    .locations("classpath:db/migration/trade")
                    .target("2")
                    .load()
                    .migrate();
            Jdbi jdbi = Db.create(db.dataSource());
            UUID claimed = UUID.randomUUID();
            UUID unknown = UUID.randomUUID();
            Instant claimedAt = Instant.parse("2026-01-13T00:30:00Z");
            Instant updatedAt = Instant.parse("2026-01-13T15:10:00Z"); // 00:10 on the 14th in Seoul
            jdbi.useHandle(h -> {
                h.execute(
                        "INSERT INTO trade.submissions (intent_id, state, claimed_by, claimed_ts, updated_ts) "
                                + "VALUES (?, 'CLAIMED', 'host:1', ?, ?)",
                        claimed,
                        claimedAt,
                        claimedAt);
                h.execute(
                        "INSERT INTO trade.submissions (intent_id, state, attempts, claimed_by, claimed_ts, updated_ts) "
                                + "VALUES (?, 'UNKNOWN', 1, 'host:1', ?, ?)",
                        unknown,
                        claimedAt,
                        updatedAt);
            });

            Migrations.migrate(db.dataSource(), true);

            SubmissionStore journal = SubmissionStore.of(jdbi);
            Submission c = journal.find(claimed).orElseThrow();
            assertThat(c.state()).isEqualTo(State.CLAIMED);
            assertThat(c.sendDeadline()).isEqualTo(claimedAt);
            assertThat(c.everSent()).isFalse();
            Submission u = journal.find(unknown).orElseThrow();
            assertThat(u.firstSentTs()).isEqualTo(updatedAt);
            assertThat(u.sentTs()).isEqualTo(updatedAt);
            assertThat(u.tradingDate()).isEqualTo(LocalDate.of(2026, 1, 14));
            assertThat(SubmissionRecovery.of(jdbi)
                            .takeOver(claimed, Incarnation.start(), JournalRacer.racePolicy(Duration.ofSeconds(1))))
                    .as("the old claim's deadline has passed")
                    .isPresent();
        }
    }
}
