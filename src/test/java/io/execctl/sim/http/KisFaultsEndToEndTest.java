package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The faults KIS itself produces (REFERENCE.md §14.2), against the composed simulator over raw HTTP:
 * gateway timeout after an executed order, lagging and stale daily-ccld, paper's empty output1, exchange
 * refusal, transient first-page errors, branch variation.
 */
class KisFaultsEndToEndTest {
    static final String TODAY = "20261124";
    static final Duration WAIT = Duration.ofSeconds(10);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    Simulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    RawKis start(KisEnv env, String faults) {
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(env)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(clock));
        RawKis kis = new RawKis(sim.restUrl()).login();
        RawKis.Resp r = kis.control("POST", "/sim/faults", faults);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return kis;
    }

    static String buyTr(KisEnv env) {
        return env == KisEnv.PAPER ? "VTTC0012U" : "TTTC0012U";
    }

    static JsonNode ledgerOrder(RawKis kis, String odno) {
        for (JsonNode o : kis.control("GET", "/sim/ledger", null).json().get("orders")) {
            if (o.get("odno").asText().equals(odno)) {
                return o;
            }
        }
        return null;
    }

    static List<JsonNode> ledgerOrders(RawKis kis) {
        List<JsonNode> out = new ArrayList<>();
        kis.control("GET", "/sim/ledger", null).json().get("orders").forEach(out::add);
        return out;
    }

    static RawKis.Resp daily(RawKis kis, KisEnv env) {
        return kis.get(
                KisEndpoint.INQUIRE_DAILY_CCLD.path(),
                env == KisEnv.PAPER ? "VTTC0081R" : "TTTC0081R",
                RawKis.dailyParams(TODAY));
    }

    static JsonNode dailyRow(RawKis kis, String odno) {
        for (JsonNode row : daily(kis, KisEnv.REAL).json().get("output1")) {
            if (row.get("odno").asText().equals(odno)) {
                return row;
            }
        }
        return null;
    }

    static List<String> openOdnos(RawKis kis) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", "50000001");
        p.put("ACNT_PRDT_CD", "01");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        p.put("INQR_DVSN_1", "1");
        p.put("INQR_DVSN_2", "0");
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(), "TTTC0084R", p);
        assertThat(r.json().path("rt_cd").asText()).as(r.body()).isEqualTo("0");
        List<String> out = new ArrayList<>();
        r.json().get("output").forEach(row -> out.add(row.get("odno").asText()));
        return out;
    }

    long noticesPublished() {
        return sim.wsServer().stats().noticesPublished();
    }

    @Test
    void anOrderAnsweredWithAGatewayTimeoutWasExecutedAndItsNoticesSent() {
        RawKis kis = start(KisEnv.REAL, "{\"order_gateway_timeout_after_accept_rate\":1}");
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            int ordersBefore = ledgerOrders(kis).size();
            long noticesBefore = noticesPublished();
            RawKis.Resp r = kis.order("TTTC0012U", "005930", "01", 1, 0);
            if (r.status() == 500) {
                JsonNode j = r.json();
                assertThat(j.get("rt_cd").asText()).isEqualTo("1");
                assertThat(j.get("msg_cd").asText()).isIn("EGW00301", "EGW00302");
                assertThat(j.get("msg1").asText()).contains("직전 거래를 반드시 확인하세요");
                answers.add(j.get("msg_cd").asText());
            } else {
                assertThat(r.status()).isIn(502, 504);
                assertThat(r.body()).startsWith("<html>").contains(Integer.toString(r.status()));
                answers.add(Integer.toString(r.status()));
            }
            List<JsonNode> after = ledgerOrders(kis);
            assertThat(after)
                    .as("the order exists although the answer said timeout")
                    .hasSize(ordersBefore + 1);
            JsonNode placed = after.get(after.size() - 1);
            assertThat(placed.get("status").asText()).isEqualTo("FILLED");
            // acceptance and execution notices of the timed-out order (sent right after the answer)
            await().atMost(WAIT).until(() -> noticesPublished() - noticesBefore >= 2);
        }
        assertThat(answers).as("all four shapes occur").hasSize(4);

        kis.control("POST", "/sim/faults", "{}");
        String odno = kis.order("TTTC0012U", "005930", "00", 5, 70_000)
                .json()
                .at("/output/ODNO")
                .asText();
        kis.control("POST", "/sim/faults", "{\"order_gateway_timeout_after_accept_rate\":1}");
        RawKis.Resp cancel = kis.revise("TTTC0013U", "06590", odno, "02", "00", 0, 0, true);
        assertThat(cancel.status()).isIn(500, 502, 504);
        assertThat(ledgerOrder(kis, odno).get("status").asText())
                .as("the cancel was executed")
                .isEqualTo("CANCELLED");
    }

    @Test
    void newOrdersShowInTheInquiriesOnlyAfterTheLagWhileNoticesAreImmediate() {
        RawKis kis = start(KisEnv.REAL, "{\"ccld_lag_ms\":2000,\"branch_variation\":false}");
        long before = noticesPublished();
        String odno = kis.order("TTTC0012U", "005930", "00", 5, 70_000)
                .json()
                .at("/output/ODNO")
                .asText();
        // the acceptance notice is not delayed: it goes out while the (frozen) lag clock has not moved
        await().atMost(WAIT).until(() -> noticesPublished() > before);
        assertThat(dailyRow(kis, odno)).isNull();
        assertThat(openOdnos(kis)).doesNotContain(odno);

        clock.advance(Duration.ofMillis(1999));
        assertThat(dailyRow(kis, odno)).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(dailyRow(kis, odno)).isNotNull();
        assertThat(openOdnos(kis)).contains(odno);
    }

    @Test
    void dailyCcldTotalsLagTheExecutionsWhileNoticesRunAhead() {
        RawKis kis = start(KisEnv.REAL, "{\"ccld_stale_totals_ms\":3000}");
        String odno = kis.order("TTTC0012U", "005930", "00", 10, 70_000)
                .json()
                .at("/output/ODNO")
                .asText();
        clock.advance(Duration.ofSeconds(5));
        long before = noticesPublished();
        assertThat(kis.control("POST", "/sim/prices", "{\"005930\":70000}").status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> noticesPublished() > before); // the execution notice went out
        assertThat(ledgerOrder(kis, odno).get("status").asText()).isEqualTo("FILLED");

        JsonNode stale = dailyRow(kis, odno);
        assertThat(stale.get("tot_ccld_qty").asText()).isEqualTo("0");
        assertThat(stale.get("tot_ccld_amt").asText()).isEqualTo("0");
        assertThat(stale.get("rmn_qty").asText()).isEqualTo("10");
        assertThat(daily(kis, KisEnv.REAL).json().at("/output2/tot_ccld_qty").asText())
                .isEqualTo("0");

        clock.advance(Duration.ofSeconds(3));
        JsonNode fresh = dailyRow(kis, odno);
        assertThat(fresh.get("tot_ccld_qty").asText()).isEqualTo("10");
        assertThat(fresh.get("tot_ccld_amt").asText()).isEqualTo("700000");
        assertThat(fresh.get("rmn_qty").asText()).isEqualTo("0");
    }

    @Test
    void paperAnswersDailyCcldWithAnEmptyOutput1AndRightTotals() {
        RawKis kis = start(KisEnv.PAPER, "{\"paper_ccld_empty_rate\":1}");
        assertThat(kis.order("VTTC0012U", "005930", "01", 7, 0)
                        .json()
                        .path("rt_cd")
                        .asText())
                .isEqualTo("0");
        RawKis.Resp r = daily(kis, KisEnv.PAPER);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(r.json().get("msg_cd").asText()).isEqualTo("70070000");
        assertThat(r.json().get("output1")).isEmpty();
        assertThat(r.json().at("/output2/tot_ccld_qty").asText()).isEqualTo("7");

        kis.control("POST", "/sim/faults", "{}");
        assertThat(daily(kis, KisEnv.PAPER).json().get("output1")).hasSize(1);
    }

    @Test
    void anOrderAcceptedThenRefusedByTheExchangeShowsRjctQty() {
        RawKis kis = start(KisEnv.REAL, "{\"exchange_refuse_rate\":1}");
        RawKis.Resp r = kis.order("TTTC0012U", "005930", "00", 6, 70_000);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("0");
        String odno = r.json().at("/output/ODNO").asText();
        assertThat(odno).matches("\\d{10}");
        JsonNode row = dailyRow(kis, odno);
        assertThat(row.get("rjct_qty").asText()).isEqualTo("6");
        assertThat(row.get("tot_ccld_qty").asText()).isEqualTo("0");
        assertThat(row.get("rmn_qty").asText()).isEqualTo("0");
        assertThat(openOdnos(kis)).doesNotContain(odno);
    }

    @Test
    void aFirstPageMayAnswerSydb0050OrEgw00316AndTheSameRequestAgainWorks() {
        RawKis kis = start(KisEnv.REAL, "{\"data_changed_first_page_rate\":0.5}");
        Set<String> codes = new HashSet<>();
        int ok = 0;
        for (int i = 0; i < 40; i++) {
            RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
            String code = r.json().get("msg_cd").asText();
            if (code.equals("SYDB0050")) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
                codes.add(code);
            } else if (code.equals("EGW00316")) {
                assertThat(r.status()).isEqualTo(500);
                codes.add(code);
            } else {
                assertThat(r.json().get("rt_cd").asText()).isEqualTo("0");
                ok++;
            }
        }
        assertThat(codes).containsExactlyInAnyOrder("SYDB0050", "EGW00316");
        assertThat(ok).isPositive();
    }

    @Test
    void branchVariationIsOnInFaultRunsAndDailyCcldShowsAnotherBranch() {
        RawKis kis = start(KisEnv.REAL, "{\"egw00201_rate\":0}");
        assertThat(sim.faults().branchVariation()).isFalse(); // all-zero faults are no fault run
        kis.control("POST", "/sim/faults", "{\"rest_latency_ms\":1}");
        assertThat(sim.faults().branchVariation()).isTrue();
        RawKis.Resp r = kis.order("TTTC0012U", "005930", "00", 2, 70_000);
        String branch = r.json().at("/output/KRX_FWDG_ORD_ORGNO").asText();
        String odno = r.json().at("/output/ODNO").asText();
        assertThat(branch).isEqualTo("06590");
        assertThat(dailyRow(kis, odno).get("ord_gno_brno").asText()).isNotEqualTo(branch);
        assertThat(kis.revise("TTTC0013U", branch, odno, "02", "00", 0, 0, true)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
    }

    @Test
    void newFaultKeysAreStrictlyParsed() {
        Faults all = Faults.parse("{\"order_gateway_timeout_after_accept_rate\":0.1,\"ccld_lag_ms\":500,"
                + "\"ccld_stale_totals_ms\":700,\"paper_ccld_empty_rate\":0.2,\"exchange_refuse_rate\":0.3,"
                + "\"ws_silent_after_s\":12.5,\"data_changed_first_page_rate\":0.4}");
        assertThat(all.branchVariation()).isTrue();
        assertThat(all.ccldLagMs()).isEqualTo(500);
        assertThat(all.wsFaults().silentAfterSeconds()).isEqualTo(12.5);
        assertThat(all.marketFaults().exchangeRefuseRate()).isEqualTo(0.3);
        assertThat(Faults.parse(all.toJson().toString())).isEqualTo(all);
        assertThat(Faults.parse("{\"ccld_lag_ms\":5,\"branch_variation\":false}")
                        .branchVariation())
                .isFalse();
        assertThat(Faults.parse("{\"branch_variation\":true}").branchVariation())
                .isTrue();
        assertThat(Faults.parse("{}").branchVariation()).isFalse();
        assertThatThrownBy(() -> Faults.parse("{\"branch_variation\":1}")).hasMessageContaining("branch_variation");
        assertThatThrownBy(() -> Faults.parse("{\"exchange_refuse_rate\":2}"))
                .hasMessageContaining("exchange_refuse_rate");
        assertThatThrownBy(() -> Faults.parse("{\"ccld_lag_ms\":-1}")).hasMessageContaining("ccld_lag_ms");
        assertThatThrownBy(() -> Faults.parse("{\"ws_silent_after_s\":\"soon\"}"))
                .hasMessageContaining("ws_silent_after_s");
    }
}
