package io.execctl.store;

import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * How much of a position is already on its way out: {@code trade.position_selling_v} (the one
 * definition strategies read too: the open quantity of its non-terminal sell orders, plus its sell
 * submissions claimed, sent or UNKNOWN without an order row yet), plus the live fills of its sell orders recorded after the position was
 * last updated. The last term matters because execctl never writes positions: a filled sell leaves
 * the open quantity at once, but {@code positions.qty} drops only when the strategy applies the fill,
 * and in that window the same shares must not be sold again (they may belong to another position of
 * the same symbol at the broker). An exit is refused when it would take more than the position holds minus
 * this. Read and act on it only while holding {@link #lockPosition}, in the transaction that claims the
 * exit, so two submitters can never both pass the check on the same shares.
 */
public final class PositionSelling {
    private final Handle handle;

    private PositionSelling(Handle handle) {
        this.handle = handle;
    }

    /** On the caller's handle, which must have an open transaction. */
    public static PositionSelling on(Handle handle) {
        return new PositionSelling(Objects.requireNonNull(handle, "handle"));
    }

    /** Takes the position's advisory lock until the end of the transaction. */
    public void lockPosition(UUID positionId) {
        AdvisoryLocks.lockForTransaction(handle, "position", positionId.toString());
    }

    /**
     * The quantity being sold for {@code positionId}, leaving out intent {@code except} (the one being
     * checked).
     */
    public long beingSold(UUID positionId, UUID except) {
        return handle.createQuery("""
                        SELECT COALESCE((SELECT v.selling_qty FROM trade.position_selling_v v
                                          WHERE v.position_id = :p), 0)
                             - COALESCE((SELECT CAST(s.request ->> 'qty' AS bigint) FROM trade.submissions s
                                          WHERE s.intent_id = :except AND s.request ->> 'side' = 'SELL'
                                            AND CAST(s.request ->> 'position_id' AS uuid) = :p
                                            AND s.state IN ('CLAIMED', 'SENT', 'UNKNOWN')), 0)
                             + COALESCE((SELECT sum(f.qty) FROM trade.fills f
                                           JOIN trade.orders o ON o.order_id = f.order_id
                                          WHERE o.position_id = :p AND o.side = 'SELL' AND NOT f.voided
                                            AND f.created_ts > (SELECT p.updated_ts FROM trade.positions p
                                                                 WHERE p.position_id = :p)), 0)""")
                .bind("p", Objects.requireNonNull(positionId, "positionId"))
                .bind("except", Objects.requireNonNull(except, "except"))
                .mapTo(Long.class)
                .one();
    }
}
