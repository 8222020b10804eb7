package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** KIS continuation queries across many pages, and "data changed, query again". */
class PaginationTest {
    static final String DAILY = KisEndpoint.INQUIRE_DAILY_CCLD.path();
    RestFixture fx;
    RawKis kis;

    @AfterEach
    void stop() {
        fx.close();
    }

    void paper(Faults faults, int orders) {
        fx = new RestFixture(true, 0, faults);
        kis = fx.client().login();
        for (int i = 0; i < orders; i++) {
            assertThat(kis.order("VTTC0012U", "005930", "00", 1, 60000 + i * 100)
                            .json()
                            .get("rt_cd")
                            .asText())
                    .isEqualTo("0");
        }
    }

    RawKis.Resp next(Map<String, String> params, RawKis.Resp prev) {
        params.put("CTX_AREA_FK100", prev.json().get("ctx_area_fk100").asText());
        params.put("CTX_AREA_NK100", prev.json().get("ctx_area_nk100").asText());
        Map<String, String> h = kis.headers("VTTC8001R");
        h.put("tr_cont", "N");
        return kis.get(DAILY, h, params);
    }

    @Test
    void fortyOrdersOnPaperAreThreePagesFMD() {
        paper(Faults.NONE, 40);
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp first = kis.get(DAILY, "VTTC8001R", p);
        assertThat(first.header("tr_cont")).isEqualTo("F");
        assertThat(first.json().get("output1")).hasSize(15);
        assertThat(first.json().get("ctx_area_fk100").asText()).hasSize(100);
        assertThat(first.json().get("ctx_area_nk100").asText()).hasSize(100);
        assertThat(first.json().get("output2").get("tot_ord_qty").asText()).isEqualTo("40");
        RawKis.Resp second = next(p, first);
        assertThat(second.header("tr_cont")).isEqualTo("M");
        assertThat(second.json().get("output1")).hasSize(15);
        RawKis.Resp third = next(p, second);
        assertThat(third.header("tr_cont")).isIn("D", "E");
        assertThat(third.json().get("output1")).hasSize(10);
        assertThat(third.json().get("ctx_area_nk100").asText())
                .as("NK blank on the last page")
                .isBlank();
        assertThat(third.json().get("ctx_area_fk100").asText().strip())
                .as("FK keeps the ^-joined search conditions")
                .isEqualTo("50000001^01^20261124^20261124^00^01^^00^^^00^");
        List<String> all = new ArrayList<>();
        for (RawKis.Resp r : List.of(first, second, third)) {
            r.json().get("output1").forEach(n -> all.add(n.get("odno").asText()));
        }
        assertThat(all).hasSize(40).doesNotHaveDuplicates().isSorted();
        assertThat(all.get(0)).isEqualTo("0000000001");
        assertThat(all.get(39)).isEqualTo("0000000040");
    }

    @Test
    void manyPagesOnRealWithHundredRows() {
        fx = new RestFixture(false, 0);
        kis = fx.client().login();
        for (int i = 0; i < 230; i++) {
            kis.order("TTTC0012U", "005930", "00", 1, 60000);
        }
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp r = kis.get(DAILY, "TTTC8001R", p);
        List<String> conts = new ArrayList<>();
        int rows = 0;
        while (true) {
            conts.add(r.header("tr_cont"));
            rows += r.json().get("output1").size();
            if (!List.of("F", "M").contains(r.header("tr_cont"))) {
                break;
            }
            p.put("CTX_AREA_FK100", r.json().get("ctx_area_fk100").asText());
            p.put("CTX_AREA_NK100", r.json().get("ctx_area_nk100").asText());
            Map<String, String> h = kis.headers("TTTC8001R");
            h.put("tr_cont", "N");
            r = kis.get(DAILY, h, p);
        }
        assertThat(conts).hasSize(3).startsWith("F", "M");
        assertThat(conts.get(2)).isIn("D", "E");
        assertThat(rows).isEqualTo(230);
        assertThat(r.msgCd()).as("last page of a continuation").isEqualTo("KIOK0460");
    }

    @Test
    void newActivityBetweenPagesIsDataChanged() {
        paper(Faults.NONE, 20);
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp first = kis.get(DAILY, "VTTC8001R", p);
        assertThat(first.header("tr_cont")).isEqualTo("F");
        kis.order("VTTC0012U", "005930", "00", 1, 60000);
        RawKis.Resp changed = next(p, first);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(changed.msgCd()).isEqualTo(Paging.DATA_CHANGED_CODE);
        assertThat(changed.json().get("msg1").asText()).isEqualTo("조회이후에 자료가 변경되었습니다.(다시 조회하세요)");
        // starting over works
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        assertThat(kis.get(DAILY, "VTTC8001R", p).json().get("output1")).hasSize(15);
    }

    @Test
    void keysOfAnotherQueryAreRefused() {
        paper(Faults.NONE, 20);
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp first = kis.get(DAILY, "VTTC8001R", p);
        p.put("PDNO", "000660");
        RawKis.Resp r = next(p, first);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(r.msgCd()).isEqualTo("SYDB0050");
    }

    @Test
    void pagingDataChangedFaultRefusesContinuationsOnly() {
        paper(Faults.parse("{\"paging_data_changed_rate\":1.0}"), 20);
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp first = kis.get(DAILY, "VTTC8001R", p);
        assertThat(first.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(next(p, first).msgCd()).isEqualTo(Paging.DATA_CHANGED_CODE);
    }

    @Test
    void openOrdersPageFiftyOnReal() {
        fx = new RestFixture(false, 0);
        kis = fx.client().login();
        for (int i = 0; i < 120; i++) {
            kis.order("TTTC0012U", "005930", "00", 1, 60000);
        }
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
        List<String> conts = new ArrayList<>();
        List<String> odnos = new ArrayList<>();
        Map<String, String> h = kis.headers("TTTC0084R");
        while (true) {
            RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(), h, p);
            conts.add(r.header("tr_cont"));
            r.json().get("output").forEach(n -> odnos.add(n.get("odno").asText()));
            if (!List.of("F", "M").contains(r.header("tr_cont"))) {
                break;
            }
            p.put("CTX_AREA_FK100", r.json().get("ctx_area_fk100").asText());
            p.put("CTX_AREA_NK100", r.json().get("ctx_area_nk100").asText());
            h.put("tr_cont", "N");
        }
        assertThat(conts).hasSize(3).startsWith("F", "M");
        assertThat(odnos).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void balancePagesTwentyOnPaper() {
        fx = new RestFixture(true, 0);
        kis = fx.client().login();
        for (int i = 0; i < 25; i++) {
            fx.broker.setPrice(String.format("9%05d", i), 1000); // list a symbol in the double
            kis.order("VTTC0012U", String.format("9%05d", i), "01", 1, 0);
        }
        RawKis.Resp first = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "VTTC8434R", RawKis.balanceParams());
        assertThat(first.header("tr_cont")).isEqualTo("F");
        JsonNode rows = first.json().get("output1");
        assertThat(rows).hasSize(20);
        Map<String, String> p = RawKis.balanceParams();
        p.put("CTX_AREA_FK100", first.json().get("ctx_area_fk100").asText());
        p.put("CTX_AREA_NK100", first.json().get("ctx_area_nk100").asText());
        Map<String, String> h = kis.headers("VTTC8434R");
        h.put("tr_cont", "N");
        RawKis.Resp second = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), h, p);
        assertThat(second.header("tr_cont")).isIn("D", "E");
        assertThat(second.json().get("output1")).hasSize(5);
        assertThat(second.json().get("output2")).hasSize(1);
    }

    @Test
    void lastPageIsDOrEAndBothOccur() {
        fx = new RestFixture(false, 0);
        kis = fx.client().login();
        kis.order("TTTC0012U", "005930", "01", 1, 0);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            RawKis.Resp r = kis.get(DAILY, "TTTC8001R", RawKis.dailyParams("20261124"));
            seen.add(r.header("tr_cont"));
            assertThat(r.json().get("ctx_area_nk100").asText()).isBlank();
            assertThat(r.json().get("ctx_area_fk100").asText()).startsWith("50000001^01^20261124");
        }
        assertThat(seen).containsExactly("D", "E");
    }

    @Test
    void continuingWithABlankNk100StartsOver() {
        paper(Faults.NONE, 20);
        Map<String, String> p = RawKis.dailyParams("20261124");
        RawKis.Resp first = kis.get(DAILY, "VTTC8001R", p);
        RawKis.Resp last = next(p, first);
        assertThat(last.header("tr_cont")).isIn("D", "E");
        RawKis.Resp again = next(p, last);
        assertThat(again.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(again.header("tr_cont")).isEqualTo("F");
    }
}
