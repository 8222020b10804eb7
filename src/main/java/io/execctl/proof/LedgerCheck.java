package io.execctl.proof;

import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbHolding;
import io.execctl.proof.DbFacts.DbIntent;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Compares execctl's tables with the broker's ledger and lists every disagreement with the rows
 * that show it. The broker's ledger is the truth: every broker order must be a row (owned by an
 * intent, EXTERNAL, or linked to its original as a cancel/modify), every row a broker order, live
 * fills must sum to what the broker executed (quantity and amount), holdings must equal the broker's,
 * and an order the broker finished must be terminal, with its intent. A pure function of its inputs.
 */
public final class LedgerCheck {
    private static final Set<String> TERMINAL_ORDER = Set.of("FILLED", "CANCELLED", "CANCELLED_PARTIAL", "REJECTED");
    private static final Set<String> TERMINAL_INTENT = Set.of("FILLED", "CANCELLED", "REJECTED", "FAILED", "DUPLICATE");
    /** Intent statuses that mean the broker accepted an order for it. */
    private static final Set<String> REACHED_BROKER = Set.of("SUBMITTED", "FILLED", "CANCELLED");
    /** Intent statuses that mean no order should exist. */
    private static final Set<String> NO_ORDER = Set.of("REJECTED", "FAILED", "DUPLICATE");

    /**
     * @param accountId     the account checked, canonical {@code 12345678-01}
     * @param exactlyOnce   real mode after convergence: every valid intent has exactly one order, no UNKNOWN
     *                      submission and no intent still NEW or SENDING (sending nothing must not pass)
     */
    public record Options(String accountId, boolean exactlyOnce) {
        public Options {
            Objects.requireNonNull(accountId, "accountId");
        }
    }

    private LedgerCheck() {}

    public static CheckResult check(BrokerLedger ledger, DbFacts db, Options options) {
        List<Violation> out = new ArrayList<>();
        if (!ledger.account().equals(options.accountId())) {
            out.add(new Violation(
                    Rule.ACCOUNT, "the ledger is of account " + ledger.account() + ", not the one checked", List.of()));
        }
        Map<String, DbOrder> rowsByKey = new LinkedHashMap<>();
        db.orders().forEach(o -> rowsByKey.put(o.key(), o));
        Map<String, BrokerLedger.Order> brokerByKey = new LinkedHashMap<>();
        ledger.orders().forEach(o -> brokerByKey.put(o.key(), o));
        Map<UUID, DbIntent> intents = new HashMap<>();
        db.intents().forEach(i -> intents.put(i.intentId(), i));

        for (BrokerLedger.Order b : ledger.orders()) {
            DbOrder row = rowsByKey.get(b.key());
            if (row == null) {
                out.add(new Violation(
                        Rule.BROKER_ORDER_NOT_RECORDED,
                        "broker order " + b.key() + " has no row",
                        List.of(b.toString())));
                continue;
            }
            orderAgainstBroker(b, row, intents, db.fills(), out);
        }
        for (DbOrder row : db.orders()) {
            if (!brokerByKey.containsKey(row.key())) {
                out.add(new Violation(
                        Rule.ORDER_NOT_AT_BROKER,
                        "order " + row.orderId() + " is not at the broker",
                        List.of(row.toString())));
            }
        }
        intentRules(db, options, out);
        holdingRules(ledger, db, out);
        int unknown = (int) db.intents().stream()
                .filter(i -> "UNKNOWN".equals(i.journalState()) || "UNKNOWN".equals(i.status()))
                .count();
        List<String> open = new ArrayList<>();
        for (DbIntent i : db.intents()) {
            if (!TERMINAL_INTENT.contains(i.status()) && REACHED_BROKER.contains(i.status())) {
                open.add(i.toString());
            }
        }
        int liveFills = (int) db.fills().stream().filter(f -> !f.voided()).count();
        return new CheckResult(
                out,
                ledger.orders().size(),
                db.orders().size(),
                liveFills,
                ledger.holdings().size(),
                db.intents().size(),
                unknown,
                open);
    }

    private static void orderAgainstBroker(
            BrokerLedger.Order b, DbOrder row, Map<UUID, DbIntent> intents, List<DbFill> fills, List<Violation> out) {
        if (b.isRevision()) {
            if (row.origOrderNo() == null || !row.origOrderNo().equals(b.origOdno())) {
                out.add(new Violation(
                        Rule.REVISION_NOT_LINKED,
                        "broker order " + b.key() + " revises " + b.origOdno() + " but its row does not say so",
                        List.of(b.toString(), row.toString())));
            }
        } else if ("API".equals(b.source()) && row.intentId() == null) {
            out.add(new Violation(
                    Rule.API_ORDER_WITHOUT_INTENT,
                    "broker order " + b.key() + " was sent through the API but no intent owns it",
                    List.of(b.toString(), row.toString())));
        }
        BigDecimal brokerAmount = b.executedAmount();
        List<String> rows = new ArrayList<>(List.of(b.toString(), row.toString()));
        fills.stream()
                .filter(f -> f.orderId().equals(row.orderId()))
                .map(DbFill::toString)
                .forEach(rows::add);
        if (row.liveFillQty() > b.filledQty()) {
            out.add(new Violation(
                    Rule.FILL_SURPLUS,
                    "order " + row.orderId() + ": live fills " + row.liveFillQty() + " > broker executed "
                            + b.filledQty(),
                    rows));
        } else if (row.liveFillQty() < b.filledQty()) {
            out.add(new Violation(
                    Rule.FILL_MISSING,
                    "order " + row.orderId() + ": live fills " + row.liveFillQty() + " < broker executed "
                            + b.filledQty(),
                    rows));
        } else if (row.liveFillAmount().compareTo(brokerAmount) != 0) {
            out.add(new Violation(
                    Rule.FILL_AMOUNT,
                    "order " + row.orderId() + ": live fill amount "
                            + row.liveFillAmount().toPlainString() + " != broker executed amount "
                            + brokerAmount.toPlainString(),
                    rows));
        }
        if (row.filledQty() != row.liveFillQty()) {
            out.add(new Violation(
                    Rule.ORDER_FILLED_QTY,
                    "order " + row.orderId() + ": filled_qty " + row.filledQty() + " != live fills "
                            + row.liveFillQty(),
                    List.of(row.toString())));
        }
        if (b.isFinal() && !TERMINAL_ORDER.contains(row.status()) && row.liveFillQty() == b.filledQty()) {
            out.add(new Violation(
                    Rule.ORDER_NOT_TERMINAL,
                    "broker order " + b.key() + " is " + b.status() + " but its row is " + row.status(),
                    List.of(b.toString(), row.toString())));
        }
        DbIntent intent = row.intentId() == null ? null : intents.get(row.intentId());
        if (intent != null && TERMINAL_ORDER.contains(row.status()) && !TERMINAL_INTENT.contains(intent.status())) {
            out.add(new Violation(
                    Rule.INTENT_NOT_TERMINAL,
                    "order " + row.orderId() + " is " + row.status() + " but its intent is " + intent.status(),
                    List.of(row.toString(), intent.toString())));
        }
    }

    private static void intentRules(DbFacts db, Options options, List<Violation> out) {
        Map<UUID, List<DbOrder>> byIntent = new HashMap<>();
        for (DbOrder o : db.orders()) {
            if (o.intentId() != null) {
                byIntent.computeIfAbsent(o.intentId(), k -> new ArrayList<>()).add(o);
            }
        }
        byIntent.forEach((id, orders) -> {
            if (orders.size() > 1) {
                out.add(new Violation(
                        Rule.INTENT_WITH_SEVERAL_ORDERS,
                        "intent " + id + " has " + orders.size() + " orders",
                        orders.stream().map(DbOrder::toString).toList()));
            }
        });
        for (DbIntent i : db.intents()) {
            boolean hasOrder = byIntent.containsKey(i.intentId());
            boolean mustHave =
                    REACHED_BROKER.contains(i.status()) || (options.exactlyOnce() && !NO_ORDER.contains(i.status()));
            if (mustHave && !hasOrder) {
                out.add(new Violation(
                        Rule.INTENT_WITHOUT_ORDER, "intent " + i.intentId() + " has no order", List.of(i.toString())));
            }
            if (options.exactlyOnce()) {
                if ("UNKNOWN".equals(i.journalState()) || "UNKNOWN".equals(i.status())) {
                    out.add(new Violation(
                            Rule.UNKNOWN_SUBMISSION,
                            "intent " + i.intentId() + " is still an UNKNOWN submission",
                            List.of(i.toString())));
                } else if ("NEW".equals(i.status()) || "SENDING".equals(i.status())) {
                    out.add(new Violation(
                            Rule.INTENT_NOT_HANDLED,
                            "intent " + i.intentId() + " is still " + i.status(),
                            List.of(i.toString())));
                }
            }
        }
    }

    private static void holdingRules(BrokerLedger ledger, DbFacts db, List<Violation> out) {
        Map<String, BrokerLedger.Holding> broker = new HashMap<>();
        ledger.holdings().forEach(h -> broker.put(h.symbol(), h));
        Map<String, DbHolding> ours = new HashMap<>();
        db.holdings().forEach(h -> ours.put(h.symbol(), h));
        Set<String> symbols = new TreeSet<>(broker.keySet());
        symbols.addAll(ours.keySet());
        for (String s : symbols) {
            BrokerLedger.Holding b = broker.get(s);
            DbHolding d = ours.get(s);
            long bq = b == null ? 0 : b.qty();
            long dq = d == null ? 0 : d.qty();
            boolean avgDiffers =
                    b != null && d != null && bq > 0 && b.avgPrice().compareTo(d.avgPrice()) != 0;
            if (bq != dq || avgDiffers) {
                out.add(new Violation(
                        Rule.HOLDING_MISMATCH,
                        s + ": trade.holdings " + dq
                                + (d == null
                                        ? " (no row)"
                                        : " @ " + d.avgPrice().toPlainString()) + ", broker " + bq
                                + (b == null
                                        ? " (no line)"
                                        : " @ " + b.avgPrice().toPlainString()),
                        List.of()));
            }
        }
    }
}
