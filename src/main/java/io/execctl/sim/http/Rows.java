package io.execctl.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import io.execctl.sim.market.HoldingRecord;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.Source;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Renders the broker's records as KIS inquiry rows: every value a string, field names as KIS. */
final class Rows {
    private static final Map<String, String> ORD_DVSN_NAMES = Map.ofEntries(
            Map.entry("00", "지정가"),
            Map.entry("01", "시장가"),
            Map.entry("02", "조건부지정가"),
            Map.entry("03", "최유리지정가"),
            Map.entry("04", "최우선지정가"),
            Map.entry("05", "장전 시간외"),
            Map.entry("06", "장후 시간외"),
            Map.entry("07", "시간외 단일가"),
            Map.entry("11", "IOC지정가"),
            Map.entry("12", "FOK지정가"),
            Map.entry("13", "IOC시장가"),
            Map.entry("14", "FOK시장가"),
            Map.entry("15", "IOC최유리"),
            Map.entry("16", "FOK최유리"));

    private Rows() {}

    static String ordDvsnName(String code) {
        return ORD_DVSN_NAMES.getOrDefault(code, code);
    }

    /** Average fill price, whole won rounded down ("0" when nothing filled). */
    static String avgPrice(long amount, long qty) {
        return qty == 0 ? "0" : Long.toString(amount / qty);
    }

    private static String rvseName(String dvsn) {
        return switch (dvsn) {
            case "01" -> "정정";
            case "02" -> "취소";
            default -> "";
        };
    }

    /**
     * One inquire-daily-ccld {@code output1} row (§6.3), names as they arrive on the wire (§14.2:
     * {@code cncl_cfrm_qty}, {@code excg_id_dvsn_cd}; the sample's label map misspells both).
     */
    static ObjectNode dailyCcld(OrderRecord o) {
        ObjectNode r = Json.object();
        boolean cancelRow = "02".equals(o.rvseCnclDvsn());
        r.put("ord_dt", KoreaTime.formatDate(o.orderDate()));
        r.put("ord_gno_brno", o.ccldBranch());
        r.put("odno", o.odno());
        r.put("orgn_odno", o.origOdno() == null ? "" : o.origOdno());
        r.put("ord_dvsn_name", ordDvsnName(o.ordDvsn()));
        r.put("sll_buy_dvsn_cd", o.side().kisCode());
        r.put("sll_buy_dvsn_cd_name", o.side() == Side.BUY ? "현금매수" : "현금매도");
        r.put("pdno", o.symbol());
        r.put("prdt_name", o.symbolName() == null ? "" : o.symbolName());
        r.put("ord_qty", Long.toString(o.qty()));
        r.put("ord_unpr", Long.toString(o.price()));
        r.put("ord_tmd", o.ordTmd());
        r.put("tot_ccld_qty", Long.toString(o.filledQty()));
        r.put("avg_prvs", avgPrice(o.filledAmount(), o.filledQty()));
        r.put("cncl_yn", cancelRow || "CANCELLED".equals(o.status()) ? "Y" : "");
        r.put("tot_ccld_amt", Long.toString(o.filledAmount()));
        r.put("loan_dt", "");
        r.put("ordr_empno", o.source() == Source.HTS ? "HTS" : "OpnAPI");
        r.put("ord_dvsn_cd", o.ordDvsn());
        r.put("cncl_cfrm_qty", Long.toString(o.cancelledQty()));
        r.put("rmn_qty", Long.toString(o.remainingQty()));
        r.put("rjct_qty", Long.toString(o.rejectedQty()));
        r.put("ccld_cndt_name", "없음");
        r.put("inqr_ip_addr", "");
        r.put("cpbc_ordp_ord_rcit_dvsn_cd", "");
        r.put("cpbc_ordp_infm_mthd_dvsn_cd", "");
        r.put("infm_tmd", "");
        r.put("ctac_tlno", "");
        r.put("prdt_type_cd", "300");
        r.put("excg_dvsn_cd", "02");
        r.put("cpbc_ordp_mtrl_dvsn_cd", "");
        r.put("ord_orgno", "00000"); // KIS: typically "00000"; the branch is in ord_gno_brno
        r.put("rsvn_ord_end_dt", "");
        r.put("excg_id_dvsn_cd", "KRX");
        r.put("stpm_cndt_pric", "0");
        r.put("stpm_efct_occr_dtmd", "");
        return r;
    }

    /** One inquire-psbl-rvsecncl {@code output} row (§5.1). */
    static ObjectNode openOrder(OrderRecord o) {
        ObjectNode r = Json.object();
        r.put("ord_gno_brno", o.branch());
        r.put("odno", o.odno());
        r.put("orgn_odno", o.origOdno() == null ? "" : o.origOdno());
        r.put("ord_dvsn_name", ordDvsnName(o.ordDvsn()));
        r.put("pdno", o.symbol());
        r.put("prdt_name", o.symbolName() == null ? "" : o.symbolName());
        r.put("rvse_cncl_dvsn_name", rvseName(o.rvseCnclDvsn() == null ? "" : o.rvseCnclDvsn()));
        r.put("ord_qty", Long.toString(o.qty()));
        r.put("ord_unpr", Long.toString(o.price()));
        r.put("ord_tmd", o.ordTmd());
        r.put("tot_ccld_qty", Long.toString(o.filledQty()));
        r.put("tot_ccld_amt", Long.toString(o.filledAmount()));
        r.put("psbl_qty", Long.toString(o.remainingQty()));
        r.put("sll_buy_dvsn_cd", o.side().kisCode());
        r.put("ord_dvsn_cd", o.ordDvsn());
        r.put("mgco_aptm_odno", "");
        r.put("excg_dvsn_cd", "02");
        r.put("excg_id_dvsn_cd", "KRX");
        r.put("excg_id_dvsn_name", "KRX");
        r.put("stpm_cndt_pric", "0");
        r.put("stpm_efct_occr_yn", "N");
        return r;
    }

    /** One inquire-balance {@code output1} row (§7). */
    static ObjectNode holding(HoldingRecord h) {
        ObjectNode r = Json.object();
        long evlu = h.qty() * h.currentPrice();
        long pfls = evlu - h.purchaseAmount();
        r.put("pdno", h.symbol());
        r.put("prdt_name", h.symbolName() == null ? "" : h.symbolName());
        r.put("trad_dvsn_name", "현금");
        r.put("bfdy_buy_qty", Long.toString(h.prevDayBuyQty()));
        r.put("bfdy_sll_qty", Long.toString(h.prevDaySellQty()));
        r.put("thdt_buyqty", Long.toString(h.todayBuyQty()));
        r.put("thdt_sll_qty", Long.toString(h.todaySellQty()));
        r.put("hldg_qty", Long.toString(h.qty()));
        r.put("ord_psbl_qty", Long.toString(h.ordPsblQty()));
        r.put("pchs_avg_pric", h.avgPrice().setScale(4, RoundingMode.HALF_UP).toPlainString());
        r.put("pchs_amt", Long.toString(h.purchaseAmount()));
        r.put("prpr", Long.toString(h.currentPrice()));
        r.put("evlu_amt", Long.toString(evlu));
        r.put("evlu_pfls_amt", Long.toString(pfls));
        r.put("evlu_pfls_rt", rate(pfls, h.purchaseAmount()));
        r.put("evlu_erng_rt", rate(pfls, h.purchaseAmount()));
        r.put("loan_dt", "");
        r.put("loan_amt", "0");
        r.put("stln_slng_chgs", "0");
        r.put("expd_dt", "");
        r.put("fltt_rt", "0.00000000");
        r.put("bfdy_cprs_icdc", "0");
        r.put("item_mgna_rt_name", "20%");
        r.put("grta_rt_name", "");
        r.put("sbst_pric", "0");
        r.put("stck_loan_unpr", "0");
        return r;
    }

    private static String rate(long num, long den) {
        if (den == 0) {
            return "0.00";
        }
        return BigDecimal.valueOf(num)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(den), 2, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
