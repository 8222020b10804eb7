package io.execctl.proof;

import java.util.List;
import java.util.Objects;

/** One broken rule of the ledger check, with the offending rows (database and broker) as text. */
public record Violation(Rule rule, String detail, List<String> rows) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        rows = List.copyOf(rows);
    }

    /** The rules; the names are what a report prints and a test asserts. */
    public enum Rule {
        /** The ledger is of another account than the one checked. */
        ACCOUNT,
        /** A broker order of the account has no {@code trade.orders} row (intent, EXTERNAL or linked). */
        BROKER_ORDER_NOT_RECORDED,
        /** An order the API sent is recorded without an intent: a second send of some intent, or adopted wrongly. */
        API_ORDER_WITHOUT_INTENT,
        /** A cancel/modify at the broker whose row does not name its original order ({@code orig_order_no}). */
        REVISION_NOT_LINKED,
        /** A {@code trade.orders} row the broker does not have. */
        ORDER_NOT_AT_BROKER,
        /** More than one order row for one intent. */
        INTENT_WITH_SEVERAL_ORDERS,
        /** An intent that reached the broker (or, when asked, any valid intent) has no order. */
        INTENT_WITHOUT_ORDER,
        /** Live fills sum to more than the broker executed: a fill counted twice. */
        FILL_SURPLUS,
        /** Live fills sum to less than the broker executed: a fill missing. */
        FILL_MISSING,
        /** Live fill quantities agree but the amounts do not. */
        FILL_AMOUNT,
        /** {@code orders.filled_qty} differs from the sum of the order's live fills. */
        ORDER_FILLED_QTY,
        /** The broker says the order is final (nothing can execute) but its row is not terminal. */
        ORDER_NOT_TERMINAL,
        /** The order is terminal but its intent is not. */
        INTENT_NOT_TERMINAL,
        /** {@code trade.holdings} differs from the broker's holdings. */
        HOLDING_MISMATCH,
        /** UNKNOWN submissions left (a violation only when exactly-once is required). */
        UNKNOWN_SUBMISSION,
        /** Intents still NEW or SENDING (a violation only when exactly-once is required). */
        INTENT_NOT_HANDLED,
        /** A fill row without exactly one {@code FILL} event, or a {@code FILL} event of no fill row. */
        OUTBOX_FILL,
        /** A voided fill whose voiding was not announced exactly once, or a live fill announced as voided. */
        OUTBOX_VOID,
        /** An order's last announced status differs from its row, or a move back was not a correction. */
        OUTBOX_ORDER_STATUS,
        /** An order's terminal status announced twice without a correction between. */
        OUTBOX_TERMINAL_TWICE,
        /** A terminal intent whose last {@code INTENT_STATUS} event differs from its row. */
        OUTBOX_INTENT_STATUS,
        /** A voided fill that is a broker execution no live (non-inferred) fill accounts for. */
        GENUINE_FILL_VOIDED,
        /** A credential or the account number in a log file or a credential in the audit ({@link SecretScan}). */
        SECRET_IN_LOG
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(rule.name()).append(": ").append(detail);
        for (String r : rows) {
            b.append(System.lineSeparator()).append("    ").append(r);
        }
        return b.toString();
    }
}
