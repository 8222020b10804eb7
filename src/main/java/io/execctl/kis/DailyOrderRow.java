package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code inquire-daily-ccld} {@code output1}: one order (not one execution), with its
 * cumulative filled quantity and average fill price. Cancel and modify requests are rows of their own
 * ({@code orgnOdno} = the original order).
 *
 * @param ordDt      {@code ord_dt}
 * @param branch     {@code ord_gno_brno} (the order's branch, as order-cash's {@code KRX_FWDG_ORD_ORGNO})
 * @param odno       {@code odno}
 * @param orgnOdno   {@code orgn_odno}, empty for an original order
 * @param side       {@code sll_buy_dvsn_cd}
 * @param ordDvsnCd  {@code ord_dvsn_cd}
 * @param symbol     {@code pdno}
 * @param name       {@code prdt_name}
 * @param ordQty     {@code ord_qty}
 * @param ordUnpr    {@code ord_unpr}
 * @param ordTmd     {@code ord_tmd} (HHmmss, Korea time)
 * @param totCcldQty {@code tot_ccld_qty}: cumulative filled quantity
 * @param avgPrvs    {@code avg_prvs}: average fill price
 * @param totCcldAmt {@code tot_ccld_amt}
 * @param cancelled  {@code cncl_yn = Y}
 * @param cnclCfrmQty {@code cncl_cfrm_qty}: confirmed cancelled quantity (the wire name; the official
 *                   sample's label map spells it {@code cnc_cfrm_qty}, which never arrives)
 * @param rmnQty     {@code rmn_qty}: remaining (open) quantity
 * @param rjctQty    {@code rjct_qty}: rejected quantity
 * @param ordOrgno   {@code ord_orgno} (typically {@code "00000"}: not the branch)
 * @param excgIdDvsnCd {@code excg_id_dvsn_cd}: the exchange ({@code KRX}, {@code NXT}, {@code SOR}); the
 *                   sample's label map spells it {@code excg_id_dvsn_Cd}, which never arrives
 * @param row        the row as received (its JSON: {@link #raw()}, {@link #json()})
 */
public record DailyOrderRow(
        LocalDate ordDt,
        String branch,
        String odno,
        String orgnOdno,
        Side side,
        String ordDvsnCd,
        String symbol,
        String name,
        long ordQty,
        BigDecimal ordUnpr,
        String ordTmd,
        long totCcldQty,
        BigDecimal avgPrvs,
        BigDecimal totCcldAmt,
        boolean cancelled,
        long cnclCfrmQty,
        long rmnQty,
        long rjctQty,
        String ordOrgno,
        String excgIdDvsnCd,
        KisRow row) {

    /** Reads a row; every field read must be on the row (an absent one is an error, never 0). */
    public static DailyOrderRow parse(KisRow n) {
        return new DailyOrderRow(
                KisFields.date(n, "ord_dt"),
                KisFields.present(n, "ord_gno_brno"),
                KisFields.required(n, "odno"),
                KisFields.present(n, "orgn_odno"),
                KisFields.side(n, "sll_buy_dvsn_cd"),
                KisFields.present(n, "ord_dvsn_cd"),
                KisFields.required(n, "pdno"),
                KisFields.present(n, "prdt_name"),
                KisFields.qty(n, "ord_qty"),
                KisFields.decimal(n, "ord_unpr"),
                KisFields.present(n, "ord_tmd"),
                KisFields.qty(n, "tot_ccld_qty"),
                KisFields.decimal(n, "avg_prvs"),
                KisFields.decimal(n, "tot_ccld_amt"),
                KisFields.yes(n, "cncl_yn"),
                KisFields.qty(n, "cncl_cfrm_qty"),
                KisFields.qty(n, "rmn_qty"),
                KisFields.qty(n, "rjct_qty"),
                KisFields.present(n, "ord_orgno"),
                KisFields.present(n, "excg_id_dvsn_cd"),
                n);
    }

    /**
     * The order's identity: the inquired account, the row's own {@code ord_dt} and ODNO (the branch
     * is not identity); throws if ODNO is not numeric.
     */
    public OrderKey orderKey(String accountId) {
        return OrderKey.of(accountId, ordDt, odno);
    }

    /** Branch ({@code ord_gno_brno}) and ODNO; throws if either is not numeric. */
    public OrderAddress address() {
        return OrderAddress.of(branch, odno);
    }

    /** True for a cancel/modify request row (it names an original order). */
    public boolean isRevision() {
        return !orgnOdno.isEmpty() && !orgnOdno.matches("0+");
    }

    /** The row's JSON as received (cut out of the page on demand, so reading a page stays cheap). */
    public String raw() {
        return row.raw();
    }

    /** The row as a JSON tree (read on demand). */
    public JsonNode json() {
        return row.json();
    }
}
