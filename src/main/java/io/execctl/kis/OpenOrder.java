package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.Side;
import java.math.BigDecimal;

/**
 * A cancellable order of today: from {@code inquire-psbl-rvsecncl} on real, or derived from today's
 * {@code inquire-daily-ccld} rows with {@code rmn_qty > 0} on paper (ERRATA).
 *
 * @param branch     {@code ord_gno_brno}
 * @param odno       {@code odno}
 * @param orgnOdno   {@code orgn_odno}
 * @param symbol     {@code pdno}
 * @param side       {@code sll_buy_dvsn_cd}
 * @param ordDvsnCd  {@code ord_dvsn_cd}
 * @param ordQty     {@code ord_qty}
 * @param ordUnpr    {@code ord_unpr}
 * @param ordTmd     {@code ord_tmd}
 * @param totCcldQty {@code tot_ccld_qty}
 * @param psblQty    {@code psbl_qty} (real) or {@code rmn_qty} (paper fallback): quantity still cancellable
 * @param source     where the row came from
 * @param row        the row as received (its JSON: {@link #raw()}, {@link #json()})
 */
public record OpenOrder(
        String branch,
        String odno,
        String orgnOdno,
        String symbol,
        Side side,
        String ordDvsnCd,
        long ordQty,
        BigDecimal ordUnpr,
        String ordTmd,
        long totCcldQty,
        long psblQty,
        Source source,
        KisRow row) {

    /** The endpoint that produced the row. */
    public enum Source {
        PSBL_RVSECNCL,
        DAILY_CCLD
    }

    /** Reads an {@code inquire-psbl-rvsecncl} row; every field read must be on the row. */
    public static OpenOrder parse(KisRow n) {
        return new OpenOrder(
                KisFields.present(n, "ord_gno_brno"),
                KisFields.required(n, "odno"),
                KisFields.present(n, "orgn_odno"),
                KisFields.required(n, "pdno"),
                KisFields.side(n, "sll_buy_dvsn_cd"),
                KisFields.present(n, "ord_dvsn_cd"),
                KisFields.qty(n, "ord_qty"),
                KisFields.decimal(n, "ord_unpr"),
                KisFields.present(n, "ord_tmd"),
                KisFields.qty(n, "tot_ccld_qty"),
                KisFields.qty(n, "psbl_qty"),
                Source.PSBL_RVSECNCL,
                n);
    }

    public static OpenOrder fromDaily(DailyOrderRow r) {
        return new OpenOrder(
                r.branch(),
                r.odno(),
                r.orgnOdno(),
                r.symbol(),
                r.side(),
                r.ordDvsnCd(),
                r.ordQty(),
                r.ordUnpr(),
                r.ordTmd(),
                r.totCcldQty(),
                r.rmnQty(),
                Source.DAILY_CCLD,
                r.row());
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
