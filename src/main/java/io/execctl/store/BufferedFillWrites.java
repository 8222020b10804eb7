package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.FillModel;
import io.execctl.domain.FillSource;
import io.execctl.domain.OrderKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
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

    /**
     * A fill-model step's fills of one order: each inserted fill (voided at once if the model says so)
     * with its {@code FILL} event, each voided one with its {@code FILL_VOIDED} event. One place for the
     * notice path and the batched REST path, so both announce exactly the same events.
     *
     * @param wsRaw the raw notice of a WebSocket fill (kept with it), by fill
     */
    void step(String orderId, FillModel.Step step, Function<Fill, String> wsRaw, Instant now) {
        for (Fill f : step.inserted()) {
            insert(FillApplier.live(f), f.source() == FillSource.WS ? wsRaw.apply(f) : null);
            if (f.voided()) {
                voidFill(f, now);
            }
            announce(OutboxEvent.of(OutboxEvent.FILL, orderId, "FILL:" + f.fillId(), FillApplier.fillJson(f), now));
        }
        for (Fill f : step.voided()) {
            voidFill(f, now);
            announce(OutboxEvent.of(
                    OutboxEvent.FILL_VOIDED, orderId, "FILL_VOIDED:" + f.fillId(), FillApplier.fillJson(f), now));
        }
    }

    void announce(OutboxEvent e) {
        events.add(Objects.requireNonNull(e, "event"));
    }

    /**
     * The fills, the outbox events and the orders' new state as ONE statement (data-modifying CTEs
     * over arrays, one round trip): each part's rows are inserted in the order they were added
     * ({@code WITH ORDINALITY}), so {@code row_no} and outbox ids follow the steps as with
     * {@link #flush}, and the idempotency keys ({@code ON CONFLICT}) are the same. The parts touch
     * different tables, so running them under one snapshot changes nothing. A run with a void is not
     * sent this way (a void may hit a row inserted in the same run, which the statement's snapshot
     * would not see): returns false and sends nothing; use {@link #flush} and the orders' batch then.
     *
     * @param commit send {@code COMMIT} with the statement (same Sync, one round trip): the caller's
     *               transaction must end here. If the statement fails the server skips the COMMIT
     *               (the transaction is aborted, the caller rolls back); if it succeeds the driver's
     *               own {@code commit()} finds the connection idle and sends nothing.
     */
    boolean flushWith(Map<OrderKey, OrderStore.Progress> progress, boolean commit) {
        if (!voids.isEmpty()) {
            return false;
        }
        if (inserts.isEmpty() && events.isEmpty() && progress.isEmpty()) {
            if (commit) {
                handle.execute("COMMIT");
            }
            return true;
        }
        int n = inserts.size();
        List<String> fid = new ArrayList<>(n),
                foid = new ArrayList<>(n),
                fts = new ArrayList<>(n),
                fqty = new ArrayList<>(n),
                fprice = new ArrayList<>(n),
                famount = new ArrayList<>(n),
                ffee = new ArrayList<>(n),
                ftax = new ArrayList<>(n),
                fsource = new ArrayList<>(n),
                freceipt = new ArrayList<>(n),
                fraw = new ArrayList<>(n);
        for (Insert i : inserts) {
            Fill f = i.fill();
            fid.add(f.fillId().toString());
            foid.add(f.orderId());
            fts.add(text(f.ts()));
            fqty.add(Long.toString(f.qty()));
            fprice.add(text(f.price()));
            famount.add(text(f.amount()));
            ffee.add(text(f.fee()));
            ftax.add(text(f.tax()));
            fsource.add(f.source().name());
            freceipt.add(f.receipt());
            fraw.add(i.rawJson());
        }
        int m = events.size();
        List<String> etype = new ArrayList<>(m),
                eagg = new ArrayList<>(m),
                ekey = new ArrayList<>(m),
                epayload = new ArrayList<>(m),
                ets = new ArrayList<>(m);
        for (OutboxEvent e : events) {
            etype.add(e.eventType());
            eagg.add(e.aggregateId());
            ekey.add(e.eventKey());
            epayload.add(e.payloadJson());
            ets.add(text(e.createdTs()));
        }
        int k = progress.size();
        List<String> oacc = new ArrayList<>(k),
                odate = new ArrayList<>(k),
                oodno = new ArrayList<>(k),
                ofilled = new ArrayList<>(k),
                oopen = new ArrayList<>(k),
                oavg = new ArrayList<>(k),
                obs = new ArrayList<>(k),
                ost = new ArrayList<>(k),
                ots = new ArrayList<>(k),
                obq = new ArrayList<>(k),
                oba = new ArrayList<>(k),
                obf = new ArrayList<>(k);
        progress.forEach((key, p) -> {
            oacc.add(key.accountId());
            odate.add(key.orderDate().toString());
            oodno.add(key.odno());
            ofilled.add(Long.toString(p.filledQty()));
            oopen.add(Long.toString(p.openQty()));
            oavg.add(text(p.avgFillPrice()));
            obs.add(p.brokerStatus().name());
            ost.add(p.status().name());
            ots.add(text(p.at()));
            obq.add(Long.toString(p.broker().qty()));
            oba.add(text(p.broker().amount()));
            obf.add(Boolean.toString(p.broker().isFinal()));
        });
        handle.createQuery(commit ? ALL_IN_ONE_COMMIT : ALL_IN_ONE)
                .bindArray("fid", String.class, fid)
                .bindArray("foid", String.class, foid)
                .bindArray("fts", String.class, fts)
                .bindArray("fqty", String.class, fqty)
                .bindArray("fprice", String.class, fprice)
                .bindArray("famount", String.class, famount)
                .bindArray("ffee", String.class, ffee)
                .bindArray("ftax", String.class, ftax)
                .bindArray("fsource", String.class, fsource)
                .bindArray("freceipt", String.class, freceipt)
                .bindArray("fraw", String.class, fraw)
                .bindArray("etype", String.class, etype)
                .bindArray("eagg", String.class, eagg)
                .bindArray("ekey", String.class, ekey)
                .bindArray("epayload", String.class, epayload)
                .bindArray("ets", String.class, ets)
                .bindArray("oacc", String.class, oacc)
                .bindArray("odate", String.class, odate)
                .bindArray("oodno", String.class, oodno)
                .bindArray("ofilled", String.class, ofilled)
                .bindArray("oopen", String.class, oopen)
                .bindArray("oavg", String.class, oavg)
                .bindArray("obs", String.class, obs)
                .bindArray("ost", String.class, ost)
                .bindArray("ots", String.class, ots)
                .bindArray("obq", String.class, obq)
                .bindArray("oba", String.class, oba)
                .bindArray("obf", String.class, obf)
                .mapTo(Long.class)
                .one();
        inserts.clear();
        events.clear();
        return true;
    }

    private static final String ALL_IN_ONE = """
            WITH f AS (
              INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, fee, tax, source, receipt, raw)
              SELECT CAST(t.id AS uuid), t.oid, CAST(t.ts AS timestamptz), CAST(t.qty AS bigint),
                     CAST(t.price AS numeric), CAST(t.amount AS numeric), CAST(t.fee AS numeric),
                     CAST(t.tax AS numeric), t.source, t.receipt, CAST(t.raw AS jsonb)
                FROM unnest(CAST(:fid AS text[]), CAST(:foid AS text[]), CAST(:fts AS text[]), CAST(:fqty AS text[]),
                            CAST(:fprice AS text[]), CAST(:famount AS text[]), CAST(:ffee AS text[]),
                            CAST(:ftax AS text[]), CAST(:fsource AS text[]), CAST(:freceipt AS text[]),
                            CAST(:fraw AS text[]))
                     WITH ORDINALITY AS t(id, oid, ts, qty, price, amount, fee, tax, source, receipt, raw, n)
               ORDER BY t.n
              ON CONFLICT (fill_id) DO NOTHING
              RETURNING 1
            ), e AS (
              INSERT INTO trade.outbox (event_type, aggregate_id, event_key, payload, created_ts)
              SELECT t.type, t.agg, t.key, CAST(t.payload AS jsonb), CAST(t.ts AS timestamptz)
                FROM unnest(CAST(:etype AS text[]), CAST(:eagg AS text[]), CAST(:ekey AS text[]),
                            CAST(:epayload AS text[]), CAST(:ets AS text[]))
                     WITH ORDINALITY AS t(type, agg, key, payload, ts, n)
               ORDER BY t.n
              ON CONFLICT (event_key) DO NOTHING
              RETURNING 1
            ), u AS (
              UPDATE trade.orders o
                 SET filled_qty = CAST(p.filled AS bigint),
                     open_qty = GREATEST(0, CAST(p.open AS bigint) - o.cancelled_qty),
                     avg_fill_price = CAST(p.avg AS numeric), broker_status = p.bs, status = p.st,
                     updated_ts = GREATEST(o.updated_ts, CAST(p.ts AS timestamptz)),
                     broker_ccld_qty = CAST(p.bq AS bigint), broker_ccld_amt = CAST(p.ba AS numeric),
                     broker_final = CAST(p.bf AS boolean)
                FROM unnest(CAST(:oacc AS text[]), CAST(:odate AS text[]), CAST(:oodno AS text[]),
                            CAST(:ofilled AS text[]), CAST(:oopen AS text[]), CAST(:oavg AS text[]),
                            CAST(:obs AS text[]), CAST(:ost AS text[]), CAST(:ots AS text[]),
                            CAST(:obq AS text[]), CAST(:oba AS text[]), CAST(:obf AS text[]))
                     AS p(acc, odate, odno, filled, open, avg, bs, st, ts, bq, ba, bf)
               WHERE o.account_id = p.acc AND o.order_date = CAST(p.odate AS date) AND o.kis_order_no = p.odno
              RETURNING 1
            )
            SELECT (SELECT count(*) FROM f) + (SELECT count(*) FROM e) + (SELECT count(*) FROM u)
            """;

    /** {@link #ALL_IN_ONE} with the COMMIT in the same Sync; one constant, not a 3 KB concatenation per call. */
    private static final String ALL_IN_ONE_COMMIT = ALL_IN_ONE + ";\nCOMMIT";

    private static String text(Object v) {
        return v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
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
