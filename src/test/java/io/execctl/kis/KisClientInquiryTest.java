package io.execctl.kis;

import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Inquiries: retries, pagination to the end, and never an incomplete result presented as complete. */
class KisClientInquiryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    private KisFixture fixture(KisEnv env) {
        return new KisFixture(server, env, dir).withToken();
    }

    static String orderRow(String odno, String side, long qty, long filled, long remaining, String cancelled) {
        return "{\"ord_dt\":\"20261124\",\"ord_gno_brno\":\"06590\",\"odno\":\"" + odno + "\",\"orgn_odno\":\"\","
                + "\"ord_dvsn_name\":\"지정가\",\"sll_buy_dvsn_cd\":\"" + side + "\",\"sll_buy_dvsn_cd_name\":\"매수\","
                + "\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"ord_qty\":\"" + qty + "\",\"ord_unpr\":\"72000\","
                + "\"ord_tmd\":\"091502\",\"tot_ccld_qty\":\"" + filled + "\",\"avg_prvs\":\"71950.0000\","
                + "\"cncl_yn\":\"" + cancelled + "\",\"tot_ccld_amt\":\"" + (filled * 71950)
                + "\",\"ord_dvsn_cd\":\"00\","
                + "\"cncl_cfrm_qty\":\"0\",\"rmn_qty\":\"" + remaining
                + "\",\"rjct_qty\":\"0\",\"ord_orgno\":\"06590\","
                + "\"excg_id_dvsn_cd\":\"KRX\",\"some_future_field\":\"x\"}";
    }

    static String dailyPage(String fk, String nk, String... rows) {
        return "{\"ctx_area_fk100\":\"" + fk + "\",\"ctx_area_nk100\":\"" + nk + "\",\"output1\":["
                + String.join(",", rows)
                + "],\"output2\":{\"tot_ord_qty\":\"15\",\"tot_ccld_qty\":\"9\",\"tot_ccld_amt\":\"647550\","
                + "\"prsm_tlex_smtl\":\"97\",\"pchs_avg_pric\":\"71950.0000\"},\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\","
                + "\"msg1\":\"조회가 완료되었습니다\"}";
    }

    static String pad(String s) {
        return s + " ".repeat(100 - s.length());
    }

    @Test
    void dailyOrdersFollowsTrContToTheEndEchoingKeysUnchanged() throws Exception {
        KisFixture f = fixture(KisEnv.REAL);
        String fk1 = pad("FK-PAGE2");
        String nk1 = pad("NK-PAGE2");
        String fk2 = pad("FK-PAGE3");
        String nk2 = pad("NK-PAGE3");
        server.enqueue(page("F", dailyPage(fk1, nk1, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("M", dailyPage(fk2, nk2, orderRow("0000000002", "01", 5, 4, 1, "N"))));
        server.enqueue(page("D", dailyPage(pad(""), pad(""), orderRow("0000000003", "02", 5, 0, 5, "N"))));

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));

        assertThat(d.complete()).isTrue();
        assertThat(d.orders().pages()).isEqualTo(3);
        assertThat(d.orders().rows())
                .extracting(DailyOrderRow::odno)
                .containsExactly("0000000001", "0000000002", "0000000003");
        DailyOrderRow second = d.orders().rows().get(1);
        assertThat(second.side()).isEqualTo(Side.SELL);
        assertThat(second.totCcldQty()).isEqualTo(4);
        assertThat(second.rmnQty()).isEqualTo(1);
        assertThat(second.avgPrvs()).isEqualByComparingTo("71950");
        assertThat(second.orderKey(KisFixture.ACCOUNT).odno()).isEqualTo("0000000002");
        assertThat(second.address()).isEqualTo(OrderAddress.of("06590", "2"));
        assertThat(second.raw()).contains("some_future_field");
        assertThat(d.totals()).singleElement().satisfies(t -> {
            assertThat(t.totCcldQty()).isEqualTo(9);
            assertThat(t.prsmTlexSmtl()).isEqualByComparingTo("97");
        });

        RecordedRequest p1 = server.takeRequest();
        assertThat(p1.getMethod()).isEqualTo("GET");
        assertThat(p1.getUrl().encodedPath()).isEqualTo("/uapi/domestic-stock/v1/trading/inquire-daily-ccld");
        assertThat(p1.getHeaders().get("tr_id")).isEqualTo("TTTC0081R");
        assertThat(p1.getHeaders().get("tr_cont")).isEmpty();
        assertThat(p1.getUrl().queryParameterNames())
                .containsExactly(
                        "CANO",
                        "ACNT_PRDT_CD",
                        "INQR_STRT_DT",
                        "INQR_END_DT",
                        "SLL_BUY_DVSN_CD",
                        "INQR_DVSN",
                        "PDNO",
                        "CCLD_DVSN",
                        "ORD_GNO_BRNO",
                        "ODNO",
                        "INQR_DVSN_3",
                        "INQR_DVSN_1",
                        "CTX_AREA_FK100",
                        "CTX_AREA_NK100",
                        "EXCG_ID_DVSN_CD");
        assertThat(p1.getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20261124");
        assertThat(p1.getUrl().queryParameter("CCLD_DVSN")).isEqualTo("00");
        assertThat(p1.getUrl().queryParameter("CTX_AREA_FK100")).isEmpty();
        RecordedRequest p2 = server.takeRequest();
        assertThat(p2.getHeaders().get("tr_cont")).isEqualTo("N");
        assertThat(p2.getUrl().queryParameter("CTX_AREA_FK100")).isEqualTo(fk1);
        assertThat(p2.getUrl().queryParameter("CTX_AREA_NK100")).isEqualTo(nk1);
        RecordedRequest p3 = server.takeRequest();
        assertThat(p3.getHeaders().get("tr_cont")).isEqualTo("N");
        assertThat(p3.getUrl().queryParameter("CTX_AREA_FK100")).isEqualTo(fk2);
    }

    @Test
    void dataChangedRestartsFromPageOne() throws Exception {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page("F", dailyPage(pad("K1"), pad("K1"), orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00100\",\"msg1\":\"조회이후에 자료가 변경되었습니다.(다시 조회하세요)\"}"));
        server.enqueue(page("F", dailyPage(pad("K1"), pad("K1"), orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("D", dailyPage("", "", orderRow("0000000002", "02", 5, 5, 0, "N"))));

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));

        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).extracting(DailyOrderRow::odno).containsExactly("0000000001", "0000000002");
        server.takeRequest();
        server.takeRequest();
        RecordedRequest restart = server.takeRequest();
        assertThat(restart.getHeaders().get("tr_cont")).isEmpty();
        assertThat(restart.getUrl().queryParameter("CTX_AREA_FK100")).isEmpty();
        assertThat(f.metrics.count("paginationRestart", "inquire_daily_ccld")).isEqualTo(1);
    }

    @Test
    void dataChangedEveryTimeGivesUpIncomplete() {
        KisFixture f = fixture(KisEnv.REAL);
        for (int i = 0; i < 4; i++) {
            server.enqueue(page("F", dailyPage(pad("K1"), pad("K1"), orderRow("0000000001", "02", 5, 5, 0, "N"))));
            server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00100\",\"msg1\":\"조회이후에 자료가 변경되었습니다.(다시 조회하세요)\"}"));
        }

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));

        assertThat(d.complete()).isFalse();
        assertThat(d.orders().complete()).isFalse();
        assertThat(d.orders().reason()).contains("data changed during pagination 4 times");
        assertThat(d.totals()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(8);
        assertThat(f.metrics.count("paginationIncomplete", "inquire_daily_ccld"))
                .isEqualTo(1);
    }

    @Test
    void aFailedMiddlePageMakesTheResultIncompleteWithRowsSoFar() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page("F", dailyPage(pad("K1"), pad("K1"), orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"APBK9999\",\"msg1\":\"some refusal\"}"));

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));

        assertThat(d.complete()).isFalse();
        assertThat(d.orders().rows()).hasSize(1);
        assertThat(d.orders().reason()).isEqualTo("page 2 failed: KIS refused: APBK9999 some refusal");
    }

    @Test
    void moreAnnouncedWithoutKeysOrWithRepeatedKeysIsIncomplete() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page("M", dailyPage(pad(""), pad(""), orderRow("0000000001", "02", 5, 5, 0, "N"))));
        assertThat(f.client
                        .dailyOrders(DailyOrderQuery.range(DAY, DAY))
                        .orders()
                        .reason())
                .contains("announced more pages but CTX_AREA_NK100 is blank");

        server.enqueue(page("F", dailyPage(pad("SAME"), pad("SAME"), orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("M", dailyPage(pad("SAME"), pad("SAME"), orderRow("0000000002", "02", 5, 5, 0, "N"))));
        Paged<DailyOrderRow> p =
                f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY)).orders();
        assertThat(p.complete()).isFalse();
        assertThat(p.reason()).contains("did not advance");
    }

    @Test
    void pageCapStopsAnEndlessListAsIncomplete() {
        KisFixture f = fixture(KisEnv.REAL);
        for (int i = 0; i < 10; i++) {
            server.enqueue(page(
                    "M", dailyPage(pad("K" + i), pad("K" + i), orderRow(String.valueOf(i + 1), "02", 1, 1, 0, "N"))));
        }
        Paged<DailyOrderRow> p =
                f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY)).orders();
        assertThat(p.complete()).isFalse();
        assertThat(p.rows()).hasSize(10);
        assertThat(p.reason()).contains("page cap of 10");
    }

    @Test
    void inquiryTimeoutsAreRetriedWithTheTimeoutSchedule() throws Exception {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(page("D", dailyPage("", "", orderRow("0000000001", "02", 5, 5, 0, "N"))));

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));

        assertThat(d.complete()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(f.sleeper.sleeps).hasSize(1);
        assertThat(f.sleeper.sleeps.get(0).toMillis()).isBetween(4000L, 5000L);
        assertThat(f.metrics.count("retry", "inquire_daily_ccld", "unknown")).isEqualTo(1);
    }

    @Test
    void inquiryTimeoutsGiveUpAfterTwoRetries() {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(SocketEffect.Stall.INSTANCE)
                    .build());
        }
        Balance b = f.client.balance();
        assertThat(b.complete()).isFalse();
        assertThat(b.holdings().reason()).startsWith("page 1 failed: unknown (retries used up)");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void html5xxOnAnInquiryIsRetriedWithTheServerErrorSchedule() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(new MockResponse.Builder().code(502).body(HTML_502).build());
        server.enqueue(new MockResponse.Builder().code(503).body(HTML_502).build());
        server.enqueue(page("D", dailyPage("", "", orderRow("0000000001", "02", 5, 5, 0, "N"))));

        assertThat(f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY)).complete())
                .isTrue();
        assertThat(f.sleeper.sleeps).hasSize(2);
        assertThat(f.sleeper.sleeps.get(0).toMillis()).isBetween(1600L, 2400L);
        assertThat(f.sleeper.sleeps.get(1).toMillis()).isBetween(3200L, 4800L);
        assertThat(f.raws).hasSize(3);
        assertThat(f.raws.get(0).responseBody()).isEqualTo(HTML_502);
    }

    @Test
    void rateLimitStormOnAnInquiryIsBoundedAndCounted() {
        KisFixture f = fixture(KisEnv.REAL);
        for (int i = 0; i < 6; i++) {
            server.enqueue(json(500, RATE_LIMITED));
        }
        Balance b = f.client.balance();
        assertThat(b.complete()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(f.metrics.count("rateLimitBackoff", "inquire_balance")).isEqualTo(4);
        assertThat(b.holdings().reason()).contains("rate_limited (retries used up): EGW00201");
    }

    @Test
    void truncatedJsonOnAnInquiryIsIncompleteWithTheRawKept() {
        KisFixture f = fixture(KisEnv.REAL);
        String truncated = "{\"output1\":[{\"pdno\":\"005930\",\"hldg_qty\":\"1";
        server.enqueue(json(truncated));
        Balance b = f.client.balance();
        assertThat(b.complete()).isFalse();
        assertThat(b.holdings().reason())
                .startsWith("page 1 failed: malformed: HTTP 200 with truncated or invalid JSON");
        assertThat(f.raws).singleElement().extracting(RawExchange::responseBody).isEqualTo(truncated);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unexpectedShapesAreIncompleteNotACrash() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(
                page(
                        "D",
                        "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\",\"output1\":{\"pdno\":\"005930\"},\"output2\":[{}]}"));
        assertThat(f.client.balance().holdings().reason())
                .isEqualTo("unreadable answer: page 1: output1 is not an array");

        server.enqueue(
                page(
                        "D",
                        "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\",\"output1\":[{\"pdno\":\"005930\",\"prdt_name\":\"x\",\"hldg_qty\":\"many\"}],\"output2\":[{}]}"));
        assertThat(f.client.balance().holdings().reason())
                .isEqualTo("unreadable answer: page 1 row 1: field hldg_qty: not a number");

        server.enqueue(page("D", "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\",\"output1\":[]}"));
        Balance noSummary = f.client.balance();
        assertThat(noSummary.complete()).isFalse();
        assertThat(noSummary.holdings().reason()).contains("output2 (account summary) is missing");

        server.enqueue(json("[1,2,3]"));
        assertThat(f.client.balance().holdings().reason()).contains("JSON that is not an object");

        server.enqueue(json("{\"hello\":\"world\"}"));
        assertThat(f.client.balance().holdings().reason()).contains("JSON without rt_cd");
    }

    @Test
    void balanceParsesHoldingsAndTheSummary() throws Exception {
        KisFixture f = fixture(KisEnv.PAPER);
        server.enqueue(page(
                "D",
                "{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output1\":[{\"pdno\":\"005930\","
                        + "\"prdt_name\":\"삼성전자\",\"hldg_qty\":\"5\",\"ord_psbl_qty\":\"5\",\"pchs_avg_pric\":\"248750.0000\","
                        + "\"pchs_amt\":\"1243750\",\"prpr\":\"249000\",\"evlu_amt\":\"1245000\",\"evlu_pfls_amt\":\"1250\"},"
                        + "{\"pdno\":\"000660\",\"prdt_name\":\"SK하이닉스\",\"hldg_qty\":\"0\",\"ord_psbl_qty\":\"0\","
                        + "\"pchs_avg_pric\":\"0.0000\",\"pchs_amt\":\"0\",\"prpr\":\"0\",\"evlu_amt\":\"0\",\"evlu_pfls_amt\":\"\"}],"
                        + "\"output2\":[{\"dnca_tot_amt\":\"10000000\",\"nxdy_excc_amt\":\"8756110\",\"prvs_rcdl_excc_amt\":\"8756110\","
                        + "\"thdt_buy_amt\":\"1243750\",\"thdt_sll_amt\":\"0\",\"scts_evlu_amt\":\"1245000\","
                        + "\"pchs_amt_smtl_amt\":\"1243750\",\"evlu_amt_smtl_amt\":\"1245000\",\"evlu_pfls_smtl_amt\":\"1250\","
                        + "\"tot_evlu_amt\":\"10001110\",\"nass_amt\":\"10001110\",\"thdt_tlex_amt\":\"140\"}],"
                        + "\"rt_cd\":\"0\",\"msg_cd\":\"20310000\",\"msg1\":\"모의투자 조회가 완료되었습니다.\"}"));

        Balance b = f.client.balance();

        assertThat(b.complete()).isTrue();
        assertThat(b.holdings().rows()).hasSize(2);
        HoldingRow h = b.holdings().rows().get(0);
        assertThat(h.symbol()).isEqualTo("005930");
        assertThat(h.hldgQty()).isEqualTo(5);
        assertThat(h.pchsAvgPric()).isEqualByComparingTo(new BigDecimal("248750"));
        assertThat(b.summary()).get().satisfies(s -> {
            assertThat(s.prvsRcdlExccAmt()).isEqualByComparingTo("8756110");
            assertThat(s.nassAmt()).isEqualByComparingTo("10001110");
            assertThat(s.thdtTlexAmt()).isEqualByComparingTo("140");
        });
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("VTTC8434R");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/uapi/domestic-stock/v1/trading/inquire-balance");
        assertThat(r.getUrl().queryParameterNames())
                .containsExactly(
                        "CANO",
                        "ACNT_PRDT_CD",
                        "AFHR_FLPR_YN",
                        "OFL_YN",
                        "INQR_DVSN",
                        "UNPR_DVSN",
                        "FUND_STTL_ICLD_YN",
                        "FNCG_AMT_AUTO_RDPT_YN",
                        "PRCS_DVSN",
                        "CTX_AREA_FK100",
                        "CTX_AREA_NK100");
        assertThat(r.getUrl().queryParameter("CANO")).isEqualTo("50000001");
        assertThat(r.getUrl().queryParameter("INQR_DVSN")).isEqualTo("02");
        assertThat(r.getUrl().queryParameter("PRCS_DVSN")).isEqualTo("00");
    }

    @Test
    void openOrdersOnRealUseTheCancellableOrdersInquiry() throws Exception {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page(
                "D",
                "{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output\":[{\"ord_gno_brno\":\"06590\","
                        + "\"odno\":\"0000006555\",\"orgn_odno\":\"\",\"pdno\":\"005930\",\"sll_buy_dvsn_cd\":\"02\",\"ord_dvsn_cd\":\"00\","
                        + "\"ord_qty\":\"10\",\"ord_unpr\":\"72000\",\"ord_tmd\":\"091500\",\"tot_ccld_qty\":\"3\",\"psbl_qty\":\"7\"}],"
                        + "\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\"}"));

        Paged<OpenOrder> open = f.client.openOrders();

        assertThat(open.complete()).isTrue();
        assertThat(open.rows()).singleElement().satisfies(o -> {
            assertThat(o.psblQty()).isEqualTo(7);
            assertThat(o.source()).isEqualTo(OpenOrder.Source.PSBL_RVSECNCL);
            assertThat(o.side()).isEqualTo(Side.BUY);
        });
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("TTTC0084R");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl");
        assertThat(r.getUrl().queryParameterNames())
                .containsExactly(
                        "CANO", "ACNT_PRDT_CD", "CTX_AREA_FK100", "CTX_AREA_NK100", "INQR_DVSN_1", "INQR_DVSN_2");
    }

    @Test
    void openOrdersOnPaperFallBackToTodaysUnfilledDailyRows() throws Exception {
        KisFixture f = fixture(KisEnv.PAPER);
        server.enqueue(page(
                "D",
                dailyPage(
                        "",
                        "",
                        orderRow("0000000001", "02", 5, 2, 3, "N"),
                        orderRow("0000000002", "02", 5, 0, 0, "N"),
                        orderRow("0000000003", "01", 5, 0, 5, "Y"))));

        Paged<OpenOrder> open = f.client.openOrders();

        assertThat(open.complete()).isTrue();
        assertThat(open.rows()).singleElement().satisfies(o -> {
            assertThat(o.odno()).isEqualTo("0000000001");
            assertThat(o.psblQty()).isEqualTo(3);
            assertThat(o.source()).isEqualTo(OpenOrder.Source.DAILY_CCLD);
        });
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("VTTC0081R");
        assertThat(r.getUrl().queryParameter("CCLD_DVSN")).isEqualTo("02");
        // 2026-11-24T01:00Z is 10:00 on 24 November in Korea, whatever the host's zone
        assertThat(r.getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20261124");
        assertThat(r.getUrl().queryParameter("INQR_END_DT")).isEqualTo("20261124");
    }

    @Test
    void koreanDateIsUsedNearMidnight() throws Exception {
        KisFixture f = fixture(KisEnv.PAPER);
        f.clock.set(Instant.parse("2026-11-24T15:30:00Z")); // 00:30 on the 25th in Seoul, still the 24th in New York
        server.enqueue(page("D", dailyPage("", "")));
        f.client.openOrders();
        assertThat(server.takeRequest().getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20261125");
    }

    @Test
    void aRangeAcrossTheThreeMonthBoundaryUsesBothTrIds() throws Exception {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page("D", dailyPage("", "", orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("D", dailyPage("", "", orderRow("0000000002", "02", 5, 5, 0, "N"))));

        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(LocalDate.of(2026, 7, 1), DAY));

        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).hasSize(2);
        assertThat(d.totals()).hasSize(2);
        RecordedRequest old = server.takeRequest();
        RecordedRequest recent = server.takeRequest();
        assertThat(old.getHeaders().get("tr_id")).isEqualTo("CTSC9215R");
        assertThat(old.getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20260701");
        assertThat(old.getUrl().queryParameter("INQR_END_DT")).isEqualTo("20260731");
        assertThat(recent.getHeaders().get("tr_id")).isEqualTo("TTTC0081R");
        assertThat(recent.getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20260801");
        assertThat(recent.getUrl().queryParameter("INQR_END_DT")).isEqualTo("20261124");
    }

    @Test
    void expiredTokenOnAnInquiryIsRenewedOnce() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(json(500, EXPIRED));
        server.enqueue(tokenAnswer("fresh-token-for-inquiry-0001"));
        server.enqueue(json(500, EXPIRED));
        Balance b = f.client.balance();
        assertThat(b.complete()).isFalse();
        assertThat(b.holdings().reason()).contains("token_invalid");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void oldTrIdSetSendsTheOldDailyParameters() throws Exception {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.PAPER, dir, TrIdSet.OLD, Timeouts.DEFAULT)
                .withToken();
        server.enqueue(page(
                "D",
                "{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output1\":[],\"output2\":{\"tot_ord_qty\":\"0\","
                        + "\"tot_ccld_qty\":\"0\",\"tot_ccld_amt\":\"0\",\"prsm_tlex_smtl\":\"0\",\"pchs_avg_pric\":\"0\"},"
                        + "\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\"}"));
        assertThat(f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY)).complete())
                .isTrue();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("VTTC8001R");
        assertThat(r.getUrl().queryParameterNames())
                .doesNotContain("EXCG_ID_DVSN_CD")
                .hasSize(14);
    }

    @Test
    void anEmptyAnswerWithoutOutput1IsACompleteEmptyList() {
        KisFixture f = fixture(KisEnv.REAL);
        server.enqueue(page("D", "{\"rt_cd\":\"0\",\"msg_cd\":\"70070000\",\"msg1\":\"조회할 내역이 없습니다\",\"output2\":{}}"));
        DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));
        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).isEmpty();
    }

    private static MockResponse bytesPage(String contentType, byte[] body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", contentType)
                .addHeader("tr_cont", "D")
                .body(new Buffer().write(body))
                .build();
    }

    /** Bodies are decoded as OkHttp decodes them (declared charset, byte-order mark, bad bytes as U+FFFD). */
    @Test
    void answersAreDecodedAsOkHttpDecodesThem() throws Exception {
        KisFixture f = fixture(KisEnv.REAL);
        String page = dailyPage(pad(""), pad(""), orderRow("0000000001", "02", 5, 5, 0, "N"));
        byte[] utf8 = page.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        server.enqueue(bytesPage("application/json; charset=utf-8", bom));
        server.enqueue(bytesPage("application/json; charset=euc-kr", page.getBytes(Charset.forName("EUC-KR"))));
        byte[] bad = page.replace("삼성전자", "SAMSUNG#").getBytes(StandardCharsets.UTF_8);
        int hash = new String(bad, StandardCharsets.ISO_8859_1).indexOf('#');
        bad[hash] = (byte) 0xFF; // not UTF-8
        server.enqueue(bytesPage("application/json", bad));

        for (String expectedName : new String[] {"삼성전자", "삼성전자", "SAMSUNG\uFFFD"}) {
            DailyOrders d = f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));
            assertThat(d.complete()).isTrue();
            assertThat(d.orders().rows()).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo(expectedName);
                assertThat(r.odno()).isEqualTo("0000000001");
            });
        }
        assertThat(f.raws)
                .extracting(RawExchange::responseBody)
                .containsExactly(page, page, page.replace("삼성전자", "SAMSUNG\uFFFD"));
    }
}
