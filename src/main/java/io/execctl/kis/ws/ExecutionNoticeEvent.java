package io.execctl.kis.ws;

import io.execctl.domain.AccountNo;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One decoded execution-notice record (REFERENCE.md §9.3), read by position: fields 0–17 by index,
 * the order price from the last field, whatever the layout.
 *
 * <p>For {@link NoticeKind#FILL} {@code qty}/{@code price} are this execution's quantity and price
 * (no cumulative quantity exists: the engine sums fills). For {@link NoticeKind#ACK} they are the
 * order's (or the cancelled/modified) quantity and price; blank values are read as zero there.
 *
 * <p>{@link #toString()} leaves out the customer id, account name and raw fields and masks the
 * account: they identify the customer.
 *
 * @param trId        {@code H0STCNI0} or {@code H0STCNI9}
 * @param custId      0 CUST_ID (the HTS id)
 * @param account     1 ACNT_NO, when it is a full account number (8+2 digits)
 * @param orderNo     2 ODER_NO as sent (zero-padded; compare numerically)
 * @param origOrderNo 3 OODER_NO, blank for new orders
 * @param side        4 SELN_BYOV_CLS
 * @param rctfCls     5 RCTF_CLS: {@code 0} normal, {@code 1} modify, {@code 2} cancel
 * @param ordDvsn     6 ODER_KIND (ORD_DVSN code)
 * @param ordCond     7 ODER_COND
 * @param symbol      8 STCK_SHRN_ISCD
 * @param qty         9 CNTG_QTY
 * @param price       10 CNTG_UNPR
 * @param time        11 STCK_CNTG_HOUR, {@code HHmmss} Korea time
 * @param at          {@code time} on the Korean trading date of reception
 * @param rejected    12 RFUS_YN = 1
 * @param kind        13 CNTG_YN
 * @param acptYn      14 ACPT_YN: {@code 1} accepted, {@code 2} confirmed, {@code 3} cancelled (IOC/FOK)
 * @param branch      15 BRNC_NO
 * @param orderQty    16 ODER_QTY, empty when blank
 * @param accountName 17 ACNT_NAME
 * @param orderPrice  last field ODER_PRC, empty when blank
 * @param layout      26 or 23 fields
 * @param rawFields   the record's fields as received (decrypted)
 * @param receivedAt  when the frame arrived
 * @param receipt     connection, frame and record index of this record: the idempotency key of a WS
 *                    fill ({@code Fill.ws}) and of a parked notice. KIS sends no execution id, so the
 *                    same execution sent twice in two frames gets two receipts (the fill model judges
 *                    it), while the same receipt seen again is the same record
 */
public record ExecutionNoticeEvent(
        String trId,
        String custId,
        Optional<AccountNo> account,
        String orderNo,
        String origOrderNo,
        Side side,
        String rctfCls,
        String ordDvsn,
        String ordCond,
        String symbol,
        long qty,
        BigDecimal price,
        String time,
        Instant at,
        boolean rejected,
        NoticeKind kind,
        String acptYn,
        String branch,
        OptionalLong orderQty,
        String accountName,
        Optional<BigDecimal> orderPrice,
        NoticeLayout layout,
        List<String> rawFields,
        Instant receivedAt,
        NoticeReceipt receipt) {

    public ExecutionNoticeEvent {
        Objects.requireNonNull(trId, "trId");
        Objects.requireNonNull(custId, "custId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(origOrderNo, "origOrderNo");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(rctfCls, "rctfCls");
        Objects.requireNonNull(ordDvsn, "ordDvsn");
        Objects.requireNonNull(ordCond, "ordCond");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(acptYn, "acptYn");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(orderQty, "orderQty");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(orderPrice, "orderPrice");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(receipt, "receipt");
        if (orderNo.isBlank()) {
            throw new IllegalArgumentException("ODER_NO is blank");
        }
        if (qty < 0) {
            throw new IllegalArgumentException("negative CNTG_QTY " + qty);
        }
        if (price.signum() < 0) {
            throw new IllegalArgumentException("negative CNTG_UNPR " + price);
        }
        rawFields = List.copyOf(rawFields);
    }

    /** A fill (CNTG_YN=2). */
    public boolean isFill() {
        return kind == NoticeKind.FILL;
    }

    /** The confirmation of a cancel order (RCTF_CLS=2). */
    public boolean isCancel() {
        return "2".equals(rctfCls);
    }

    /** The confirmation of a modify order (RCTF_CLS=1). */
    public boolean isModify() {
        return "1".equals(rctfCls);
    }

    /** An IOC/FOK remainder cancelled by the exchange (ACPT_YN=3). */
    public boolean isExchangeCancel() {
        return "3".equals(acptYn);
    }

    /** ODER_NO as a number (KIS zero-pads it; compare orders numerically). */
    public long orderNumber() {
        return Long.parseLong(orderNo.trim());
    }

    /**
     * Whether this notice belongs to the given account: one HTS id may own several accounts and
     * receives the notices of all of them. An ACNT_NO of only 8 digits is compared with the CANO.
     */
    public boolean isFor(AccountNo accountNo) {
        if (account.isPresent()) {
            return account.get().equals(accountNo);
        }
        String raw = rawFields.size() > 1 ? rawFields.get(1).trim() : "";
        return raw.equals(accountNo.cano());
    }

    @Override
    public String toString() {
        return "ExecutionNoticeEvent[" + trId + " " + kind + (rejected ? " REJECTED" : "")
                + " order=" + orderNo + (origOrderNo.isBlank() ? "" : " orig=" + origOrderNo)
                + " " + side + " " + symbol + " qty=" + qty + " price=" + price.toPlainString()
                + " rctf=" + rctfCls + " acpt=" + acptYn + " ordDvsn=" + ordDvsn + " branch=" + branch
                + " time=" + time + " account="
                + account.map(AccountNo::toString).orElse("?")
                + " layout=" + layout.fieldCount() + " receipt=" + receipt + "]";
    }
}
