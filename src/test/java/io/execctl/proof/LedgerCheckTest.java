package io.execctl.proof;

import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbHolding;
import io.execctl.proof.DbFacts.DbIntent;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules the simulator test cannot reach easily, on hand-made facts: one broken rule at a time. */
class LedgerCheckTest {
    static final String ACCOUNT = "50000001-01";
    static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    static final UUID INTENT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    static BrokerLedger.Order broker(String odno, String orig, String status, long filled, long price) {
        List<BrokerLedger.Execution> ex = filled == 0
                ? List.of()
                : List.of(new BrokerLedger.Execution(filled, BigDecimal.valueOf(price), "090000"));
        return new BrokerLedger.Order(
                "20261202",
                "06590",
                odno,
                orig,
                "005930",
                "BUY",
                "01",
                10,
                BigDecimal.ZERO,
                status,
                filled,
                0,
                "API",
                ex);
    }

    static DbOrder row(String odno, String orig, UUID intent, String status, long filled, long price) {
        return new DbOrder(
                "20261202-" + odno + "-tag",
                DAY,
                odno,
                orig,
                intent,
                intent == null ? "EXTERNAL" : "INTENT",
                "005930",
                "BUY",
                10,
                status,
                filled,
                filled,
                BigDecimal.valueOf(filled * price));
    }

    static DbIntent intent(String status) {
        return new DbIntent(INTENT, "005930", "ENTRY", 10, status, "ACCEPTED", null);
    }

    static CheckResult check(List<BrokerLedger.Order> broker, List<DbOrder> rows, List<DbIntent> intents) {
        BrokerLedger ledger = new BrokerLedger(ACCOUNT, BigDecimal.ONE, broker, List.of());
        return LedgerCheck.check(
                ledger,
                new DbFacts(rows, List.<DbFill>of(), List.<DbHolding>of(), intents),
                new LedgerCheck.Options(ACCOUNT, false));
    }

    @Test
    void agreeingFactsPass() {
        CheckResult r = check(
                List.of(broker("0000000001", "", "FILLED", 10, 72000)),
                List.of(row("0000000001", null, INTENT, "FILLED", 10, 72000)),
                List.of(intent("FILLED")));
        assertThat(r.violations()).as(r.describe()).isEmpty();
    }

    @Test
    void aCancelWhoseRowDoesNotNameItsOriginalIsNotLinked() {
        List<BrokerLedger.Order> broker =
                List.of(broker("0000000001", "", "OPEN", 0, 0), broker("0000000002", "0000000001", "FILLED", 0, 0));
        CheckResult linked = check(
                broker,
                List.of(
                        row("0000000001", null, INTENT, "SUBMITTED", 0, 0),
                        row("0000000002", "0000000001", null, "FILLED", 0, 0)),
                List.of(intent("SUBMITTED")));
        CheckResult unlinked = check(
                broker,
                List.of(
                        row("0000000001", null, INTENT, "SUBMITTED", 0, 0),
                        row("0000000002", null, null, "FILLED", 0, 0)),
                List.of(intent("SUBMITTED")));

        assertThat(linked.violations()).as(linked.describe()).isEmpty();
        assertThat(unlinked.rules()).as(unlinked.describe()).containsExactly(Rule.REVISION_NOT_LINKED);
    }

    @Test
    void aRowTheBrokerDoesNotHaveIsReported() {
        CheckResult r = check(
                List.of(), List.of(row("0000000007", null, INTENT, "SUBMITTED", 0, 0)), List.of(intent("SUBMITTED")));
        assertThat(r.rules()).as(r.describe()).containsExactly(Rule.ORDER_NOT_AT_BROKER);
    }

    @Test
    void equalQuantitiesAtAnotherPriceAreAnAmountMismatch() {
        CheckResult r = check(
                List.of(broker("0000000001", "", "FILLED", 10, 72000)),
                List.of(row("0000000001", null, INTENT, "FILLED", 10, 72100)),
                List.of(intent("FILLED")));
        assertThat(r.rules()).as(r.describe()).containsExactly(Rule.FILL_AMOUNT);
    }

    @Test
    void anOrderTheBrokerFinishedMustBeTerminalAndSoMustItsIntent() {
        CheckResult notTerminal = check(
                List.of(broker("0000000001", "", "FILLED", 10, 72000)),
                List.of(row("0000000001", null, INTENT, "PARTIAL", 10, 72000)),
                List.of(intent("SUBMITTED")));
        CheckResult intentBehind = check(
                List.of(broker("0000000001", "", "FILLED", 10, 72000)),
                List.of(row("0000000001", null, INTENT, "FILLED", 10, 72000)),
                List.of(intent("SUBMITTED")));

        assertThat(notTerminal.rules()).as(notTerminal.describe()).containsExactly(Rule.ORDER_NOT_TERMINAL);
        assertThat(intentBehind.rules()).as(intentBehind.describe()).containsExactly(Rule.INTENT_NOT_TERMINAL);
    }

    @Test
    void twoRowsOfOneIntentAreReported() {
        List<BrokerLedger.Order> broker = new ArrayList<>(
                List.of(broker("0000000001", "", "OPEN", 0, 0), broker("0000000002", "", "OPEN", 0, 0)));
        CheckResult r = check(
                broker,
                List.of(
                        row("0000000001", null, INTENT, "SUBMITTED", 0, 0),
                        row("0000000002", null, INTENT, "SUBMITTED", 0, 0)),
                List.of(intent("SUBMITTED")));
        assertThat(r.rules()).as(r.describe()).containsExactly(Rule.INTENT_WITH_SEVERAL_ORDERS);
    }

    @Test
    void aLedgerOfAnotherAccountIsReported() {
        BrokerLedger other = new BrokerLedger("50000002-01", BigDecimal.ONE, List.of(), List.of());
        CheckResult r = LedgerCheck.check(
                other,
                new DbFacts(List.of(), List.of(), List.of(), List.of()),
                new LedgerCheck.Options(ACCOUNT, false));
        assertThat(r.rules()).containsExactly(Rule.ACCOUNT);
    }
}
