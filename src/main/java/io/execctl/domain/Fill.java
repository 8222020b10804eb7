package io.execctl.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One execution of an order. KIS gives no execution id, so a fill is identified by its order and
 * {@code seq}, the order's cumulative filled quantity after this fill: the same logical fill seen on
 * the WebSocket and inferred from REST lands on the same key, and {@link #idFor} derives the
 * {@code fill_id} from it deterministically.
 *
 * <p>Amounts are normalised ({@code 72000.00} becomes {@code 72000}) so that the same fill read from
 * the WebSocket, from REST and from the database is {@code equals}.
 */
public record Fill(
        UUID fillId,
        String orderId,
        Instant ts,
        long qty,
        BigDecimal price,
        BigDecimal fee,
        BigDecimal tax,
        long seq,
        FillSource source,
        boolean voided) {

    public Fill {
        Checks.notNull(fillId, "fillId");
        Checks.notBlank(orderId, "orderId");
        Checks.notNull(ts, "ts");
        Checks.positive(qty, "qty");
        Checks.notNull(price, "price");
        Checks.nonNegative(price, "price");
        Checks.nonNegative(fee, "fee");
        Checks.nonNegative(tax, "tax");
        if (seq < qty) {
            throw new IllegalArgumentException("seq (cumulative qty " + seq + ") must be >= qty " + qty);
        }
        Checks.notNull(source, "source");
        price = Checks.normalized(price);
        fee = Checks.normalized(fee);
        tax = Checks.normalized(tax);
    }

    /** A fill with its deterministic id and no fee/tax yet. */
    public static Fill of(String orderId, Instant ts, long qty, BigDecimal price, long seq, FillSource source) {
        return new Fill(idFor(orderId, seq), orderId, ts, qty, price, null, null, seq, source, false);
    }

    /** The deterministic fill id: a name-based UUID of (order id, cumulative quantity). */
    public static UUID idFor(String orderId, long seq) {
        return UUID.nameUUIDFromBytes(("execctl-fill:" + orderId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    public BigDecimal amount() {
        return price.multiply(BigDecimal.valueOf(qty));
    }
}
