package io.execctl.domain;

import java.time.LocalDate;

/**
 * The broker's identity of an order: the Korean order date, the forwarding branch
 * ({@code KRX_FWDG_ORD_ORGNO}/{@code ord_gno_brno}/{@code BRNC_NO}) and the order number
 * ({@code ODNO}), which restarts every trading day. {@link #orderId()} is the text key strategies
 * read in {@code trade.orders.order_id}: {@code yyyyMMdd-BRANCH-ODNO}, unique across days.
 *
 * <p>ODNO is normalised to 10 digits zero-padded because KIS sent it both padded and unpadded.
 */
public record OrderKey(LocalDate orderDate, String branch, String odno) {
    public OrderKey {
        Checks.notNull(orderDate, "orderDate");
        branch = normalizeBranch(branch);
        odno = normalizeOdno(odno);
    }

    public static OrderKey of(LocalDate orderDate, String branch, String odno) {
        return new OrderKey(orderDate, branch, odno);
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

    /** {@code yyyyMMdd-BRANCH-ODNO}. */
    public String orderId() {
        return KoreaTime.formatDate(orderDate) + "-" + branch + "-" + odno;
    }

    /** Parses an {@link #orderId()} back. */
    public static OrderKey parseOrderId(String orderId) {
        Checks.notNull(orderId, "orderId");
        String[] p = orderId.split("-");
        if (p.length != 3) {
            throw new IllegalArgumentException("order id must be yyyyMMdd-BRANCH-ODNO: '" + orderId + "'");
        }
        return new OrderKey(KoreaTime.parseDate(p[0]), p[1], p[2]);
    }

    @Override
    public String toString() {
        return orderId();
    }
}
