package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every long-standing key of every endpoint is required (OPSQ2001, rt_cd "2"); later additions are optional. */
class RequiredKeysTest {
    RestFixture fx;
    RawKis kis;

    @BeforeEach
    void start() {
        fx = new RestFixture(false, 0);
        kis = fx.client().login();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static Map<String, String> openParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", "50000001");
        p.put("ACNT_PRDT_CD", "01");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        p.put("INQR_DVSN_1", "1");
        p.put("INQR_DVSN_2", "0");
        return p;
    }

    record Query(KisEndpoint endpoint, String trId, Map<String, String> params) {}

    static List<Query> queries() {
        return List.of(
                new Query(KisEndpoint.INQUIRE_PSBL_RVSECNCL, "TTTC8036R", openParams()),
                new Query(KisEndpoint.INQUIRE_DAILY_CCLD, "TTTC8001R", RawKis.dailyParams("20261124")),
                new Query(KisEndpoint.INQUIRE_BALANCE, "TTTC8434R", RawKis.balanceParams()));
    }

    static Stream<Arguments> everyRequiredQueryKey() {
        return queries().stream()
                .flatMap(q -> q.endpoint().requiredKeys().stream().map(k -> Arguments.of(q, k)));
    }

    @Test
    void theTableCoversTheLongStandingQueryStrings() {
        for (Query q : queries()) {
            assertThat(q.params().keySet())
                    .containsExactlyInAnyOrderElementsOf(q.endpoint().requiredKeys());
        }
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("everyRequiredQueryKey")
    void missingQueryKeyIsOpsq2001(Query q, String key) {
        Map<String, String> p = new LinkedHashMap<>(q.params());
        assertThat(kis.get(q.endpoint().path(), q.trId(), p).json().get("rt_cd").asText())
                .as("complete query")
                .isEqualTo("0");
        p.remove(key);
        RawKis.Resp r = kis.get(q.endpoint().path(), q.trId(), p);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("2");
        assertThat(r.msgCd()).isEqualTo("OPSQ2001");
        assertThat(r.json().get("msg1").asText()).isEqualTo("ERROR INPUT FIELD NOT FOUND [" + key + "]");
    }

    @Test
    void aKeyWithoutValueCountsAsPresent() {
        // KIS's own real-account collection sends "...&PRCS_DVSN=00&CTX_AREA_FK100&CTX_AREA_NK100="
        String q = "CANO=50000001&ACNT_PRDT_CD=01&AFHR_FLPR_YN=N&OFL_YN=&INQR_DVSN=01&UNPR_DVSN=01"
                + "&FUND_STTL_ICLD_YN=N&FNCG_AMT_AUTO_RDPT_YN=N&PRCS_DVSN=00&CTX_AREA_FK100&CTX_AREA_NK100=";
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(kis.base + KisEndpoint.INQUIRE_BALANCE.path() + "?" + q));
        kis.headers("TTTC8434R").forEach(b::header);
        RawKis.Resp r = kis.send(b.GET());
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("0");
    }

    @Test
    void exchangeIdIsOptionalWithKrxDefault() {
        kis.order("TTTC0012U", "005930", "01", 1, 0);
        Map<String, String> p = RawKis.dailyParams("20261124");
        assertThat(kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC8001R", p)
                        .json()
                        .get("output1"))
                .hasSize(1);
        p.put("EXCG_ID_DVSN_CD", "KRX");
        assertThat(kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC8001R", p)
                        .json()
                        .get("output1"))
                .hasSize(1);
        p.put("EXCG_ID_DVSN_CD", "NXT");
        assertThat(kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC8001R", p)
                        .json()
                        .get("output1"))
                .isEmpty();
        p.put("EXCG_ID_DVSN_CD", "XXX");
        assertThat(kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC8001R", p)
                        .msgCd())
                .isEqualTo("OPSQ2002");
    }

    static Stream<Arguments> orderBodies() {
        String cash = RawKis.orderBody("005930", "01", 1, 0);
        String rvse = "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"KRX_FWDG_ORD_ORGNO\":\"06590\","
                + "\"ORGN_ODNO\":\"0000000001\",\"ORD_DVSN\":\"00\",\"RVSE_CNCL_DVSN_CD\":\"02\",\"ORD_QTY\":\"0\","
                + "\"ORD_UNPR\":\"0\",\"QTY_ALL_ORD_YN\":\"Y\"}";
        return Stream.concat(
                Stream.of("CANO", "ACNT_PRDT_CD", "PDNO", "ORD_DVSN", "ORD_QTY", "ORD_UNPR")
                        .map(k -> Arguments.of(KisEndpoint.ORDER_CASH, "TTTC0802U", cash, k)),
                Stream.of(
                                "CANO",
                                "ACNT_PRDT_CD",
                                "KRX_FWDG_ORD_ORGNO",
                                "ORGN_ODNO",
                                "ORD_DVSN",
                                "RVSE_CNCL_DVSN_CD",
                                "ORD_QTY",
                                "ORD_UNPR",
                                "QTY_ALL_ORD_YN")
                        .map(k -> Arguments.of(KisEndpoint.ORDER_RVSECNCL, "TTTC0803U", rvse, k)));
    }

    @ParameterizedTest(name = "{0} without {3}")
    @MethodSource("orderBodies")
    void missingBodyFieldIsOpsq2001(KisEndpoint e, String trId, String body, String key) throws Exception {
        ObjectNode b = (ObjectNode) RawKis.M.readTree(body);
        b.remove(key);
        RawKis.Resp r = kis.post(e.path(), kis.headers(trId), b.toString());
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("2");
        assertThat(r.msgCd()).isEqualTo("OPSQ2001");
        assertThat(r.json().get("msg1").asText()).isEqualTo("ERROR INPUT FIELD NOT FOUND [" + key + "]");
        assertThat(fx.broker.ledger().orders()).isEmpty();
    }

    @Test
    void oldOrderBodyWithoutTheLaterFieldsIsAccepted() {
        String old = "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\",\"ORD_DVSN\":\"01\","
                + "\"ORD_QTY\":\"1\",\"ORD_UNPR\":\"0\"}";
        Map<String, String> h = kis.headers("TTTC0802U");
        h.remove("custtype");
        RawKis.Resp r = kis.post(KisEndpoint.ORDER_CASH.path(), h, old);
        JsonNode json = r.json();
        assertThat(json.get("rt_cd").asText()).isEqualTo("0");
        assertThat(json.get("msg_cd").asText()).isEqualTo("APBK0013");
        assertThat(json.get("output").get("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("06590");
        assertThat(json.get("output").get("ODNO").asText()).hasSize(10);
        assertThat(json.get("output").get("ORD_TMD").asText()).hasSize(6);
    }
}
