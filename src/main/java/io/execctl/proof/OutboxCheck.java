package io.execctl.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbIntent;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox against the final rows: a strategy that follows only {@code trade.outbox} must end up
 * knowing what the tables say. Every fill row announced by exactly one {@code FILL} event (and every
 * voiding exactly once), every order's last announced status equal to its row, a terminal status
 * announced once (a later move is an {@code ORDER_CORRECTED}, never a second plain announcement), and
 * every terminal intent's last {@code INTENT_STATUS} equal to its row. {@link #check} is pure.
 */
public final class OutboxCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL_ORDER = Set.of("FILLED", "CANCELLED", "CANCELLED_PARTIAL", "REJECTED");
    private static final Set<String> TERMINAL_INTENT = Set.of("FILLED", "CANCELLED", "REJECTED", "FAILED", "DUPLICATE");

    /**
     * One outbox row, its payload's fields that matter here (null when absent).
     *
     * @param to     an order status event's new status ({@code to}, or {@code status} of a creation event)
     * @param from   an order status event's previous status
     * @param seq    an intent status event's sequence number (-1 when absent)
     */
    public record Event(
            long id, String type, String aggregateId, String fillId, boolean voided, String to, String from, long seq) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(aggregateId, "aggregateId");
        }

        @Override
        public String toString() {
            return "trade.outbox " + id + " " + type + " " + aggregateId
                    + (fillId == null ? "" : " fill " + fillId + (voided ? " voided" : ""))
                    + (to == null ? "" : " " + (from == null ? "" : from + "->") + to)
                    + (seq < 0 ? "" : " seq " + seq);
        }
    }

    private OutboxCheck() {}

    /** Reads the events in id order (per order and per intent their writers are serialized). */
    public static List<Event> read(Jdbi jdbi) {
        return jdbi.withHandle(OutboxCheck::read);
    }

    /** As {@link #read(Jdbi)} on {@code h}: in the transaction of {@link DbFacts#read(Handle, String)}, one snapshot. */
    public static List<Event> read(Handle h) {
        return h.createQuery(
                        "SELECT id, event_type, aggregate_id, payload::text AS payload FROM trade.outbox ORDER BY id")
                .map((rs, ctx) -> event(
                        rs.getLong("id"),
                        rs.getString("event_type"),
                        rs.getString("aggregate_id"),
                        rs.getString("payload")))
                .list();
    }

    static Event event(long id, String type, String aggregateId, String payload) {
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("outbox row " + id + " has a payload that is not JSON", e);
        }
        String to = text(p, "to");
        if (to == null && (type.equals("ORDER_STATUS") || type.equals("ORDER_CORRECTED"))) {
            to = text(p, "status");
        }
        if (type.equals("INTENT_STATUS")) {
            to = text(p, "status");
        }
        return new Event(
                id,
                type,
                aggregateId,
                text(p, "fill_id"),
                p.path("voided").asBoolean(false),
                to,
                text(p, "from"),
                p.has("seq") ? p.get("seq").asLong() : -1);
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public static List<Violation> check(DbFacts db, List<Event> events) {
        List<Violation> out = new ArrayList<>();
        fills(db, events, out);
        orders(db, events, out);
        intents(db, events, out);
        return out;
    }

    private static void fills(DbFacts db, List<Event> events, List<Violation> out) {
        Map<String, List<Event>> fillEvents = new HashMap<>();
        Map<String, List<Event>> voidEvents = new HashMap<>();
        for (Event e : events) {
            if (e.fillId() == null) {
                continue;
            }
            if (e.type().equals("FILL")) {
                fillEvents.computeIfAbsent(e.fillId(), k -> new ArrayList<>()).add(e);
            } else if (e.type().equals("FILL_VOIDED")) {
                voidEvents.computeIfAbsent(e.fillId(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, DbFill> rows = new HashMap<>();
        for (DbFill f : db.fills()) {
            String id = f.fillId().toString();
            rows.put(id, f);
            List<Event> fe = fillEvents.getOrDefault(id, List.of());
            List<Event> ve = voidEvents.getOrDefault(id, List.of());
            if (fe.size() != 1) {
                out.add(new Violation(
                        Rule.OUTBOX_FILL, "fill " + id + " announced " + fe.size() + " times", rows(f, fe, ve)));
            }
            long voidings = ve.size() + fe.stream().filter(Event::voided).count();
            if (f.voided() && voidings != 1) {
                out.add(new Violation(
                        Rule.OUTBOX_VOID,
                        "voided fill " + id + " announced as voided " + voidings + " times",
                        rows(f, fe, ve)));
            } else if (!f.voided() && voidings > 0) {
                out.add(new Violation(Rule.OUTBOX_VOID, "live fill " + id + " announced as voided", rows(f, fe, ve)));
            }
        }
        fillEvents.forEach((id, fe) -> {
            if (!rows.containsKey(id)) {
                out.add(new Violation(
                        Rule.OUTBOX_FILL,
                        "FILL event of fill " + id + " that has no row",
                        fe.stream().map(Event::toString).toList()));
            }
        });
    }

    private static List<String> rows(DbFill f, List<Event> fe, List<Event> ve) {
        List<String> r = new ArrayList<>(List.of(f.toString()));
        fe.forEach(e -> r.add(e.toString()));
        ve.forEach(e -> r.add(e.toString()));
        return r;
    }

    private static void orders(DbFacts db, List<Event> events, List<Violation> out) {
        Map<String, List<Event>> byOrder = new HashMap<>();
        for (Event e : events) {
            if ((e.type().equals("ORDER_STATUS") || e.type().equals("ORDER_CORRECTED")) && e.to() != null) {
                byOrder.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (DbOrder o : db.orders()) {
            List<Event> es = byOrder.getOrDefault(o.orderId(), List.of());
            List<String> rows = new ArrayList<>(List.of(o.toString()));
            es.forEach(e -> rows.add(e.toString()));
            // the creation events (SUBMITTED / LINKED / EXTERNAL) say only that the order exists
            Event last = null;
            for (Event e : es) {
                if (e.from() != null || TERMINAL_ORDER.contains(e.to())) {
                    last = e;
                }
            }
            if (TERMINAL_ORDER.contains(o.status())
                    && (last == null || !last.to().equals(o.status()))) {
                out.add(new Violation(
                        Rule.OUTBOX_ORDER_STATUS,
                        "order " + o.orderId() + " is " + o.status() + " but the outbox last said "
                                + (last == null ? "nothing terminal" : last.to()),
                        rows));
            } else if (!TERMINAL_ORDER.contains(o.status())
                    && last != null
                    && !last.to().equals(o.status())) {
                out.add(new Violation(
                        Rule.OUTBOX_ORDER_STATUS,
                        "order " + o.orderId() + " is " + o.status() + " but the outbox last said " + last.to(),
                        rows));
            }
            boolean terminalAnnounced = false;
            for (Event e : es) {
                boolean correction = e.type().equals("ORDER_CORRECTED");
                if (correction) {
                    terminalAnnounced = TERMINAL_ORDER.contains(e.to());
                    continue;
                }
                if (e.from() != null && TERMINAL_ORDER.contains(e.from()) && !TERMINAL_ORDER.contains(e.to())) {
                    out.add(new Violation(
                            Rule.OUTBOX_ORDER_STATUS,
                            "order " + o.orderId() + " moved back from " + e.from() + " without a correction",
                            rows));
                }
                if (TERMINAL_ORDER.contains(e.to())) {
                    if (terminalAnnounced) {
                        out.add(new Violation(
                                Rule.OUTBOX_TERMINAL_TWICE,
                                "order " + o.orderId() + ": terminal status announced again without a correction",
                                rows));
                    }
                    terminalAnnounced = true;
                }
            }
        }
    }

    private static void intents(DbFacts db, List<Event> events, List<Violation> out) {
        Map<String, Event> lastByIntent = new HashMap<>();
        for (Event e : events) {
            if (e.type().equals("INTENT_STATUS") && e.to() != null) {
                lastByIntent.merge(e.aggregateId(), e, (a, b) -> b.seq() >= a.seq() ? b : a);
            }
        }
        for (DbIntent i : db.intents()) {
            if (!TERMINAL_INTENT.contains(i.status())) {
                continue;
            }
            Event last = lastByIntent.get(i.intentId().toString());
            if (last == null || !last.to().equals(i.status())) {
                out.add(new Violation(
                        Rule.OUTBOX_INTENT_STATUS,
                        "intent " + i.intentId() + " is " + i.status() + " but the outbox last said "
                                + (last == null ? "nothing" : last.to()),
                        last == null ? List.of(i.toString()) : List.of(i.toString(), last.toString())));
            }
        }
    }
}
