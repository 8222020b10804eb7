package io.execctl.kis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inquire-daily-ccld} {@code output2}: totals over the queried range.
 *
 * @param totOrdQty    {@code tot_ord_qty}
 * @param totCcldQty   {@code tot_ccld_qty}
 * @param totCcldAmt   {@code tot_ccld_amt}
 * @param prsmTlexSmtl {@code prsm_tlex_smtl}: estimated fees and taxes
 * @param pchsAvgPric  {@code pchs_avg_pric}
 * @param row          the object as received
 */
public record DailyTotals(
        long totOrdQty,
        long totCcldQty,
        BigDecimal totCcldAmt,
        BigDecimal prsmTlexSmtl,
        BigDecimal pchsAvgPric,
        KisRow row) {

    public static DailyTotals parse(KisRow n) {
        return new DailyTotals(
                KisFields.qty(n, "tot_ord_qty"),
                KisFields.qty(n, "tot_ccld_qty"),
                KisFields.decimal(n, "tot_ccld_amt"),
                KisFields.decimal(n, "prsm_tlex_smtl"),
                KisFields.decimal(n, "pchs_avg_pric"),
                n);
    }

    /** Whether these totals count no order and no fill. */
    public boolean isZero() {
        return totOrdQty == 0 && totCcldQty == 0 && totCcldAmt.signum() == 0;
    }

    /**
     * Compares the totals with the rows of a complete answer, where the aggregation is known: the
     * rule relied on is that {@code output2.tot_ccld_qty} and {@code tot_ccld_amt} sum the rows'
     * {@code tot_ccld_qty} and {@code tot_ccld_amt} over the whole query (every page; a cancel or
     * modify row counts its own fills, normally none). {@code tot_ord_qty} is not compared: whether it
     * counts cancel/modify request rows is not documented. Only a cross-check, reported, never a gate.
     *
     * @return "" when they agree, else what differs (quantities and amounts only, no account data)
     */
    public String crossCheck(List<DailyOrderRow> rows) {
        long qty = 0;
        BigDecimal amt = BigDecimal.ZERO;
        for (DailyOrderRow r : rows) {
            qty += r.totCcldQty();
            amt = amt.add(r.totCcldAmt());
        }
        List<String> diffs = new ArrayList<>();
        if (qty != totCcldQty) {
            diffs.add("rows fill " + qty + " shares, output2 tot_ccld_qty " + totCcldQty);
        }
        if (amt.compareTo(totCcldAmt) != 0) {
            diffs.add("rows fill " + amt.toPlainString() + " KRW, output2 tot_ccld_amt " + totCcldAmt.toPlainString());
        }
        return String.join(", ", diffs);
    }

    /** The JSON as received. */
    public String raw() {
        return row.raw();
    }
}
