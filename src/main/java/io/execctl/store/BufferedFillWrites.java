package io.execctl.store;

import io.execctl.domain.Fill;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The fill inserts, voids and outbox events of a run of fill-model steps, held back and sent as
 * three batched statements (one round trip each) instead of one statement per row. Written in the
 * order they were added: {@link #flush} inserts the fills (so {@code row_no} follows the steps), then
 * voids (a row inserted in the run may be voided later in it), then the outbox events (so their ids
 * follow the steps). The statements and their idempotency keys are those of {@link FillStore#insert},
 * {@link FillStore#voidFill} and {@link OutboxStore#append}.
 */
final class BufferedFillWrites {
    private record Insert(Fill fill, String rawJson) {}

    private record Voiding(Fill fill, Instant at) {}

    private final Handle handle;
    private final List<Insert> inserts = new ArrayList<>();
    private final List<Voiding> voids = new ArrayList<>();
    private final List<OutboxEvent> events = new ArrayList<>();

    BufferedFillWrites(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /** A fill to store live (ON CONFLICT on its id does nothing, as {@link FillStore#insert}). */
    void insert(Fill live, String rawJson) {
        if (live.voided()) {
            throw new IllegalArgumentException("a fill is stored live and voided afterwards");
        }
        inserts.add(new Insert(live, rawJson));
    }

    /** {@code voided} carries the reason. */
    void voidFill(Fill voided, Instant at) {
        voids.add(new Voiding(Objects.requireNonNull(voided, "voided"), Objects.requireNonNull(at, "at")));
    }

    void announce(OutboxEvent e) {
        events.add(Objects.requireNonNull(e, "event"));
    }

    /** Sends everything held back, in the handle's open transaction. */
    void flush() {
        if (!inserts.isEmpty()) {
            PreparedBatch b = handle.prepareBatch("""
                    INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, fee, tax, source, receipt, raw)
                    VALUES (:fillId, :orderId, :ts, :qty, :price, :amount, :fee, :tax, :source, :receipt, CAST(:raw AS jsonb))
                    ON CONFLICT (fill_id) DO NOTHING
                    """);
            for (Insert i : inserts) {
                Fill f = i.fill();
                b.bind("fillId", f.fillId())
                        .bind("orderId", f.orderId())
                        .bind("ts", f.ts())
                        .bind("qty", f.qty())
                        .bind("price", f.price())
                        .bind("amount", f.amount())
                        .bind("fee", f.fee())
                        .bind("tax", f.tax())
                        .bind("source", f.source().name())
                        .bind("receipt", f.receipt())
                        .bind("raw", i.rawJson())
                        .add();
            }
            b.execute();
            inserts.clear();
        }
        if (!voids.isEmpty()) {
            PreparedBatch b = handle.prepareBatch("""
                    UPDATE trade.fills SET voided = true, void_reason = :reason, voided_ts = :at
                     WHERE fill_id = :id AND NOT voided
                    """);
            for (Voiding v : voids) {
                b.bind("id", v.fill().fillId())
                        .bind("reason", v.fill().voidReason())
                        .bind("at", v.at())
                        .add();
            }
            b.execute();
            voids.clear();
        }
        if (!events.isEmpty()) {
            PreparedBatch b = handle.prepareBatch("""
                    INSERT INTO trade.outbox (event_type, aggregate_id, event_key, payload, created_ts)
                    VALUES (:type, :agg, :key, CAST(:payload AS jsonb), :ts)
                    ON CONFLICT (event_key) DO NOTHING
                    """);
            for (OutboxEvent e : events) {
                b.bind("type", e.eventType())
                        .bind("agg", e.aggregateId())
                        .bind("key", e.eventKey())
                        .bind("payload", e.payloadJson())
                        .bind("ts", e.createdTs())
                        .add();
            }
            b.execute();
            events.clear();
        }
    }
}
