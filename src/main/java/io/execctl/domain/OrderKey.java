package io.execctl.domain;

import java.time.LocalDate;

/**
 * The identity of a broker order: (account, Korean trading date, {@code ODNO}). ODNO restarts every
 * trading day and belongs to an account; one HTS id receives the notices of all its accounts, so
 * nothing is looked up by ODNO alone. The branch ({@code KRX_FWDG_ORD_ORGNO}, {@code ord_gno_brno},
 * {@code BRNC_NO}) is not part of it: the three sources may disagree; it is an attribute of the order
 * ({@link OrderAddress}) needed only to cancel or modify.
 *
 * <p>{@link #orderId()} is the text key strategies read, {@code yyyyMMdd-ODNO-tag} with the
 * {@link AccountTag} of the account: derivable from any source (order answer, daily-ccld row,
 * notice) without the branch, unique across days and accounts, and without the account number.
 *
 * <p>The account number is canonical {@code 12345678-01}; ODNO is 10 digits zero-padded (KIS sent it
 * both padded and unpadded). {@link #toString()} shows the order id, never the account.
 */
public record OrderKey(String accountId, LocalDate orderDate, String odno) {
    public OrderKey {
        accountId = AccountNo.parse(accountId).reveal();
        Checks.notNull(orderDate, "orderDate");
        odno = normalizeOdno(odno);
    }

    public static OrderKey of(String accountId, LocalDate orderDate, String odno) {
        return new OrderKey(accountId, orderDate, odno);
    }

    /** Zero-pads a numeric ODNO to 10 digits; rejects anything else. */
    public static String normalizeOdno(String odno) {
        Checks.notNull(odno, "odno");
        String t = odno.trim();
        if (!t.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("ODNO must be 1-10 digits: '" + odno + "'");
        }
        return "0".repeat(10 - t.length()) + t;
    }

    /** Zero-pads a numeric branch to 5 digits; rejects anything else. */
    public static String normalizeBranch(String branch) {
        Checks.notNull(branch, "branch");
        String t = branch.trim();
        if (!t.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("branch must be 1-5 digits: '" + branch + "'");
        }
        return "0".repeat(5 - t.length()) + t;
    }

    /** {@code yyyyMMdd-ODNO-tag}, e.g. {@code 20261124-0000006635-3f9a0c1e}. */
    public String orderId() {
        return KoreaTime.formatDate(orderDate) + "-" + odno + "-" + AccountTag.of(accountId);
    }

    /**
     * The name the per-order advisory lock is taken on: the full identity (hashed before it reaches
     * the database), so two accounts never share a lock by a tag collision. Not for logs.
     */
    public String lockName() {
        return accountId + "/" + KoreaTime.formatDate(orderDate) + "/" + odno;
    }

    @Override
    public String toString() {
        return orderId();
    }
}
