package io.execctl.store;

import io.execctl.domain.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code trade.fill_deficits}: since when a REST snapshot has proved more executions of an order
 * than its live fills hold. The REST syncs infer the missing fill only after the deficit has
 * persisted past the history-lag window; the timer is in the database so that any process (the
 * daemon, a cron run) times the same deficit from the same moment.
 */
public final class FillDeficitStore {
    /** A running timer: the broker's proved quantity it runs for, and since when. */
    public record Timer(long brokerQty, Instant since) {
        public Timer {
            Objects.requireNonNull(since, "since");
        }
    }

    private static final String BY_KEY = " WHERE account_id = :acc AND order_date = :date AND kis_order_no = :odno";

    private final Handles handles;

    private FillDeficitStore(Handles handles) {
        this.handles = handles;
    }

    public static FillDeficitStore of(Jdbi jdbi) {
        return new FillDeficitStore(Handles.of(jdbi));
    }

    public static FillDeficitStore on(Handle handle) {
        return new FillDeficitStore(Handles.of(handle));
    }

    public Optional<Timer> find(OrderKey key) {
        return handles.with(h -> h.createQuery("SELECT broker_qty, since_ts FROM trade.fill_deficits" + BY_KEY)
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map((rs, ctx) -> new Timer(rs.getLong("broker_qty"), Db.instant(rs, "since_ts")))
                .findOne());
    }

    /**
     * How long until the account's earliest running timer reaches {@code lag} (its deficit may then be
     * inferred); empty when no timer is younger than {@code lag} at {@code now} (older ones are due
     * already and wait for the next pass anyway). The daemon's fills loop runs then, not a cadence later.
     */
    public Optional<Duration> untilNextDue(String accountId, Duration lag, Instant now) {
        Optional<Instant> earliest = handles.with(h -> h.createQuery(
                        "SELECT min(since_ts) FROM trade.fill_deficits WHERE account_id = :acc AND since_ts > :cut")
                .bind("acc", accountId)
                .bind("cut", now.minus(lag))
                .mapTo(Instant.class)
                .findOne());
        return earliest.map(since -> Duration.between(now, since.plus(lag)));
    }

    /** Every timer of the account's orders of one trading date, by ODNO. */
    public Map<String, Timer> forDate(String accountId, LocalDate date) {
        Map<String, Timer> out = new HashMap<>();
        handles.use(h -> h.createQuery("""
                        SELECT kis_order_no, broker_qty, since_ts FROM trade.fill_deficits
                         WHERE account_id = :acc AND order_date = :date""")
                .bind("acc", accountId)
                .bind("date", date)
                .map((rs, ctx) -> Map.entry(
                        rs.getString("kis_order_no"), new Timer(rs.getLong("broker_qty"), Db.instant(rs, "since_ts"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * Starts (or keeps) the timer for a deficit under the broker's proof {@code brokerQty}: an
     * existing timer for the same proof keeps its start; a larger proof restarts it.
     *
     * @return true if a timer was started or restarted
     */
    public boolean start(OrderKey key, long brokerQty, Instant at) {
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.fill_deficits (account_id, order_date, kis_order_no, broker_qty, since_ts)
                VALUES (:acc, :date, :odno, :qty, :at)
                ON CONFLICT (account_id, order_date, kis_order_no) DO UPDATE
                   SET broker_qty = EXCLUDED.broker_qty, since_ts = EXCLUDED.since_ts
                 WHERE fill_deficits.broker_qty <> EXCLUDED.broker_qty
                """)
                        .bind("acc", key.accountId())
                        .bind("date", key.orderDate())
                        .bind("odno", key.odno())
                        .bind("qty", brokerQty)
                        .bind("at", at)
                        .execute())
                == 1;
    }

    /**
     * {@link #start} for several orders (distinct keys) in one statement: the same rule per order —
     * an existing timer for the same proof keeps its start, a different proof restarts it at {@code at}.
     */
    public void startAll(Map<OrderKey, Long> brokerQty, Instant at) {
        Objects.requireNonNull(at, "at");
        if (brokerQty.isEmpty()) {
            return;
        }
        Keys k = Keys.of(brokerQty.keySet());
        List<Long> qty = new ArrayList<>();
        brokerQty.values().forEach(qty::add);
        handles.use(h -> h.createUpdate("""
                        INSERT INTO trade.fill_deficits (account_id, order_date, kis_order_no, broker_qty, since_ts)
                        SELECT t.acc, CAST(t.d AS date), t.odno, t.qty, :at
                          FROM unnest(CAST(:acc AS text[]), CAST(:d AS text[]), CAST(:odno AS text[]),
                                      CAST(:qty AS bigint[])) AS t(acc, d, odno, qty)
                        ON CONFLICT (account_id, order_date, kis_order_no) DO UPDATE
                           SET broker_qty = EXCLUDED.broker_qty, since_ts = EXCLUDED.since_ts
                         WHERE fill_deficits.broker_qty <> EXCLUDED.broker_qty
                        """)
                .bindArray("acc", String.class, k.acc())
                .bindArray("d", String.class, k.date())
                .bindArray("odno", String.class, k.odno())
                .bindArray("qty", Long.class, qty)
                .bind("at", at)
                .execute());
    }

    /** {@link #clear} for several orders in one statement. */
    public void clearAll(Collection<OrderKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Keys k = Keys.of(keys);
        handles.use(h -> h.createUpdate("""
                        DELETE FROM trade.fill_deficits d
                         USING unnest(CAST(:acc AS text[]), CAST(:d AS text[]), CAST(:odno AS text[])) AS t(acc, d, odno)
                         WHERE d.account_id = t.acc AND d.order_date = CAST(t.d AS date) AND d.kis_order_no = t.odno
                        """)
                .bindArray("acc", String.class, k.acc())
                .bindArray("d", String.class, k.date())
                .bindArray("odno", String.class, k.odno())
                .execute());
    }

    /** Keys as three parallel arrays, in the collection's order. */
    private record Keys(List<String> acc, List<String> date, List<String> odno) {
        static Keys of(Collection<OrderKey> keys) {
            Keys k = new Keys(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (OrderKey key : keys) {
                k.acc().add(key.accountId());
                k.date().add(key.orderDate().toString());
                k.odno().add(key.odno());
            }
            return k;
        }
    }

    /** Drops the timer (the deficit is gone). @return true if there was one */
    public boolean clear(OrderKey key) {
        return handles.with(h -> h.createUpdate("DELETE FROM trade.fill_deficits" + BY_KEY)
                        .bind("acc", key.accountId())
                        .bind("date", key.orderDate())
                        .bind("odno", key.odno())
                        .execute())
                == 1;
    }
}
