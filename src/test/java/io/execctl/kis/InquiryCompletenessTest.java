package io.execctl.kis;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import java.nio.file.Path;
import java.time.LocalDate;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisClientInquiryTest.orderRow;
import static io.execctl.kis.KisClientInquiryTest.pad;
import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes an inquiry complete (REFERENCE §8, §14.2): every page read, the last one provably last
 * ({@code tr_cont} D/E with a blank {@code CTX_AREA_NK100}); "no data" codes; {@code SYDB0050}
 * restarts; an empty {@code output1} that {@code output2} contradicts; and narrow queries.
 */
class InquiryCompletenessTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    private KisFixture fixture() {
        return new KisFixture(server, KisEnv.REAL, dir).withToken();
    }

    /** A daily-ccld page with the given output2 fill totals. */
    static String daily(String nk, long totQty, long totAmt, String... rows) {
        return "{\"ctx_area_fk100\":\"" + pad("20261124^20261124^^") + "\",\"ctx_area_nk100\":\"" + nk
                + "\",\"output1\":[" + String.join(",", rows) + "],\"output2\":{\"tot_ord_qty\":\""
                + (totQty == 0 ? 0 : 5)
                + "\",\"tot_ccld_qty\":\"" + totQty + "\",\"tot_ccld_amt\":\"" + totAmt
                + "\",\"prsm_tlex_smtl\":\"0\",\"pchs_avg_pric\":\"0\"},\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"ok\"}";
    }

    private DailyOrders today(KisFixture f) {
        return f.client.dailyOrders(DailyOrderQuery.range(DAY, DAY));
    }

    @Test
    void aMissingTrContIsNotALastPage() {
        KisFixture f = fixture();
        server.enqueue(json(daily(pad(""), 5, 359750, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        DailyOrders d = today(f);
        assertThat(d.complete()).isFalse();
        assertThat(d.provesAbsence()).isFalse();
        assertThat(d.orders().reason()).contains("no tr_cont header");
        // the row read is still true: its per-order totals may be applied
        assertThat(d.orders().rows()).extracting(DailyOrderRow::totCcldQty).containsExactly(5L);
    }

    @Test
    void aLastPageMustHaveABlankNextKeyButItsSearchKeyMayStay() {
        KisFixture f = fixture();
        server.enqueue(page("D", daily(pad("NEXT-0002"), 5, 359750, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        assertThat(today(f).orders().reason()).contains("CTX_AREA_NK100 still holds a key");

        server.enqueue(page("E", daily(pad(""), 5, 359750, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        DailyOrders d = today(f);
        assertThat(d.complete()).isTrue(); // FK100 holds the search conditions on this last page
        assertThat(d.provesAbsence()).isTrue();
    }

    @Test
    void anUnknownTrContIsIncomplete() {
        KisFixture f = fixture();
        server.enqueue(page("X", daily(pad(""), 0, 0)));
        assertThat(today(f).orders().reason()).contains("tr_cont X is not F/M/D/E");
    }

    @Test
    void noDataCodesWithRtCdZeroAreACompleteEmptyAnswer() {
        KisFixture f = fixture();
        server.enqueue(json("{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0560\",\"msg1\":\"조회할 내용이 없습니다\"}"));
        DailyOrders d = today(f);
        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).isEmpty();

        server.enqueue(page("F", daily(pad("NEXT-0002"), 10, 719500, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(json(daily(pad(""), 10, 719500, orderRow("0000000002", "02", 5, 5, 0, "N"))
                .replace("KIOK0510", "KIOK0460")));
        DailyOrders two = today(f);
        assertThat(two.complete()).isTrue();
        assertThat(two.orders().rows()).hasSize(2);
    }

    @Test
    void sydb0050RestartsFromPageOne() throws Exception {
        KisFixture f = fixture();
        server.enqueue(page("F", daily(pad("NEXT-0002"), 10, 719500, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"SYDB0050\",\"msg1\":\"다시 조회하세요\"}"));
        server.enqueue(page("F", daily(pad("NEXT-0002"), 10, 719500, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("D", daily(pad(""), 10, 719500, orderRow("0000000002", "02", 5, 5, 0, "N"))));

        DailyOrders d = today(f);

        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).extracting(DailyOrderRow::odno).containsExactly("0000000001", "0000000002");
        assertThat(f.metrics.count("paginationRestart", "inquire_daily_ccld")).isEqualTo(1);
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("tr_cont")).isEmpty(); // page 1 again
    }

    @Test
    void egw00316QueryAgainRestartsFromPageOneWithoutRetryingThePage() {
        KisFixture f = fixture();
        server.enqueue(page("F", daily(pad("NEXT-0002"), 10, 719500, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(json(
                500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00316\",\"msg1\":\"조회 처리 중 오류 발생하였습니다. 재 조회 수행 부탁드립니다.\"}"));
        server.enqueue(page("F", daily(pad("NEXT-0002"), 10, 719500, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        server.enqueue(page("D", daily(pad(""), 10, 719500, orderRow("0000000002", "02", 5, 5, 0, "N"))));

        DailyOrders d = today(f);

        assertThat(d.complete()).isTrue();
        assertThat(d.orders().rows()).hasSize(2);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(f.metrics.count("paginationRestart", "inquire_daily_ccld")).isEqualTo(1);
    }

    @Test
    void anEmptyOutput1ThatOutput2ContradictsIsIncomplete() {
        KisFixture f = fixture();
        // paper has been seen answering 70070000 with no rows while output2 counted the day's fills
        server.enqueue(page("D", daily(pad(""), 5, 1244250).replace("KIOK0510", "70070000")));
        DailyOrders d = today(f);
        assertThat(d.complete()).isFalse();
        assertThat(d.provesAbsence()).isFalse();
        assertThat(d.orders().reason()).contains("output1 is empty but output2 counts orders or fills");

        server.enqueue(page("D", daily(pad(""), 0, 0).replace("KIOK0510", "70070000")));
        assertThat(today(f).provesAbsence()).isTrue();
    }

    @Test
    void output2IsACrossCheckNotAGate() {
        KisFixture f = fixture();
        server.enqueue(page("D", daily(pad(""), 9, 647550, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        DailyOrders d = today(f);
        assertThat(d.complete()).isTrue();
        assertThat(d.totalsMismatch())
                .isEqualTo(
                        "rows fill 5 shares, output2 tot_ccld_qty 9, rows fill 359750 KRW, output2 tot_ccld_amt 647550");

        server.enqueue(page("D", daily(pad(""), 5, 359750, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        assertThat(today(f).totalsMismatch()).isEmpty();
    }

    @Test
    void aGatewayTimeoutOnAnInquiryIsRetried() {
        KisFixture f = fixture();
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00301\",\"msg1\":\"연결 시간이 초과되었습니다.\"}"));
        server.enqueue(page("D", daily(pad(""), 5, 359750, orderRow("0000000001", "02", 5, 5, 0, "N"))));
        assertThat(today(f).complete()).isTrue();
        assertThat(f.sleeper.sleeps).hasSize(1);
    }

    @Test
    void aCredentialRefusalOnAnInquiryIsFinal() {
        KisFixture f = fixture();
        server.enqueue(json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00105\",\"msg1\":\"유효하지 않은 AppSecret입니다.\"}"));
        DailyOrders d = today(f);
        assertThat(d.complete()).isFalse();
        assertThat(d.orders().reason()).contains("EGW00105");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNarrowQuerySendsTheTradingDateSymbolSideAndOdno() throws Exception {
        KisFixture f = fixture();
        server.enqueue(page("D", daily(pad(""), 0, 0)));
        server.enqueue(page("D", daily(pad(""), 0, 0)));

        f.client.dailyOrders(DailyOrderQuery.narrow(DAY, "005930", Side.BUY));
        f.client.dailyOrders(DailyOrderQuery.narrow(DAY, "005930", Side.SELL).withOdno("0000006555"));

        RecordedRequest a = server.takeRequest();
        assertThat(a.getUrl().queryParameter("INQR_STRT_DT")).isEqualTo("20261124");
        assertThat(a.getUrl().queryParameter("INQR_END_DT")).isEqualTo("20261124");
        assertThat(a.getUrl().queryParameter("PDNO")).isEqualTo("005930");
        assertThat(a.getUrl().queryParameter("SLL_BUY_DVSN_CD")).isEqualTo("02");
        assertThat(a.getUrl().queryParameter("ODNO")).isEmpty();
        assertThat(a.getUrl().queryParameter("CCLD_DVSN")).isEqualTo("00");
        RecordedRequest b = server.takeRequest();
        assertThat(b.getUrl().queryParameter("SLL_BUY_DVSN_CD")).isEqualTo("01");
        assertThat(b.getUrl().queryParameter("ODNO")).isEqualTo("0000006555");
    }

    @Test
    void openOrdersOfOneSide() throws Exception {
        KisFixture f = fixture();
        server.enqueue(page(
                "D",
                "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"ok\",\"ctx_area_fk100\":\"\","
                        + "\"ctx_area_nk100\":\"\",\"output\":[]}"));
        assertThat(f.client.openOrders(Side.SELL).complete()).isTrue();
        assertThat(server.takeRequest().getUrl().queryParameter("INQR_DVSN_2")).isEqualTo("1");
    }
}
