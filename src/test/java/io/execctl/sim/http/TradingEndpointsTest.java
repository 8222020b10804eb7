package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every trading endpoint's fields, string values and KIS rejections, over raw HTTP. */
class TradingEndpointsTest {
    static final String ORDER = KisEndpoint.ORDER_CASH.path();
    static final String DAILY = KisEndpoint.INQUIRE_DAILY_CCLD.path();
    static final String OPEN = KisEndpoint.INQUIRE_PSBL_RVSECNCL.path();
    static final String BALANCE = KisEndpoint.INQUIRE_BALANCE.path();
    RestFixture fx;
    RawKis kis;

    @AfterEach
    void stop() {
        fx.close();
    }

    void real() {
        fx = new RestFixture(false, 0);
        kis = fx.client().login();
    }

    @Test
    void orderCashAnswersUppercaseOutput() {
        real();
        JsonNode j = kis.order("TTTC0012U", "005930", "00", 10, 71000).json();
        assertThat(j.get("rt_cd").asText()).isEqualTo("0");
        assertThat(j.get("msg_cd").asText()).isEqualTo("APBK0013");
        JsonNode out = j.get("output");
        assertThat(out.get("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("06590");
        assertThat(out.get("ODNO").asText()).isEqualTo("0000000001");
        assertThat(out.get("ORD_TMD").asText()).matches("\\d{6}");
        assertThat(fx.broker.ledger().orders()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.BUY);
            assertThat(o.price()).isEqualTo(71000);
            assertThat(o.qty()).isEqualTo(10);
        });
        kis.order("TTTC0011U", "005930", "00", 1, 90000);
        assertThat(fx.broker.ledger().orders().get(1).side()).isEqualTo(Side.SELL);
    }

    @Test
    void businessRejectionIsHttp200RtCd7() {
        real();
        RawKis.Resp r = kis.order("TTTC0012U", "999999", "00", 1, 1000);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rt_cd").asText())
                .as("APBK… rejections carry rt_cd 7")
                .isEqualTo("7");
        assertThat(r.msgCd()).isEqualTo("APBK0656");
        assertThat(r.json().has("output")).isFalse();
    }

    @Test
    void shapeErrorsNameTheField() {
        real();
        Map<String, String> h = kis.headers("TTTC0012U");
        RawKis.Resp account =
                kis.post(ORDER, h, RawKis.orderBody("005930", "00", 1, 72000).replace("50000001", "50000002"));
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.msgCd()).isEqualTo("OPSQ2000");
        assertThat(account.json().get("rt_cd").asText()).isEqualTo("2");
        assertThat(account.json().get("msg1").asText()).contains("INVALID_CHECK_ACNO");
        RawKis.Resp missing = kis.post(
                ORDER,
                h,
                "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\",\"ORD_DVSN\":\"00\",\"ORD_QTY\":\"1\"}");
        assertThat(missing.msgCd()).isEqualTo("OPSQ2001");
        assertThat(missing.json().get("rt_cd").asText()).isEqualTo("2");
        assertThat(missing.json().get("msg1").asText()).isEqualTo("ERROR INPUT FIELD NOT FOUND [ORD_UNPR]");
        RawKis.Resp number = kis.post(
                ORDER,
                h,
                "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\",\"ORD_DVSN\":\"00\",\"ORD_QTY\":1,\"ORD_UNPR\":\"72000\"}");
        assertThat(number.msgCd()).isEqualTo("OPSQ2002");
        assertThat(number.json().get("rt_cd").asText()).isEqualTo("2");
        assertThat(number.json().get("msg1").asText()).contains("ORD_QTY");
        RawKis.Resp letters =
                kis.post(ORDER, h, RawKis.orderBody("005930", "00", 1, 72000).replace("\"72000\"", "\"72,000\""));
        assertThat(letters.msgCd()).isEqualTo("OPSQ2002");
        RawKis.Resp notJson = kis.post(ORDER, h, "CANO=50000001");
        assertThat(notJson.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(notJson.msgCd()).isEqualTo("OPSQ9997");
        assertThat(fx.broker.ledger().orders()).isEmpty();
    }

    @Test
    void reviseAndCancelGetTheirOwnOdnoAndKisRejections() {
        real();
        String odno = kis.order("TTTC0012U", "005930", "00", 10, 70000)
                .json()
                .get("output")
                .get("ODNO")
                .asText();
        RawKis.Resp partial = kis.revise("TTTC0013U", "06590", odno, "02", "00", 3, 0, false);
        assertThat(partial.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(partial.json().get("output").get("ODNO").asText()).isEqualTo("0000000002");
        assertThat(kis.revise("TTTC0803U", "06590", odno, "02", "00", 8, 0, false)
                        .msgCd())
                .isEqualTo("40430000");
        assertThat(kis.revise("TTTC0013U", "06590", "0000009999", "02", "00", 0, 0, true)
                        .msgCd())
                .isEqualTo("40320000");
        RawKis.Resp all = kis.revise("TTTC0013U", "06590", odno, "02", "00", 0, 0, true);
        assertThat(all.json().get("output").get("ODNO").asText()).isEqualTo("0000000003");
        assertThat(kis.revise("TTTC0013U", "06590", odno, "02", "00", 0, 0, true)
                        .msgCd())
                .isEqualTo("40330000");
        assertThat(fx.broker.ledger().orders()).extracting(o -> o.origOdno()).containsExactly("", odno, odno);
        RawKis.Resp badDvsn = kis.revise("TTTC0013U", "06590", odno, "03", "00", 0, 0, true);
        assertThat(badDvsn.msgCd()).isEqualTo("OPSQ2002");
    }

    @Test
    void openOrdersListsRemainingQuantityOnReal() {
        real();
        kis.order("TTTC0012U", "005930", "00", 10, 70000);
        kis.order("TTTC0012U", "005930", "01", 2, 0); // fills at once
        kis.order("TTTC0012U", "000660", "00", 5, 170000);
        Map<String, String> p = new LinkedHashMap<>(Map.of(
                "CANO",
                "50000001",
                "ACNT_PRDT_CD",
                "01",
                "INQR_DVSN_1",
                "1",
                "INQR_DVSN_2",
                "0",
                "CTX_AREA_FK100",
                "",
                "CTX_AREA_NK100",
                ""));
        RawKis.Resp r = kis.get(OPEN, "TTTC0084R", p);
        assertThat(r.status()).isEqualTo(200);
        JsonNode rows = r.json().get("output");
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        for (String f : List.of(
                "ord_gno_brno",
                "odno",
                "orgn_odno",
                "ord_dvsn_name",
                "pdno",
                "prdt_name",
                "rvse_cncl_dvsn_name",
                "ord_qty",
                "ord_unpr",
                "ord_tmd",
                "tot_ccld_qty",
                "tot_ccld_amt",
                "psbl_qty",
                "sll_buy_dvsn_cd",
                "ord_dvsn_cd",
                "mgco_aptm_odno",
                "excg_dvsn_cd",
                "excg_id_dvsn_cd",
                "excg_id_dvsn_name",
                "stpm_cndt_pric",
                "stpm_efct_occr_yn")) {
            assertThat(first.get(f)).as(f).isNotNull();
            assertThat(first.get(f).isTextual()).as(f).isTrue();
        }
        assertThat(first.get("odno").asText()).isEqualTo("0000000001");
        assertThat(first.get("psbl_qty").asText()).isEqualTo("10");
        assertThat(first.get("sll_buy_dvsn_cd").asText()).isEqualTo("02");
        assertThat(kis.get(OPEN, "TTTC8036R", p).json().get("output")).hasSize(2);
        p.put("INQR_DVSN_2", "1");
        assertThat(kis.get(OPEN, "TTTC0084R", p).json().get("output")).isEmpty();
    }

    @Test
    void openOrdersIsNotOfferedOnPaper() {
        fx = new RestFixture(true, 0);
        kis = fx.client().login();
        RawKis.Resp r = kis.get(OPEN, "VTTC8036R", Map.of("CANO", "50000001", "ACNT_PRDT_CD", "01"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(r.msgCd()).isEqualTo("90000000");
        assertThat(r.json().get("msg1").asText()).isEqualTo("모의투자에서는 해당업무가 제공되지 않습니다.");
    }

    @Test
    void dailyCcldOneRowPerOrderWithTotals() {
        real();
        kis.order("TTTC0012U", "005930", "01", 10, 0); // fills 10 @ 72000
        kis.order("TTTC0011U", "005930", "01", 4, 0); // fills 4 @ 72000
        String open = kis.order("TTTC0012U", "000660", "00", 5, 170000)
                .json()
                .get("output")
                .get("ODNO")
                .asText();
        kis.revise("TTTC0013U", "06590", open, "02", "00", 2, 0, false);
        RawKis.Resp r = kis.get(DAILY, "TTTC0081R", RawKis.dailyParams("20261124"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("tr_cont")).isEqualTo("D");
        JsonNode rows = r.json().get("output1");
        assertThat(rows).hasSize(4);
        JsonNode buy = rows.get(0);
        for (String f : List.of(
                "ord_dt",
                "ord_gno_brno",
                "odno",
                "orgn_odno",
                "ord_dvsn_name",
                "sll_buy_dvsn_cd",
                "sll_buy_dvsn_cd_name",
                "pdno",
                "prdt_name",
                "ord_qty",
                "ord_unpr",
                "ord_tmd",
                "tot_ccld_qty",
                "avg_prvs",
                "cncl_yn",
                "tot_ccld_amt",
                "loan_dt",
                "ordr_empno",
                "ord_dvsn_cd",
                "cncl_cfrm_qty",
                "rmn_qty",
                "rjct_qty",
                "ccld_cndt_name",
                "inqr_ip_addr",
                "cpbc_ordp_ord_rcit_dvsn_cd",
                "cpbc_ordp_infm_mthd_dvsn_cd",
                "infm_tmd",
                "ctac_tlno",
                "prdt_type_cd",
                "excg_dvsn_cd",
                "cpbc_ordp_mtrl_dvsn_cd",
                "ord_orgno",
                "rsvn_ord_end_dt",
                "excg_id_dvsn_cd",
                "stpm_cndt_pric",
                "stpm_efct_occr_dtmd")) {
            assertThat(buy.get(f)).as(f).isNotNull();
            assertThat(buy.get(f).isTextual()).as(f).isTrue();
        }
        assertThat(buy.get("ord_dt").asText()).isEqualTo("20261124");
        assertThat(buy.get("tot_ccld_qty").asText()).isEqualTo("10");
        assertThat(buy.get("avg_prvs").asText()).isEqualTo("72000");
        assertThat(buy.get("tot_ccld_amt").asText()).isEqualTo("720000");
        assertThat(buy.get("rmn_qty").asText()).isEqualTo("0");
        assertThat(buy.get("cncl_yn").asText()).as("blank when not cancelled").isEmpty();
        assertThat(buy.has("cnc_cfrm_qty"))
                .as("the sample's typo never arrives")
                .isFalse();
        assertThat(buy.has("excg_id_dvsn_Cd")).isFalse();
        assertThat(buy.get("excg_id_dvsn_cd").asText()).isEqualTo("KRX");
        assertThat(buy.get("ord_orgno").asText()).isEqualTo("00000");
        assertThat(buy.get("ord_gno_brno").asText()).isEqualTo("06590");
        assertThat(buy.get("sll_buy_dvsn_cd_name").asText()).isEqualTo("현금매수");
        assertThat(rows.get(1).get("sll_buy_dvsn_cd_name").asText()).isEqualTo("현금매도");
        assertThat(r.msgCd()).isEqualTo("KIOK0510");
        assertThat(r.json().get("msg1").asText()).startsWith("조회가 완료되었습니다").hasSize(80 - 21 + 11);
        assertThat(buy.get("sll_buy_dvsn_cd").asText()).isEqualTo("02");
        JsonNode cancel = rows.get(3);
        assertThat(cancel.get("orgn_odno").asText()).isEqualTo(open);
        assertThat(cancel.get("cncl_yn").asText()).isEqualTo("Y");
        assertThat(rows.get(2).get("rmn_qty").asText()).isEqualTo("3");
        assertThat(rows.get(2).get("cncl_cfrm_qty").asText()).isEqualTo("2");
        JsonNode t = r.json().get("output2");
        assertThat(t.isObject()).isTrue();
        assertThat(t.get("tot_ord_qty").asText()).isEqualTo("21");
        assertThat(t.get("tot_ccld_qty").asText()).isEqualTo("14");
        assertThat(t.get("tot_ccld_amt").asText()).isEqualTo("1008000");
        // fees: floor(720000*0.00015)=108, floor(288000*0.00015)=43, tax floor(288000*0.0018)=518
        assertThat(t.get("prsm_tlex_smtl").asText()).isEqualTo(Long.toString(108 + 43 + 518));
        assertThat(new BigDecimal(t.get("pchs_avg_pric").asText())).isEqualByComparingTo("72000");
    }

    @Test
    void dailyCcldFiltersAndDirection() {
        real();
        kis.order("TTTC0012U", "005930", "01", 1, 0);
        kis.order("TTTC0012U", "000660", "00", 1, 170000);
        kis.order("TTTC0011U", "005930", "01", 1, 0);
        Map<String, String> p = RawKis.dailyParams("20261124");
        p.put("INQR_DVSN", "00");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000003", "0000000002", "0000000001");
        p.put("INQR_DVSN", "01");
        p.put("SLL_BUY_DVSN_CD", "01");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000003");
        p.put("SLL_BUY_DVSN_CD", "00");
        p.put("CCLD_DVSN", "02");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000002");
        p.put("CCLD_DVSN", "01");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000001", "0000000003");
        p.put("CCLD_DVSN", "00");
        p.put("PDNO", "000660");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000002");
        p.put("PDNO", "");
        p.put("ODNO", "3");
        assertThat(odnos(kis.get(DAILY, "TTTC8001R", p))).containsExactly("0000000003");
        RawKis.Resp empty = kis.get(DAILY, "TTTC8001R", RawKis.dailyParams("20261120"));
        assertThat(empty.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(empty.msgCd()).as("real: KIOK0560, no data, not an error").isEqualTo("KIOK0560");
        assertThat(empty.json().get("msg1").asText().strip()).isEqualTo("조회할 내용이 없습니다");
        assertThat(empty.json().get("output1")).isEmpty();
        Map<String, String> bad = RawKis.dailyParams("2026-11-24");
        assertThat(kis.get(DAILY, "TTTC8001R", bad).msgCd()).isEqualTo("OPSQ2002");
    }

    @Test
    void balanceHoldingsAndOneElementSummary() {
        real();
        kis.order("TTTC0012U", "005930", "01", 10, 0);
        RawKis.Resp r = kis.get(BALANCE, "TTTC8434R", RawKis.balanceParams());
        JsonNode h = r.json().get("output1");
        assertThat(h).hasSize(1);
        for (String f : List.of(
                "pdno",
                "prdt_name",
                "trad_dvsn_name",
                "bfdy_buy_qty",
                "bfdy_sll_qty",
                "thdt_buyqty",
                "thdt_sll_qty",
                "hldg_qty",
                "ord_psbl_qty",
                "pchs_avg_pric",
                "pchs_amt",
                "prpr",
                "evlu_amt",
                "evlu_pfls_amt",
                "evlu_pfls_rt",
                "evlu_erng_rt",
                "loan_dt",
                "loan_amt",
                "stln_slng_chgs",
                "expd_dt",
                "fltt_rt",
                "bfdy_cprs_icdc",
                "item_mgna_rt_name",
                "grta_rt_name",
                "sbst_pric",
                "stck_loan_unpr")) {
            assertThat(h.get(0).get(f)).as(f).isNotNull();
            assertThat(h.get(0).get(f).isTextual()).as(f).isTrue();
        }
        assertThat(h.get(0).get("hldg_qty").asText()).isEqualTo("10");
        assertThat(h.get(0).get("pchs_avg_pric").asText()).isEqualTo("72000.0000");
        JsonNode s = r.json().get("output2");
        assertThat(s.isArray()).isTrue();
        assertThat(s).hasSize(1);
        for (String f : List.of(
                "dnca_tot_amt",
                "nxdy_excc_amt",
                "prvs_rcdl_excc_amt",
                "thdt_buy_amt",
                "thdt_sll_amt",
                "thdt_tlex_amt",
                "scts_evlu_amt",
                "tot_evlu_amt",
                "nass_amt",
                "pchs_amt_smtl_amt",
                "evlu_amt_smtl_amt",
                "evlu_pfls_smtl_amt")) {
            assertThat(s.get(0).get(f)).as(f).isNotNull();
            assertThat(s.get(0).get(f).isTextual()).as(f).isTrue();
        }
        assertThat(s.get(0).get("dnca_tot_amt").asText()).isEqualTo("99280000");
        assertThat(s.get(0).get("scts_evlu_amt").asText()).isEqualTo("720000");
        assertThat(s.get(0).get("tot_evlu_amt").asText()).isEqualTo("100000000");
    }

    static List<String> odnos(RawKis.Resp r) {
        List<String> out = new ArrayList<>();
        r.json().get("output1").forEach(n -> out.add(n.get("odno").asText()));
        return out;
    }

    @Test
    void paperInquiryCodesAndPadding() {
        fx = new RestFixture(true, 0);
        kis = fx.client().login();
        RawKis.Resp empty = kis.get(DAILY, "VTTC8001R", RawKis.dailyParams("20261124"));
        assertThat(empty.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(empty.msgCd()).isEqualTo("70070000");
        kis.order("VTTC0012U", "005930", "01", 1, 0);
        RawKis.Resp rows = kis.get(DAILY, "VTTC8001R", RawKis.dailyParams("20261124"));
        assertThat(rows.msgCd()).isEqualTo("20310000");
        String msg1 = rows.json().get("msg1").asText();
        assertThat(msg1).startsWith("모의투자 조회가 완료되었습니다.").endsWith(" ");
        assertThat(msg1.strip()).isEqualTo("모의투자 조회가 완료되었습니다.");
        assertThat(msg1.length() - msg1.strip().length())
                .as("padded to 80 bytes of CP949")
                .isEqualTo(49);
    }
}
