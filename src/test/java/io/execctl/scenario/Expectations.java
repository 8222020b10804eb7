package io.execctl.scenario;

import io.execctl.domain.Order;
import io.execctl.proof.CheckResult;
import io.execctl.proof.DbFacts;
import io.execctl.proof.OutboxCheck;
import io.execctl.proof.Violation;
import io.execctl.sim.market.OrderRecord;
import io.execctl.store.FillStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The {@code expect} words of a scenario script, each a check of our rows (or the simulator's ledger)
 * that throws a {@link ScenarioException} naming the script line when it does not hold.
 */
final class Expectations {
    private final Script.Step s;
    private final ScenarioRunner r;

    Expectations(Script.Step step, ScenarioRunner runner) {
        this.s = step;
        this.r = runner;
    }

    /** {@code order <alias> [status <S>] [filled <q>] [open <q>] [source <SRC>]}. */
    void order(List<String> words) {
        Order o = r.order(s, word(words, 1));
        for (int i = 2; i < words.size(); i += 2) {
            String key = words.get(i);
            String want = word(words, i + 1);
            String have =
                    switch (key) {
                        case "status" -> o.status().name();
                        case "filled" -> String.valueOf(o.filledQty());
                        case "open" -> String.valueOf(o.openQty());
                        case "source" -> o.source().name();
                        default -> throw fail("order: unknown field '" + key + "' (status, filled, open, source)");
                    };
            if (!have.equals(want)) {
                throw fail("order " + words.get(1) + " " + key + " is " + have + ", expected " + want + " (" + o + ")");
            }
        }
    }

    /** {@code intent <alias> <STATUS>}. */
    void intent(List<String> words) {
        UUID id = r.intentId(s, word(words, 1));
        String want = word(words, 2);
        String have = r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
        if (!have.equals(want)) {
            throw fail("intent " + words.get(1) + " is " + have + ", expected " + want);
        }
    }

    /**
     * {@code fills <alias> [count <n>] [live <q>] [voided <n>] [broker]}: live fills of the order;
     * {@code broker} = live quantity and amount equal the simulator's executed quantity and amount.
     */
    void fills(List<String> words) {
        Order o = r.order(s, word(words, 1));
        FillStore.Totals t = r.live(o);
        for (int i = 2; i < words.size(); i++) {
            String key = words.get(i);
            switch (key) {
                case "count" -> check("live fill count", count(o, false), number(words, ++i));
                case "voided" -> check("voided fill count", count(o, true), number(words, ++i));
                case "live" -> check("live fill quantity", t.qty(), number(words, ++i));
                case "broker" -> {
                    OrderRecord b = r.ledgerOrder(o.key().odno())
                            .orElseThrow(() -> fail("order " + o.key() + " is not at the broker"));
                    check("live fill quantity against the broker", t.qty(), b.filledQty());
                    if (t.amount().compareTo(BigDecimal.valueOf(b.filledAmount())) != 0) {
                        throw fail("live fill amount " + t.amount() + ", the broker executed " + b.filledAmount());
                    }
                }
                default -> throw fail("fills: unknown field '" + key + "' (count, live, voided, broker)");
            }
        }
    }

    /** {@code broker-orders <alias> <n>}: new orders at the broker of the intent's shape (symbol, quantity). */
    void brokerOrders(List<String> words) {
        UUID id = r.intentId(s, word(words, 1));
        record Shape(String symbol, long qty) {}
        Shape shape = r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT symbol, qty FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Shape(rs.getString(1), rs.getLong(2)))
                .one());
        long n = r.world().sim.broker().ledger().orders().stream()
                .filter(o -> o.rvseCnclDvsn().isEmpty())
                .filter(o -> o.symbol().equals(shape.symbol()) && o.qty() == shape.qty())
                .count();
        check("broker orders of intent " + words.get(1), n, number(words, 2));
    }

    /** {@code ledger [exactly-once]}: the io.execctl.proof ledger check finds no violation. */
    void ledger(List<String> words) {
        boolean exactlyOnce = words.size() > 1 && word(words, 1).equals("exactly-once");
        if (words.size() > 1 && !exactlyOnce) {
            throw fail("ledger [exactly-once]");
        }
        CheckResult result = r.ledgerCheck(exactlyOnce);
        if (!result.ok()) {
            throw fail("ledger check: " + result.describe());
        }
    }

    /** {@code parked <n>}: notices parked and not yet resolved. */
    void parked(List<String> words) {
        long n = r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM trade.parked_notices WHERE resolved_ts IS NULL")
                .mapTo(Long.class)
                .one());
        check("unresolved parked notices", n, number(words, 1));
    }

    /**
     * {@code held <alias> [pending <n>] [duplicate <n>] [applied <n>] [min <n>]}: the order's fill
     * notices held as suspected duplicates ({@code trade.held_notices}) by resolution; {@code min}:
     * at least that many held in all.
     */
    void held(List<String> words) {
        Order o = r.order(s, word(words, 1));
        for (int i = 2; i < words.size(); i += 2) {
            String key = words.get(i);
            long want = number(words, i + 1);
            String where =
                    switch (key) {
                        case "pending" -> "resolution IS NULL";
                        case "duplicate" -> "resolution = 'DUPLICATE'";
                        case "applied" -> "resolution = 'APPLIED'";
                        case "min" -> "true";
                        default -> throw fail("held: unknown field '" + key + "' (pending, duplicate, applied, min)");
                    };
            long n = r.world().jdbi.withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM trade.held_notices WHERE order_id = :id AND " + where)
                    .bind("id", o.key().orderId())
                    .mapTo(Long.class)
                    .one());
            if (key.equals("min") ? n < want : n != want) {
                throw fail("held notices " + key + " of order " + words.get(1) + ": " + n + ", expected "
                        + (key.equals("min") ? "at least " : "") + want);
            }
        }
    }

    /**
     * {@code outbox}: the proof's outbox check finds no violation (every fill and voiding announced
     * once, terminal statuses once, corrections as corrections), no order row is {@code ERROR} and
     * no {@code ERROR} was ever announced.
     */
    void outbox(List<String> words) {
        List<OutboxCheck.Event> events = OutboxCheck.read(r.world().jdbi);
        List<Violation> v = OutboxCheck.check(DbFacts.read(r.world().jdbi, ScenarioWorld.ACCOUNT), events);
        if (!v.isEmpty()) {
            throw fail("outbox check: " + v);
        }
        List<OutboxCheck.Event> errors =
                events.stream().filter(e -> "ERROR".equals(e.to())).toList();
        if (!errors.isEmpty()) {
            throw fail("ERROR announced: " + errors);
        }
        long inError = r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM trade.orders WHERE status = 'ERROR'")
                .mapTo(Long.class)
                .one());
        check("orders in ERROR", inError, 0);
    }

    /** {@code orders <n> [source <SRC>]}: rows in trade.orders. */
    void orders(List<String> words) {
        String source = words.size() > 3 && words.get(2).equals("source") ? words.get(3) : null;
        long n = r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM trade.orders WHERE CAST(:src AS text) IS NULL OR source = :src")
                .bind("src", source)
                .mapTo(Long.class)
                .one());
        check("order rows" + (source == null ? "" : " of source " + source), n, number(words, 1));
    }

    private long count(Order o, boolean voided) {
        return r.world().jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM trade.fills WHERE order_id = :id AND voided = :v")
                .bind("id", o.key().orderId())
                .bind("v", voided)
                .mapTo(Long.class)
                .one());
    }

    private void check(String what, long have, long want) {
        if (have != want) {
            throw fail(what + " is " + have + ", expected " + want);
        }
    }

    private String word(List<String> words, int i) {
        if (i >= words.size()) {
            throw fail("missing word " + (i + 1) + " of the expectation");
        }
        return words.get(i);
    }

    private long number(List<String> words, int i) {
        return ScenarioRunner.number(s, word(words, i));
    }

    private ScenarioException fail(String message) {
        return new ScenarioException(s.where() + ": " + message);
    }
}
