package io.execctl.sim.market;

/**
 * The faults that live in the market itself (the REST and WebSocket ones are applied by their servers).
 *
 * @param branchVariation    the notices' {@code BRNC_NO} and daily-ccld's {@code ord_gno_brno} differ from the
 *                           order response's {@code KRX_FWDG_ORD_ORGNO} (REFERENCE.md §14.2: KIS's sources do not
 *                           agree on the branch), so nothing downstream can key an order on its branch; modify and
 *                           cancel still need the order response's branch
 * @param exchangeRefuseRate probability per accepted new order that the exchange then refuses it: the client got
 *                           {@code rt_cd "0"} and an ODNO, the notices say accepted then {@code RFUS_YN=1}, and
 *                           daily-ccld shows the quantity as {@code rjct_qty}
 */
public record MarketFaults(boolean branchVariation, double exchangeRefuseRate) {
    public static final MarketFaults NONE = new MarketFaults(false, 0);

    /** Offsets of the notice and inquiry branches from the real one (the simulator's choice; any differing value would do). */
    private static final int NOTICE_OFFSET = 50_000;

    private static final int CCLD_OFFSET = 1;

    public MarketFaults {
        if (!(exchangeRefuseRate >= 0 && exchangeRefuseRate <= 1)) {
            throw new IllegalArgumentException("exchangeRefuseRate must be within 0..1, was " + exchangeRefuseRate);
        }
    }

    /** The notice's BRNC_NO for an order of {@code branch} (5 digits). */
    public String noticeBranch(String branch) {
        return branchVariation ? shift(branch, NOTICE_OFFSET) : branch;
    }

    /** Daily-ccld's ord_gno_brno for an order of {@code branch} (5 digits). */
    public String ccldBranch(String branch) {
        return branchVariation ? shift(branch, CCLD_OFFSET) : branch;
    }

    private static String shift(String branch, int offset) {
        int b = Integer.parseInt(branch);
        String digits = Integer.toString((b + offset) % 100_000);
        return "0".repeat(5 - digits.length()) + digits;
    }
}
