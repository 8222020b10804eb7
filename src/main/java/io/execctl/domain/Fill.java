package io.execctl.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of an order's fills ({@code trade.fills}). KIS gives no execution id, so rows are keyed by
 * how they became known (see {@link FillModel}): a {@link FillSource#WS} fill by its
 * {@link NoticeReceipt} (connection, frame, record), an {@link FillSource#INFERRED} fill by its
 * ordinal among the order's inferred fills. {@code amount} is exact ({@code qty x price} for a
 * notice; the broker's {@code tot_ccld_amt} difference for an inferred fill, whose {@code price} is
 * the rounded average): the model compares amounts, never rounded prices.
 *
 * <p>Amounts are normalised ({@code 72000.00} becomes {@code 72000}) so that the same fill read from
 * the WebSocket, from REST and from the database is {@code equals}.
 *
 * <p>Rows are never deleted: a voided row stays, with its reason, and counts for nothing.
 *
 * @param receipt the notice receipt key of a WS fill, null for an inferred one
 */
public record Fill(
        UUID fillId,
        String orderId,
        Instant ts,
        long qty,
        BigDecimal price,
        BigDecimal amount,
        BigDecimal fee,
        BigDecimal tax,
        FillSource source,
        String receipt,
        boolean voided,
        String voidReason) {

    /** Scale of the average price of an inferred fill. */
    public static final int PRICE_SCALE = 4;

    public Fill {
        Checks.notNull(fillId, "fillId");
        Checks.notBlank(orderId, "orderId");
        Checks.notNull(ts, "ts");
        Checks.positive(qty, "qty");
        Checks.notNull(price, "price");
        Checks.nonNegative(price, "price");
        Checks.notNull(amount, "amount");
        Checks.nonNegative(amount, "amount");
        Checks.nonNegative(fee, "fee");
        Checks.nonNegative(tax, "tax");
        Checks.notNull(source, "source");
        if (source == FillSource.WS) {
            Checks.notBlank(receipt, "receipt");
            if (amount.compareTo(price.multiply(BigDecimal.valueOf(qty))) != 0) {
                throw new IllegalArgumentException("a notice's amount must be qty x price");
            }
        }
        if (voided != (voidReason != null)) {
            throw new IllegalArgumentException("a voided fill needs a reason, a live one has none");
        }
        price = Checks.normalized(price);
        amount = Checks.normalized(amount);
        fee = Checks.normalized(fee);
        tax = Checks.normalized(tax);
    }

    /** A fill notice received as {@code receipt}. */
    public static Fill ws(String orderId, NoticeReceipt receipt, Instant ts, long qty, BigDecimal price) {
        Checks.notNull(receipt, "receipt");
        return new Fill(
                wsId(orderId, receipt),
                orderId,
                ts,
                qty,
                price,
                price.multiply(BigDecimal.valueOf(qty)),
                null,
                null,
                FillSource.WS,
                receipt.key(),
                false,
                null);
    }

    /** The {@code ordinal}-th (1-based) fill inferred for the order from the broker's totals. */
    public static Fill inferred(String orderId, int ordinal, Instant ts, long qty, BigDecimal amount) {
        Checks.positive(qty, "qty");
        return new Fill(
                inferredId(orderId, ordinal),
                orderId,
                ts,
                qty,
                amount.divide(BigDecimal.valueOf(qty), PRICE_SCALE, RoundingMode.HALF_EVEN),
                amount,
                null,
                null,
                FillSource.INFERRED,
                null,
                false,
                null);
    }

    /** The deterministic id of a notice's fill: a name-based UUID of (order id, receipt). */
    public static UUID wsId(String orderId, NoticeReceipt receipt) {
        return name("ws:" + orderId + ":" + receipt.key());
    }

    /** The deterministic id of the order's {@code ordinal}-th inferred fill. */
    public static UUID inferredId(String orderId, int ordinal) {
        Checks.positive(ordinal, "ordinal");
        return name("inferred:" + orderId + ":" + ordinal);
    }

    private static UUID name(String s) {
        return UUID.nameUUIDFromBytes(("execctl-fill:" + s).getBytes(StandardCharsets.UTF_8));
    }

    /** This row voided for {@code reason}. */
    public Fill voidedFor(String reason) {
        Checks.notBlank(reason, "reason");
        return new Fill(fillId, orderId, ts, qty, price, amount, fee, tax, source, receipt, true, reason);
    }

    public boolean live() {
        return !voided;
    }
}
