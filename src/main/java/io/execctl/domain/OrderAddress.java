package io.execctl.domain;

/**
 * What KIS needs to address an existing order in a cancel or modify request: the branch
 * ({@code KRX_FWDG_ORD_ORGNO}) and {@code ODNO}. An attribute of the order, not its identity
 * ({@link OrderKey}): the branch comes from the order answer when execctl placed the order.
 */
public record OrderAddress(String branch, String odno) {
    public OrderAddress {
        branch = OrderKey.normalizeBranch(branch);
        odno = OrderKey.normalizeOdno(odno);
    }

    public static OrderAddress of(String branch, String odno) {
        return new OrderAddress(branch, odno);
    }
}
