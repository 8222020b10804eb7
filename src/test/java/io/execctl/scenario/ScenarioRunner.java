package io.execctl.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import io.execctl.domain.TradingDate;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.engine.cancel.KillReport;
import io.execctl.engine.cancel.KillSwitch;
import io.execctl.engine.cancel.PartialResult;
import io.execctl.proof.CheckResult;
import io.execctl.proof.DbFacts;
import io.execctl.proof.LedgerCheck;
import io.execctl.proof.LedgerReader;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import io.execctl.store.FillStore;
import io.execctl.store.OrderStore;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Runs one {@link Script} against one {@link ScenarioWorld}: each step drives the simulator or runs
 * an engine pass, each {@code expect} reads our rows (or the simulator's ledger) and fails with the
 * script's {@code file:line}. On any failure it prints every thread's stack, the tail of
 * {@code trade.broker_messages} and the simulator's ledger, then throws a {@link ScenarioException}.
 * The grammar is documented in docs/testing.md ("Scenario scripts").
 */
final class ScenarioRunner {
    static final Set<String> VERBS = Set.of(
            "intent",
            "position",
            "submit",
            "pass",
            "market",
            "advance",
            "fault",
            "notices",
            "ws",
            "hts",
            "cancel",
            "drain",
            "expect",
            "await");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final int MESSAGE_TAIL = 20;

    private final ScenarioWorld w;
    private final PrintStream dump;
    private final Map<String, UUID> intents = new HashMap<>();
    private final Map<String, UUID> positions = new HashMap<>();
    private final Map<String, OrderKey> external = new HashMap<>();
    private final ObjectNode faults = JSON.createObjectNode();
    private final AtomicInteger seq = new AtomicInteger();
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");

    ScenarioRunner(ScenarioWorld world, PrintStream dump) {
        this.w = world;
        this.dump = dump;
    }

    /** Runs every step; on failure prints the dumps and throws with {@code file:line}. */
    void run(Script script) {
        for (Script.Step s : script.steps()) {
            try {
                step(s);
            } catch (ScenarioException e) {
                dumpState(s, e);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioException(s.where() + ": interrupted", e);
            } catch (AssertionError | Exception e) {
                ScenarioException f =
                        new ScenarioException(s.where() + ": '" + s.text() + "' failed: " + e.getMessage(), e);
                dumpState(s, f);
                throw f;
            }
        }
    }

    private void step(Script.Step s) throws Exception {
        switch (s.verb()) {
            case "intent" -> intent(s);
            case "position" -> position(s);
            case "submit" -> w.submitter.runPass(100, false);
            case "pass" ->
                System.out.println(
                        s.where() + " [" + w.name() + "] " + pass(s, s.word(1)).run());
            case "market" -> market(s);
            case "advance" -> w.sim.broker().advance(duration(s, s.word(1)));
            case "fault" -> fault(s, s.word(1), s.words().size() > 2 ? s.word(2) : null);
            case "notices" -> notices(s);
            case "ws" -> ws(s);
            case "hts" -> hts(s);
            case "cancel" -> cancel(s);
            case "drain" -> drain(s);
            case "expect" ->
                expectation(s, s.words().subList(1, s.words().size())).run();
            case "await" -> awaitStep(s);
            default -> throw new ScenarioException(s.where() + ": unknown command '" + s.verb() + "'");
        }
    }

    // ---- actions ------------------------------------------------------------------------------------

    /** {@code intent <alias> ENTRY|EXIT_PARTIAL|EXIT_FULL <symbol> <qty> MKT|LMT [price] [position <alias>]}. */
    private void intent(Script.Step s) {
        String alias = s.word(1);
        if (intents.containsKey(alias)) {
            throw new ScenarioException(s.where() + ": intent alias '" + alias + "' already used");
        }
        String type = oneOf(s, s.word(2), "ENTRY", "EXIT_PARTIAL", "EXIT_FULL");
        String symbol = s.word(3);
        long qty = number(s, s.word(4));
        String orderType = oneOf(s, s.word(5), "MKT", "LMT");
        int next = 6;
        String price = null;
        if (orderType.equals("LMT")) {
            price = String.valueOf(price(s, symbol, s.word(6)));
            next = 7;
        }
        UUID position = null;
        if (s.words().size() > next) {
            if (!s.word(next).equals("position")) {
                throw new ScenarioException(
                        s.where() + ": expected 'position <alias>' after the order, got " + s.word(next));
            }
            String name = s.word(next + 1);
            position = Optional.ofNullable(positions.get(name))
                    .orElseThrow(() -> new ScenarioException(s.where() + ": no position '" + name + "'"));
        }
        UUID id = UUID.randomUUID();
        Instant at = created = created.plusSeconds(1);
        UUID pos = position;
        String p = price;
        w.jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, :pos, :sym, :type, :qty, :ot, CAST(:price AS numeric), 'SCENARIO', :key, :at, :at)""")
                .bind("id", id)
                .bind("pos", pos)
                .bind("sym", symbol)
                .bind("type", type)
                .bind("qty", qty)
                .bind("ot", orderType)
                .bind("price", p)
                .bind("key", "scn-" + seq.incrementAndGet() + "-" + id)
                .bind("at", at)
                .execute());
        intents.put(alias, id);
    }

    /** {@code position <alias> <symbol> <qty>}: an OPEN long position row (as a strategy writes it). */
    private void position(Script.Step s) {
        UUID id = UUID.randomUUID();
        w.jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status)
                        VALUES (:id, :acc, :sym, 'LONG', :qty, 1, now(), 'OPEN')""")
                .bind("id", id)
                .bind("acc", ScenarioWorld.ACCOUNT)
                .bind("sym", s.word(2))
                .bind("qty", number(s, s.word(3)))
                .execute());
        positions.put(s.word(1), id);
    }

    private EnginePass pass(Script.Step s, String name) {
        return switch (name) {
            case "submit" ->
                () -> {
                    int sent = w.submitter.runPass(100, false).size();
                    return PassReport.complete("submit", sent, sent + " intents");
                };
            case "resolve-unknown" -> w.resolver;
            case "parked" -> w.parkedPass;
            case "sync-holdings" -> w.holdings;
            case "sync-fills", "sync-unfilled", "reconcile" -> w.syncPass(s, name);
            default ->
                throw new ScenarioException(s.where() + ": unknown pass '" + name
                        + "' (submit, resolve-unknown, parked, sync-holdings, sync-fills, sync-unfilled, reconcile)");
        };
    }

    /** {@code market <symbol> price <p>}: forces the price (crossing limit orders execute). */
    private void market(Script.Step s) {
        String symbol = s.word(1);
        if (!s.word(2).equals("price")) {
            throw new ScenarioException(s.where() + ": expected 'market <symbol> price <price>'");
        }
        w.sim.broker().setPrice(symbol, price(s, symbol, s.word(3)));
    }

    /** {@code fault <key> <value>} (a simulator fault, /sim/faults key) or {@code fault clear}. */
    private void fault(Script.Step s, String key, String value) {
        if (key.equals("clear")) {
            faults.removeAll();
        } else {
            if (!Faults.KEYS.contains(key)) {
                throw new ScenarioException(s.where() + ": unknown fault '" + key + "' (known: " + Faults.KEYS + ")");
            }
            if (value == null) {
                throw new ScenarioException(s.where() + ": fault " + key + " needs a value");
            }
            if (value.equals("true") || value.equals("false")) {
                faults.put(key, Boolean.parseBoolean(value));
            } else {
                faults.put(key, new BigDecimal(value));
            }
        }
        w.sim.setFaults(Faults.parse(faults.toString()));
    }

    /** {@code notices drop|dup|reorder|corrupt <rate>} or {@code notices clean}: the notice faults. */
    private void notices(Script.Step s) {
        String what = s.word(1);
        if (what.equals("clean")) {
            for (String k : List.of("ws_drop_rate", "ws_duplicate_rate", "ws_reorder_rate", "corrupt_frame_rate")) {
                faults.remove(k);
            }
            w.sim.setFaults(Faults.parse(faults.toString()));
            return;
        }
        String key =
                switch (what) {
                    case "drop" -> "ws_drop_rate";
                    case "dup" -> "ws_duplicate_rate";
                    case "reorder" -> "ws_reorder_rate";
                    case "corrupt" -> "corrupt_frame_rate";
                    default ->
                        throw new ScenarioException(s.where() + ": notices drop|dup|reorder|corrupt <rate> or clean");
                };
        fault(s, key, s.word(2));
    }

    /**
     * {@code ws drop} (cut every session; the client reconnects), {@code ws silent <seconds>} (sessions go
     * half-open after that long: the {@code ws_silent_after_s} fault), {@code ws await-subscribed},
     * {@code ws await-silent} (every open session has gone half-open).
     */
    private void ws(Script.Step s) {
        switch (s.word(1)) {
            case "drop" -> w.sim.wsServer().dropAll();
            case "silent" -> fault(s, "ws_silent_after_s", s.word(2));
            case "await-subscribed" -> await().atMost(DEFAULT_WAIT).until(w.stream::isSubscribed);
            case "await-silent" -> await().atMost(DEFAULT_WAIT).until(w.sim.wsServer()::everySessionSilent);
            default ->
                throw new ScenarioException(
                        s.where() + ": ws drop | ws silent <seconds> | ws await-subscribed | ws await-silent");
        }
    }

    /** {@code hts order <alias> <symbol> BUY|SELL <qty> [<limit price>]}: an order typed into the HTS. */
    private void hts(Script.Step s) {
        if (!s.word(1).equals("order")) {
            throw new ScenarioException(s.where() + ": hts order <alias> <symbol> BUY|SELL <qty> [price]");
        }
        String symbol = s.word(3);
        Side side = Side.valueOf(oneOf(s, s.word(4), "BUY", "SELL"));
        long qty = number(s, s.word(5));
        boolean limit = s.words().size() > 6;
        long price = limit ? price(s, symbol, s.word(6)) : 0;
        OrderResult r =
                w.sim.broker().placeOrder(new PlaceOrder(symbol, side, limit ? "00" : "01", qty, price, Source.HTS));
        if (!(r instanceof OrderResult.Accepted a)) {
            throw new ScenarioException(s.where() + ": the HTS order was refused: " + r);
        }
        external.put(s.word(2), OrderKey.of(ScenarioWorld.ACCOUNT, TradingDate.today(w.clock), a.odno()));
    }

    /**
     * {@code cancel <alias> [qty]}: with a quantity, the engine's partial cancel (engine.cancel
     * PartialCanceller: journaled, the cancel row recorded as REVISION); without, the kill switch on
     * that one order (cancels what is left and waits until it is closed).
     */
    private void cancel(Script.Step s) throws InterruptedException {
        Order o = order(s, s.word(1));
        if (s.words().size() > 2) {
            PartialResult r = w.partialCanceller.cancel(o.key(), number(s, s.word(2)), UUID.randomUUID());
            System.out.println(s.where() + " [" + w.name() + "] " + r);
            if (r.outcome().unresolved()) {
                throw new ScenarioException(s.where() + ": partial cancel unresolved: " + r);
            }
        } else {
            KillReport r = w.killSwitch.run(KillSwitch.Selection.of(o.key()));
            System.out.println(s.where() + " [" + w.name() + "] " + r);
        }
    }

    private void drain(Script.Step s) throws InterruptedException {
        if (!w.pipeline.awaitIdle(DEFAULT_WAIT)) {
            throw new ScenarioException(s.where() + ": the notice pipeline did not drain");
        }
    }

    /**
     * {@code await <expectation words> within <duration> [running <pass>]}: retries the expectation
     * until it holds; with {@code running}, runs the pass before each try (a loop's cadence, compressed).
     */
    private void awaitStep(Script.Step s) {
        List<String> words = s.words();
        int within = words.lastIndexOf("within");
        int running = words.lastIndexOf("running");
        boolean hasPass = running == within + 2 && running == words.size() - 2;
        if (within < 2 || (!hasPass && within != words.size() - 2)) {
            throw new ScenarioException(s.where() + ": await <expectation> within <duration> [running <pass>]");
        }
        EnginePass pass = hasPass ? pass(s, words.get(running + 1)) : null;
        List<String> what = words.subList(1, within);
        if (what.get(0).equals("expect")) {
            what = what.subList(1, what.size());
        }
        Runnable check = expectation(s, what);
        await().atMost(duration(s, words.get(within + 1)))
                .pollInterval(Duration.ofMillis(hasPass ? 250 : 100))
                .untilAsserted(() -> {
                    try {
                        if (pass != null) {
                            pass.run();
                        }
                        check.run();
                    } catch (ScenarioException e) {
                        throw new AssertionError(e.getMessage(), e);
                    }
                });
    }

    // ---- expectations -------------------------------------------------------------------------------

    private Runnable expectation(Script.Step s, List<String> words) {
        if (words.isEmpty()) {
            throw new ScenarioException(s.where() + ": expect what?");
        }
        Expectations e = new Expectations(s, this);
        return switch (words.get(0)) {
            case "order" -> () -> e.order(words);
            case "intent" -> () -> e.intent(words);
            case "fills" -> () -> e.fills(words);
            case "broker-orders" -> () -> e.brokerOrders(words);
            case "ledger" -> () -> e.ledger(words);
            case "parked" -> () -> e.parked(words);
            case "orders" -> () -> e.orders(words);
            case "held" -> () -> e.held(words);
            case "outbox" -> () -> e.outbox(words);
            default ->
                throw new ScenarioException(s.where() + ": unknown expectation '" + words.get(0)
                        + "' (order, intent, fills, broker-orders, ledger, parked, orders, held, outbox)");
        };
    }

    // ---- lookups used by Expectations ---------------------------------------------------------------

    ScenarioWorld world() {
        return w;
    }

    UUID intentId(Script.Step s, String alias) {
        UUID id = intents.get(alias);
        if (id == null) {
            throw new ScenarioException(s.where() + ": no intent '" + alias + "'");
        }
        return id;
    }

    /** The order of an intent alias (not its cancel/modify rows), or of an HTS alias. */
    Order order(Script.Step s, String alias) {
        OrderKey key = external.get(alias);
        Optional<Order> o = key != null
                ? OrderStore.of(w.jdbi).findByKey(key)
                : OrderStore.of(w.jdbi).findByIntent(intentId(s, alias));
        return o.orElseThrow(() -> new ScenarioException(s.where() + ": no order row for '" + alias + "'"));
    }

    boolean isExternal(String alias) {
        return external.containsKey(alias);
    }

    FillStore.Totals live(Order o) {
        return FillStore.of(w.jdbi).totals(o.key().orderId());
    }

    Optional<OrderRecord> ledgerOrder(String odno) {
        String n = OrderKey.normalizeOdno(odno);
        return w.sim.broker().ledger().orders().stream()
                .filter(r -> OrderKey.normalizeOdno(r.odno()).equals(n))
                .findFirst();
    }

    CheckResult ledgerCheck(boolean exactlyOnce) {
        DbFacts facts = DbFacts.read(w.jdbi, ScenarioWorld.ACCOUNT);
        return LedgerCheck.check(
                new LedgerReader(w.sim.adminUrl()).read(),
                facts,
                new LedgerCheck.Options(ScenarioWorld.ACCOUNT, exactlyOnce && w.env == KisEnv.REAL));
    }

    // ---- words --------------------------------------------------------------------------------------

    static long number(Script.Step s, String word) {
        try {
            return Long.parseLong(word.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ScenarioException(s.where() + ": not a number: '" + word + "'");
        }
    }

    static String oneOf(Script.Step s, String word, String... allowed) {
        for (String a : allowed) {
            if (a.equals(word)) {
                return a;
            }
        }
        throw new ScenarioException(s.where() + ": '" + word + "' is not one of " + List.of(allowed));
    }

    /** A price: a number, or {@code mkt}, {@code mkt+N}, {@code mkt-N} relative to the symbol's current price. */
    long price(Script.Step s, String symbol, String word) {
        if (!word.startsWith("mkt")) {
            return number(s, word);
        }
        Long now = w.sim.broker().prices().get(symbol);
        if (now == null) {
            throw new ScenarioException(s.where() + ": unknown symbol " + symbol);
        }
        String rest = word.substring(3);
        if (rest.isEmpty()) {
            return now;
        }
        long delta = number(s, rest.substring(1));
        return switch (rest.charAt(0)) {
            case '+' -> now + delta;
            case '-' -> now - delta;
            default -> throw new ScenarioException(s.where() + ": price is N, mkt, mkt+N or mkt-N: '" + word + "'");
        };
    }

    /** {@code 500ms}, {@code 3s}, {@code 2m}. */
    static Duration duration(Script.Step s, String word) {
        String v = word.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ScenarioException(s.where() + ": not a duration (500ms, 3s, 2m): '" + word + "'");
    }

    // ---- dumps --------------------------------------------------------------------------------------

    private void dumpState(Script.Step s, Exception failure) {
        dump.println("==== scenario " + s.where() + " failed in " + w.name() + ": " + failure.getMessage());
        dump.println("==== threads");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            dump.println("\"" + t.getName() + "\" " + t.getState());
            for (StackTraceElement e : stack) {
                dump.println("    at " + e);
            }
        });
        dump.println("==== last " + MESSAGE_TAIL + " broker messages (trade.broker_messages)");
        try {
            w.audit.flush(Duration.ofSeconds(2));
            List<Map<String, Object>> tail = new ArrayList<>(w.jdbi.withHandle(
                    h -> h.createQuery("""
                            SELECT id, received_ts, channel, tr_id, endpoint, parse_outcome, payload
                              FROM trade.broker_messages ORDER BY id DESC LIMIT :n""").bind("n", MESSAGE_TAIL).mapToMap().list()));
            Collections.reverse(tail);
            tail.forEach(dump::println);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            dump.println("(could not read broker_messages: " + e + ")");
        }
        dump.println("==== simulator ledger");
        try {
            w.sim.broker()
                    .ledger()
                    .orders()
                    .forEach(r -> dump.println(r.odno() + " " + r.symbol() + " " + r.side()
                            + " qty=" + r.qty() + " filled=" + r.filledQty() + " cancelled=" + r.cancelledQty()
                            + " rejected="
                            + r.rejectedQty() + " status=" + r.status() + " orig=" + r.origOdno() + " source="
                            + r.source()));
            w.sim.broker().holdings().forEach(dump::println);
        } catch (RuntimeException e) {
            dump.println("(could not read the ledger: " + e + ")");
        }
        dump.println("==== end of dump for " + s.where());
        dump.flush();
    }
}
