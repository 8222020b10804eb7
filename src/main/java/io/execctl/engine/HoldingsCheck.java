package io.execctl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Holding;
import io.execctl.domain.PositionDiff;
import io.execctl.store.CursorStore;
import io.execctl.store.OutboxEvent;
import io.execctl.store.OutboxStore;
import io.execctl.store.PositionStore;
import io.execctl.store.SymbolActivityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Judges a freshly replaced, complete balance against the open positions, inside the transaction
 * that replaced it. The quiet period: a symbol whose orders, fills or positions moved within
 * {@code quietPeriod} before the balance was read is in flight and gets no verdict this cycle.
 *
 * <p>The mismatches currently raised are remembered in {@code trade.sync_cursors} (name
 * {@code holdings.mismatches/<account>}), so that an outbox event goes out when a mismatch appears
 * or changes (kind or quantities) and a {@value #CLEARED} event when it is gone — not every cycle
 * while it persists. A pending symbol keeps its remembered state untouched.
 */
public final class HoldingsCheck {
    /** Outbox event type when a raised mismatch no longer holds. */
    public static final String CLEARED = "HOLDING_MISMATCH_CLEARED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration quietPeriod;

    public HoldingsCheck(Duration quietPeriod) {
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quiet period must not be negative");
        }
        this.quietPeriod = quietPeriod;
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    /** The cursor row holding the raised mismatches of {@code accountId}. */
    public static String stateName(String accountId) {
        return "holdings.mismatches/" + accountId;
    }

    /** What a check found and announced. */
    public record Judgement(PositionDiff diff, List<PositionDiff.Row> raised, List<String> cleared) {
        public Judgement {
            Objects.requireNonNull(diff, "diff");
            raised = List.copyOf(raised);
            cleared = List.copyOf(cleared);
        }
    }

    /** Compares, appends the outbox events and saves the raised set, all on {@code h}'s transaction. */
    public Judgement judge(Handle h, String accountId, List<Holding> holdings, Instant syncedAt) {
        Set<String> inFlight = SymbolActivityStore.on(h).activeSince(accountId, syncedAt.minus(quietPeriod));
        PositionDiff diff = PositionDiff.compare(holdings, PositionStore.on(h).findOpen(accountId), inFlight);
        CursorStore cursors = CursorStore.on(h);
        Map<String, JsonNode> before =
                readState(cursors.get(stateName(accountId)).orElse("{}"));
        Map<String, JsonNode> after = new TreeMap<>();
        List<PositionDiff.Row> raised = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        OutboxStore outbox = OutboxStore.on(h);
        for (PositionDiff.Row row : diff.rows()) {
            JsonNode previous = before.remove(row.symbol());
            if (row.pending()) {
                if (previous != null) {
                    after.put(row.symbol(), previous);
                }
                continue;
            }
            if (row.isVerdict()) {
                boolean same = previous != null && sameMismatch(previous, row);
                ObjectNode state = same ? (ObjectNode) previous : stateOf(row, syncedAt);
                after.put(row.symbol(), state);
                if (!same) {
                    raised.add(row);
                    outbox.append(OutboxEvent.of(
                            OutboxEvent.HOLDING_MISMATCH,
                            accountId + ":" + row.symbol(),
                            OutboxEvent.HOLDING_MISMATCH + ":" + accountId + ":" + row.symbol() + ":" + row.kind() + ":"
                                    + row.positionQty() + ":" + row.holdingQty() + ":" + syncedAt.toEpochMilli(),
                            payload(accountId, row, syncedAt),
                            syncedAt));
                }
            } else if (previous != null) {
                clear(outbox, accountId, row.symbol(), previous, syncedAt);
                cleared.add(row.symbol());
            }
        }
        // Raised symbols that left both sides entirely (no holding row, no open position).
        for (Iterator<Map.Entry<String, JsonNode>> it = before.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            clear(outbox, accountId, e.getKey(), e.getValue(), syncedAt);
            cleared.add(e.getKey());
        }
        cursors.put(stateName(accountId), write(after), syncedAt);
        return new Judgement(diff, raised, cleared);
    }

    private static void clear(OutboxStore outbox, String accountId, String symbol, JsonNode previous, Instant at) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account_id", accountId);
        p.put("symbol", symbol);
        p.set("was", previous);
        p.put("cleared_at", at.toString());
        outbox.append(OutboxEvent.of(
                CLEARED,
                accountId + ":" + symbol,
                CLEARED + ":" + accountId + ":" + symbol + ":"
                        + previous.path("since").asText(),
                write(p),
                at));
    }

    private static boolean sameMismatch(JsonNode s, PositionDiff.Row row) {
        return row.kind().name().equals(s.path("kind").asText())
                && s.path("position_qty").asLong() == row.positionQty()
                && s.path("holding_qty").asLong() == row.holdingQty();
    }

    private static ObjectNode stateOf(PositionDiff.Row row, Instant since) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", row.kind().name());
        s.put("position_qty", row.positionQty());
        s.put("holding_qty", row.holdingQty());
        s.put("since", since.toString());
        return s;
    }

    private static String payload(String accountId, PositionDiff.Row row, Instant syncedAt) {
        ObjectNode p = JSON.createObjectNode();
        p.put("account_id", accountId);
        p.put("symbol", row.symbol());
        p.put("kind", row.kind().name());
        p.put("position_qty", row.positionQty());
        p.put("holding_qty", row.holdingQty());
        p.put("difference", row.difference());
        p.put(
                "position_avg_price",
                row.positionAvgPrice() == null ? null : row.positionAvgPrice().toPlainString());
        p.put(
                "holding_avg_price",
                row.holdingAvgPrice() == null ? null : row.holdingAvgPrice().toPlainString());
        p.put("holdings_synced_at", syncedAt.toString());
        return write(p);
    }

    private static Map<String, JsonNode> readState(String json) {
        Map<String, JsonNode> m = new TreeMap<>();
        try {
            JsonNode n = JSON.readTree(json);
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable holdings mismatch state: " + e.getOriginalMessage(), e);
        }
        return m;
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
