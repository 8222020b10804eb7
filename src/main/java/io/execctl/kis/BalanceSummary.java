package io.execctl.kis;

import java.math.BigDecimal;

/**
 * {@code inquire-balance} {@code output2[0]}: account totals. Net asset value should use
 * {@code prvsRcdlExccAmt} (D+2 cash) + evaluation, not {@code dncaTotAmt}, which ignores unsettled buys.
 *
 * @param dncaTotAmt      {@code dnca_tot_amt}
 * @param nxdyExccAmt     {@code nxdy_excc_amt}
 * @param prvsRcdlExccAmt {@code prvs_rcdl_excc_amt}
 * @param thdtBuyAmt      {@code thdt_buy_amt}
 * @param thdtSllAmt      {@code thdt_sll_amt}
 * @param thdtTlexAmt     {@code thdt_tlex_amt}
 * @param sctsEvluAmt     {@code scts_evlu_amt}
 * @param totEvluAmt      {@code tot_evlu_amt}
 * @param nassAmt         {@code nass_amt}
 * @param pchsAmtSmtlAmt  {@code pchs_amt_smtl_amt}
 * @param evluAmtSmtlAmt  {@code evlu_amt_smtl_amt}
 * @param evluPflsSmtlAmt {@code evlu_pfls_smtl_amt}
 * @param row             the object as received
 */
public record BalanceSummary(
        BigDecimal dncaTotAmt,
        BigDecimal nxdyExccAmt,
        BigDecimal prvsRcdlExccAmt,
        BigDecimal thdtBuyAmt,
        BigDecimal thdtSllAmt,
        BigDecimal thdtTlexAmt,
        BigDecimal sctsEvluAmt,
        BigDecimal totEvluAmt,
        BigDecimal nassAmt,
        BigDecimal pchsAmtSmtlAmt,
        BigDecimal evluAmtSmtlAmt,
        BigDecimal evluPflsSmtlAmt,
        KisRow row) {

    public static BalanceSummary parse(KisRow n) {
        return new BalanceSummary(
                KisFields.decimal(n, "dnca_tot_amt"),
                KisFields.decimal(n, "nxdy_excc_amt"),
                KisFields.decimal(n, "prvs_rcdl_excc_amt"),
                KisFields.decimal(n, "thdt_buy_amt"),
                KisFields.decimal(n, "thdt_sll_amt"),
                KisFields.decimal(n, "thdt_tlex_amt"),
                KisFields.decimal(n, "scts_evlu_amt"),
                KisFields.decimal(n, "tot_evlu_amt"),
                KisFields.decimal(n, "nass_amt"),
                KisFields.decimal(n, "pchs_amt_smtl_amt"),
                KisFields.decimal(n, "evlu_amt_smtl_amt"),
                KisFields.decimal(n, "evlu_pfls_smtl_amt"),
                n);
    }

    /** The JSON as received. */
    public String raw() {
        return row.raw();
    }
}
