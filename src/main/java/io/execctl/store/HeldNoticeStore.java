package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OverQuantity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code trade.held_notices} (V14): fill notices that would have taken their order past its
 * quantity, kept whole (receipt, parsed quantity, price and time, raw payload, reason) until the
 * broker's final totals decide them ({@link OverQuantity}). Written only under the order's lock, by
 * {@link HeldNotices}. Rows are never deleted.
 */
public final class HeldNoticeStore {
    private static final String BY_KEY = " account_id = :acc AND order_date = :date AND kis_order_no = :odno";

    private final Handles handles;

    private HeldNoticeStore(Handles handles) {
        this.handles = handles;
    }

    public static HeldNoticeStore of(Jdbi jdbi) {
        return new HeldNoticeStore(Handles.of(jdbi));
    }

    public static HeldNoticeStore on(Handle handle) {
        return new HeldNoticeStore(Handles.of(handle));
    }

    /** A held notice as the fill it would be, and its raw payload (JSON, may be null). */
    public record Held(long id, Fill notice, String rawJson) {
        public Held {
            Objects.requireNonNull(notice, "notice");
        }
    }

    /**
     * Keeps {@code notice} of {@code key}'s order; the same receipt held before adds nothing.
     *
     * @return true if this call stored it
     */
    boolean hold(OrderKey key, Fill notice, String rawJson, String reason, Instant at) {
        return handles.with(h -> h.createUpdate("""
                INSERT INTO trade.held_notices (account_id, order_date, kis_order_no, order_id, receipt,
                                                executed_ts, qty, price, raw, reason, held_ts)
                VALUES (:acc, :date, :odno, :orderId, :receipt, :ts, :qty, :price, CAST(:raw AS jsonb), :reason, :at)
                ON CONFLICT (order_id, receipt) DO NOTHING
                """)
                        .bind("acc", key.accountId())
                        .bind("date", key.orderDate())
                        .bind("odno", key.odno())
                        .bind("orderId", notice.orderId())
                        .bind("receipt", notice.receipt())
                        .bind("ts", notice.ts())
                        .bind("qty", notice.qty())
                        .bind("price", notice.price())
                        .bind("raw", rawJson)
                        .bind("reason", Objects.requireNonNull(reason, "reason"))
                        .bind("at", Objects.requireNonNull(at, "at"))
                        .execute())
                == 1;
    }

    /** Whether a notice of {@code orderId} received as {@code receipt} was ever held. */
    boolean wasHeld(String orderId, String receipt) {
        return handles.with(h -> h.createQuery(
                                "SELECT count(*) FROM trade.held_notices WHERE order_id = :o AND receipt = :r")
                        .bind("o", orderId)
                        .bind("r", receipt)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    /** The account's orders with held notices not decided yet (one statement for a page of orders). */
    public Set<OrderKey> pendingOrders(String accountId) {
        return handles.with(h -> h.createQuery("SELECT DISTINCT account_id, order_date, kis_order_no"
                        + " FROM trade.held_notices WHERE account_id = :acc AND resolved_ts IS NULL")
                .bind("acc", accountId)
                .map((rs, ctx) -> OrderKey.of(
                        rs.getString("account_id"),
                        rs.getObject("order_date", LocalDate.class),
                        rs.getString("kis_order_no")))
                .collect(Collectors.toSet()));
    }

    /** The order's held notices not decided yet, oldest first. */
    public List<Held> pending(OrderKey key) {
        return handles.with(h -> h.createQuery("SELECT id, order_id, receipt, executed_ts, qty, price, raw::text AS raw"
                        + " FROM trade.held_notices WHERE" + BY_KEY + " AND resolved_ts IS NULL ORDER BY id")
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map((rs, ctx) -> new Held(
                        rs.getLong("id"),
                        Fill.ws(
                                rs.getString("order_id"),
                                receipt(rs.getString("receipt")),
                                Db.instant(rs, "executed_ts"),
                                rs.getLong("qty"),
                                rs.getBigDecimal("price")),
                        rs.getString("raw")))
                .list());
    }

    /** Records the verdict on a held notice; {@code fillId} is the live row of an APPLIED one. */
    void resolve(long id, OverQuantity.Verdict verdict, UUID fillId, Instant at) {
        handles.use(h -> h.createUpdate("""
                UPDATE trade.held_notices SET resolution = :v, resolved_ts = :at, fill_id = :fill
                 WHERE id = :id AND resolved_ts IS NULL
                """)
                .bind("v", verdict.name())
                .bind("at", Objects.requireNonNull(at, "at"))
                .bindByType(
                        "fill",
                        verdict == OverQuantity.Verdict.APPLIED ? Objects.requireNonNull(fillId, "fillId") : null,
                        UUID.class)
                .bind("id", id)
                .execute());
    }

    /** The receipt of a stored key {@code connection/frame/record} (a connection id has no slash). */
    static NoticeReceipt receipt(String key) {
        int b = key.lastIndexOf('/');
        int a = key.lastIndexOf('/', b - 1);
        if (a <= 0 || b <= a) {
            throw new IllegalStateException("not a notice receipt: " + key);
        }
        return new NoticeReceipt(
                key.substring(0, a), Long.parseLong(key.substring(a + 1, b)), Integer.parseInt(key.substring(b + 1)));
    }
}
