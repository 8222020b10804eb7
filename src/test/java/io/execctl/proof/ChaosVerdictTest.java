package io.execctl.proof;

import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbIntent;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos day's verdict and the outbox check on hand-made states: a consistent one passes, each corruption fails. */
class ChaosVerdictTest {
    private static final UUID INTENT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID FILL = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final String ORDER = "20261124-0000000001";

    private static DbFacts facts(String orderStatus, String intentStatus, boolean voided) {
        DbOrder o = new DbOrder(
                ORDER,
                LocalDate.of(2026, 11, 24),
                "0000000001",
                null,
                INTENT,
                "INTENT",
                "005930",
                "BUY",
                10,
                orderStatus,
                voided ? 0 : 10,
                voided ? 0 : 10,
                voided ? BigDecimal.ZERO : new BigDecimal("720000"));
        DbFill f = new DbFill(FILL, ORDER, 10, new BigDecimal("72000"), new BigDecimal("720000"), "WS", "r1", voided);
        DbIntent i = new DbIntent(INTENT, "005930", "ENTRY", 10, intentStatus, "DONE", null);
        return new DbFacts(List.of(o), List.of(f), List.of(), List.of(i));
    }

    private static List<OutboxCheck.Event> goodEvents() {
        return List.of(
                OutboxCheck.event(
                        1, "ORDER_STATUS", ORDER, "{\"order_id\":\"" + ORDER + "\",\"status\":\"SUBMITTED\"}"),
                OutboxCheck.event(
                        2,
                        "FILL",
                        ORDER,
                        "{\"fill_id\":\"" + FILL + "\",\"order_id\":\"" + ORDER + "\",\"qty\":10,\"voided\":false}"),
                OutboxCheck.event(
                        3, "ORDER_STATUS", ORDER, "{\"from\":\"SUBMITTED\",\"to\":\"FILLED\",\"filled_qty\":10}"),
                OutboxCheck.event(
                        4,
                        "INTENT_STATUS",
                        INTENT.toString(),
                        "{\"intent_id\":\"" + INTENT + "\",\"status\":\"FILLED\",\"seq\":2}"));
    }

    private static CheckResult clean() {
        return new CheckResult(List.of(), 1, 1, 1, 1, 1, 0, List.of());
    }

    @Test
    void aConsistentStatePassesEveryRow() {
        List<Violation> outbox = OutboxCheck.check(facts("FILLED", "FILLED", false), goodEvents());
        assertThat(outbox).isEmpty();
        ChaosVerdict v = ChaosVerdict.of(
                new ChaosVerdict.Measured(clean(), outbox, Duration.ofSeconds(12), 100L * 1024 * 1024, List.of()));
        assertThat(v.ok()).isTrue();
        assertThat(v.table(10)).contains("verdict: PASS").doesNotContain("FAIL");
    }

    @Test
    void aSecretInALogFailsItsRowNamingFileAndLineAndASkippedCheckFailsToo() {
        List<Violation> found =
                SecretScan.violations(List.of(new SecretScan.Finding("daemon-a.1.log", 42, "access token 1")));
        ChaosVerdict v =
                ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(1), 1, found));
        assertThat(v.ok()).isFalse();
        assertThat(v.table(10))
                .containsPattern("no secret in logs.*FAIL +1 violation")
                .contains("SECRET_IN_LOG: daemon-a.1.log:42: access token 1");

        ChaosVerdict unchecked =
                ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(1), 1));
        assertThat(unchecked.ok()).isFalse();
        assertThat(unchecked.table(10)).containsPattern("no secret in logs.*FAIL +not checked");
    }

    @Test
    void aLedgerViolationFailsTheDayAndPrintsTheRows() {
        CheckResult doubled = new CheckResult(
                List.of(new Violation(
                        Rule.FILL_SURPLUS, "order X: live fills 20 > broker executed 10", List.of("row A"))),
                1,
                1,
                2,
                1,
                1,
                0,
                List.of());
        ChaosVerdict v = ChaosVerdict.of(new ChaosVerdict.Measured(doubled, List.of(), Duration.ofSeconds(5), 1));
        assertThat(v.ok()).isFalse();
        assertThat(v.table(10))
                .contains("verdict: FAIL")
                .contains("FILL_SURPLUS")
                .contains("row A");
    }

    @Test
    void slowConvergenceNeverConvergedOrUnmeasuredHeapFail() {
        assertThat(ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(31), 1))
                        .ok())
                .isFalse();
        assertThat(ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), null, 1))
                        .ok())
                .isFalse();
        assertThat(ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(1), -1))
                        .ok())
                .isFalse();
        assertThat(ChaosVerdict.of(new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(1), 300L << 20))
                        .ok())
                .isFalse();
    }

    @Test
    void aRunRowThatFailedFailsTheDay() {
        ChaosVerdict v = ChaosVerdict.of(
                new ChaosVerdict.Measured(clean(), List.of(), Duration.ofSeconds(1), 1),
                List.of(new ChaosVerdict.Row("kill -9 of the active daemon done as asked", false, "2 of 3")));
        assertThat(v.ok()).isFalse();
        assertThat(v.table(5))
                .contains("kill -9 of the active daemon done as asked")
                .contains("2 of 3");
    }

    @Test
    void unknownSubmissionsFailTheirRow() {
        CheckResult unknown = new CheckResult(
                List.of(new Violation(Rule.UNKNOWN_SUBMISSION, "intent I is still an UNKNOWN submission", List.of())),
                1,
                1,
                0,
                0,
                1,
                1,
                List.of());
        ChaosVerdict v = ChaosVerdict.of(new ChaosVerdict.Measured(unknown, List.of(), Duration.ofSeconds(1), 1));
        assertThat(v.rows())
                .filteredOn(r -> r.check().startsWith("zero UNKNOWN"))
                .singleElement()
                .satisfies(r -> assertThat(r.ok()).isFalse());
    }

    @Test
    void aFillAnnouncedTwiceOrNeverIsAnOutboxViolation() {
        List<OutboxCheck.Event> twice = new ArrayList<>(goodEvents());
        twice.add(OutboxCheck.event(5, "FILL", ORDER, "{\"fill_id\":\"" + FILL + "\",\"voided\":false}"));
        assertThat(OutboxCheck.check(facts("FILLED", "FILLED", false), twice))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_FILL);
        List<OutboxCheck.Event> never =
                goodEvents().stream().filter(e -> !e.type().equals("FILL")).toList();
        assertThat(OutboxCheck.check(facts("FILLED", "FILLED", false), never))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_FILL);
    }

    @Test
    void aVoidedFillMustBeAnnouncedAsVoided() {
        // the row is voided, the outbox never said so; and the order's final status disagrees with the outbox
        assertThat(OutboxCheck.check(facts("FILLED", "FILLED", true), goodEvents()))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_VOID);
    }

    @Test
    void aSecondTerminalAnnouncementWithoutACorrectionAndAStaleLastStatusAreViolations() {
        List<OutboxCheck.Event> again = new ArrayList<>(goodEvents());
        again.add(OutboxCheck.event(6, "ORDER_STATUS", ORDER, "{\"from\":\"FILLED\",\"to\":\"FILLED\"}"));
        assertThat(OutboxCheck.check(facts("FILLED", "FILLED", false), again))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_TERMINAL_TWICE);
        // the row moved to CANCELLED_PARTIAL but the outbox still says FILLED
        assertThat(OutboxCheck.check(facts("CANCELLED_PARTIAL", "FILLED", false), goodEvents()))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_ORDER_STATUS);
        // announced as a correction: fine
        List<OutboxCheck.Event> corrected = new ArrayList<>(goodEvents());
        corrected.add(
                OutboxCheck.event(7, "ORDER_CORRECTED", ORDER, "{\"from\":\"FILLED\",\"to\":\"CANCELLED_PARTIAL\"}"));
        assertThat(OutboxCheck.check(facts("CANCELLED_PARTIAL", "FILLED", false), corrected))
                .isEmpty();
    }

    @Test
    void aTerminalIntentWhoseLastEventDiffersIsAViolation() {
        assertThat(OutboxCheck.check(facts("FILLED", "CANCELLED", false), goodEvents()))
                .extracting(Violation::rule)
                .containsExactly(Rule.OUTBOX_INTENT_STATUS);
    }
}
