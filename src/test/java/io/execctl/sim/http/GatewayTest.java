package io.execctl.sim.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks every /uapi call passes through, in KIS order, and the rate limit. */
class GatewayTest {
    static final String BALANCE = KisEndpoint.INQUIRE_BALANCE.path();
    RestFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    RawKis real() {
        fx = new RestFixture(false, 0);
        return fx.client().login();
    }

    @Test
    void missingBearerIsEgw00205AndUnknownTokenEgw00121() {
        RawKis kis = real();
        Map<String, String> h = kis.headers("TTTC8434R");
        h.remove("authorization");
        RawKis.Resp missing = kis.get(BALANCE, h, RawKis.balanceParams());
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.msgCd()).isEqualTo("EGW00205");
        assertThat(missing.json().get("msg1").asText()).isEqualTo("credentials_type이 유효하지 않습니다.(Bearer)");
        h.put("authorization", "Bearer not-a-token");
        RawKis.Resp unknown = kis.get(BALANCE, h, RawKis.balanceParams());
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.msgCd()).isEqualTo("EGW00121");
        assertThat(unknown.json().get("msg1").asText()).isEqualTo("유효하지 않은 token 입니다.");
    }

    @Test
    void missingAppKeyOrSecretIsEgw00102Or00104() {
        RawKis kis = real();
        Map<String, String> h = kis.headers("TTTC8434R");
        h.remove("appkey");
        RawKis.Resp r = kis.get(BALANCE, h, RawKis.balanceParams());
        assertThat(r.msgCd()).isEqualTo("EGW00102");
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
        h = kis.headers("TTTC8434R");
        h.remove("appsecret");
        assertThat(kis.get(BALANCE, h, RawKis.balanceParams()).msgCd()).isEqualTo("EGW00104");
    }

    @Test
    void appKeyAndSecretMustMatchTheToken() {
        RawKis kis = real();
        Map<String, String> h = kis.headers("TTTC8434R");
        h.put("appkey", "DEMO-APPKEY-0000000000000000000000001");
        RawKis.Resp r = kis.get(BALANCE, h, RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.msgCd()).isEqualTo("EGW00103");
        h = kis.headers("TTTC8434R");
        h.put("appsecret", "wrong");
        r = kis.get(BALANCE, h, RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.msgCd()).isEqualTo("EGW00105");
    }

    @Test
    void custtypeMustBePOrB() {
        RawKis kis = real();
        Map<String, String> h = kis.headers("TTTC8434R");
        h.put("custtype", "X");
        assertThat(kis.get(BALANCE, h, RawKis.balanceParams()).msgCd()).isEqualTo("EGW00208");
        h.remove("custtype"); // absent: KIS defaults to P
        assertThat(kis.get(BALANCE, h, RawKis.balanceParams()).status()).isEqualTo(200);
        h.put("custtype", "B");
        assertThat(kis.get(BALANCE, h, RawKis.balanceParams()).status()).isEqualTo(200);
    }

    @Test
    void trIdMustBelongToEndpointAndEnvironment() {
        RawKis kis = real();
        // paper code on real
        RawKis.Resp r = kis.get(BALANCE, "VTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("OPSQ0002");
        // another endpoint's code
        assertThat(kis.get(BALANCE, "TTTC8001R", RawKis.balanceParams()).msgCd())
                .isEqualTo("OPSQ0002");
        // new and old order codes are both accepted
        assertThat(kis.order("TTTC0012U", "005930", "01", 1, 0)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
        assertThat(kis.order("TTTC0802U", "005930", "01", 1, 0)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
        assertThat(kis.order("VTTC0802U", "005930", "01", 1, 0).msgCd()).isEqualTo("OPSQ0002");
    }

    @Test
    void paperAcceptsOnlyVCodes() {
        fx = new RestFixture(true, 0);
        RawKis kis = fx.client().login();
        assertThat(kis.get(BALANCE, "VTTC8434R", RawKis.balanceParams()).status())
                .isEqualTo(200);
        assertThat(kis.get(BALANCE, "TTTC8434R", RawKis.balanceParams()).msgCd())
                .isEqualTo("EGW00213");
        assertThat(kis.get(BALANCE, "VTTC8001R", RawKis.balanceParams()).msgCd())
                .isEqualTo("OPSQ0002");
        assertThat(kis.order("VTTC0012U", "005930", "01", 1, 0)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
    }

    @Test
    void responsesCarryKisHeaders() {
        RawKis kis = real();
        RawKis.Resp r = kis.get(BALANCE, "TTTC8434R", RawKis.balanceParams());
        assertThat(r.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.header("tr_id")).isEqualTo("TTTC8434R");
        assertThat(r.header("tr_cont")).isEqualTo("D");
        assertThat(r.header("gt_uid")).hasSize(32);
        RawKis.Resp next = kis.get(BALANCE, "TTTC8434R", RawKis.balanceParams());
        assertThat(next.header("gt_uid")).isNotEqualTo(r.header("gt_uid"));
    }

    @Test
    void unknownPathIs404WithJson() {
        RawKis kis = real();
        RawKis.Resp r = kis.get("/uapi/domestic-stock/v1/trading/nope", "TTTC8434R", Map.of());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.msgCd()).isEqualTo("OPSQ0002");
    }

    @Test
    void burstOverThePaperLimitGetsEgw00201AsHttp500() {
        fx = new RestFixture(true, 2);
        RawKis kis = fx.client().login();
        List<RawKis.Resp> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(kis.get(BALANCE, "VTTC8434R", RawKis.balanceParams()));
        }
        // the limiter's clock does not move: exactly the bucket (2 calls) passes
        assertThat(burst.stream().filter(r -> r.status() == 200)).hasSize(2);
        List<RawKis.Resp> refused =
                burst.stream().filter(r -> r.status() != 200).toList();
        assertThat(refused).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
            assertThat(r.msgCd()).isEqualTo("EGW00201");
            assertThat(r.json().get("msg1").asText()).isEqualTo("초당 거래건수를 초과하였습니다.");
        });
        fx.nanos.addAndGet(500_000_000L); // half a second refills one call
        assertThat(kis.get(BALANCE, "VTTC8434R", RawKis.balanceParams()).status())
                .isEqualTo(200);
        assertThat(kis.get(BALANCE, "VTTC8434R", RawKis.balanceParams()).status())
                .isEqualTo(500);
    }

    @Test
    void realLimitIs20PerSecond() {
        fx = new RestFixture(false, 20);
        RawKis kis = fx.client().login();
        int ok = 0;
        for (int i = 0; i < 25; i++) {
            if (kis.get(BALANCE, "TTTC8434R", RawKis.balanceParams()).status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(20);
    }
}
