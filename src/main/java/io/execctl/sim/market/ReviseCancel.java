package io.execctl.sim.market;

/**
 * An order-rvsecncl request.
 *
 * @param origBranch KRX_FWDG_ORD_ORGNO of the original order
 * @param origOdno   ORGN_ODNO
 * @param cancel     {@code RVSE_CNCL_DVSN_CD 02} (true) or {@code 01} modify (false)
 * @param ordDvsn    for a modify the new ORD_DVSN
 * @param qty        ORD_QTY: how much of the remaining quantity is affected (ignored when {@code all})
 * @param all        QTY_ALL_ORD_YN = Y
 * @param price      for a modify the new price (0 for market); 0 for a cancel
 */
public record ReviseCancel(
        String origBranch,
        String origOdno,
        boolean cancel,
        String ordDvsn,
        long qty,
        boolean all,
        long price,
        Source source) {}
