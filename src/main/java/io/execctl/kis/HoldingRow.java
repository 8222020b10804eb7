package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One row of {@code inquire-balance} {@code output1}. Sold-out positions may stay with quantity 0
 * until settlement.
 *
 * @param symbol      {@code pdno}
 * @param name        {@code prdt_name}
 * @param hldgQty     {@code hldg_qty}
 * @param ordPsblQty  {@code ord_psbl_qty}
 * @param pchsAvgPric {@code pchs_avg_pric} (e.g. "248750.0000")
 * @param pchsAmt     {@code pchs_amt}
 * @param prpr        {@code prpr}: current price
 * @param evluAmt     {@code evlu_amt}
 * @param evluPflsAmt {@code evlu_pfls_amt}
 * @param row         the row as received (its JSON: {@link #raw()}, {@link #json()})
 */
public record HoldingRow(
        String symbol,
        String name,
        long hldgQty,
        long ordPsblQty,
        BigDecimal pchsAvgPric,
        BigDecimal pchsAmt,
        BigDecimal prpr,
        BigDecimal evluAmt,
        BigDecimal evluPflsAmt,
        KisRow row) {

    /** Reads a row; every field read must be on the row (an absent one is an error, never 0). */
    public static HoldingRow parse(KisRow n) {
        return new HoldingRow(
                KisFields.required(n, "pdno"),
                KisFields.present(n, "prdt_name"),
                KisFields.qty(n, "hldg_qty"),
                KisFields.qty(n, "ord_psbl_qty"),
                KisFields.decimal(n, "pchs_avg_pric"),
                KisFields.decimal(n, "pchs_amt"),
                KisFields.decimal(n, "prpr"),
                KisFields.decimal(n, "evlu_amt"),
                KisFields.decimal(n, "evlu_pfls_amt"),
                n);
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
