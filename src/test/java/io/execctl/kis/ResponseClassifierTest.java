package io.execctl.kis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Body first, status second (REFERENCE §10.2, §14). */
class ResponseClassifierTest {

    private static KisOutcome c(KisOperation op, int status, String body) {
        return ResponseClassifier.classify(op, new ResponseMeta(status, "TTTC0012U", "", ""), body);
    }

    private static KisOutcome c(int status, String body) {
        return c(KisOperation.ORDER_CASH, status, body);
    }

    @Test
    void success() {
        assertThat(c(200, "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"ok\"}"))
                .isInstanceOf(KisOutcome.Success.class);
        // 70070000 "no data" arrives with rt_cd 0
        assertThat(c(200, "{\"rt_cd\":\"0\",\"msg_cd\":\"70070000\",\"msg1\":\"조회할 내역이 없습니다\",\"output1\":[]}"))
                .isInstanceOf(KisOutcome.Success.class);
    }

    @Test
    void rejectionWhateverTheStatus() {
        KisOutcome r = c(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"40330000\",\"msg1\":\"모의투자 정정/취소할 수량이 없습니다 \"}");
        assertThat(r).isInstanceOf(KisOutcome.Rejected.class);
        assertThat(((KisOutcome.Rejected) r).msgCd()).isEqualTo("40330000");
        assertThat(((KisOutcome.Rejected) r).msg1()).isEqualTo("모의투자 정정/취소할 수량이 없습니다");
        assertThat(c(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"APBK0656\",\"msg1\":\"x\"}"))
                .isInstanceOf(KisOutcome.Rejected.class);
        assertThat(c(200, "{\"rt_cd\":\"7\",\"msg1\":\"x\"}"))
                .isInstanceOfSatisfying(
                        KisOutcome.Rejected.class, x -> assertThat(x.msgCd()).isEqualTo("rt_cd=7"));
    }

    @Test
    void rateLimitingIsEgw00201AnywhereOrA429() {
        assertThat(c(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}"))
                .isInstanceOf(KisOutcome.RateLimited.class);
        assertThat(c(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"x\"}"))
                .isInstanceOf(KisOutcome.RateLimited.class);
        assertThat(c(429, "")).isInstanceOf(KisOutcome.RateLimited.class);
        assertThat(c(429, "<html>slow down</html>")).isInstanceOf(KisOutcome.RateLimited.class);
        assertThat(c(429, "{\"rt_cd\":\"1\"}")).isInstanceOf(KisOutcome.RateLimited.class);
    }

    @Test
    void tokenCodes() {
        for (String code : new String[] {"EGW00121", "EGW00122", "EGW00123"}) {
            assertThat(c(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"" + code + "\",\"msg1\":\"x\"}"))
                    .isInstanceOf(KisOutcome.TokenInvalid.class);
            assertThat(c(401, "{\"rt_cd\":\"1\",\"msg_cd\":\"" + code + "\",\"msg1\":\"x\"}"))
                    .isInstanceOf(KisOutcome.TokenInvalid.class);
        }
    }

    @Test
    void oauthErrorShape() {
        KisOutcome o = c(
                KisOperation.TOKEN,
                403,
                "{\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\",\"error_code\":\"EGW00133\"}");
        assertThat(o).isInstanceOfSatisfying(KisOutcome.Rejected.class, r -> {
            assertThat(r.msgCd()).isEqualTo("EGW00133");
            assertThat(r.msg1()).startsWith("접근토큰 발급");
        });
        assertThat(c(KisOperation.TOKEN, 200, "{\"access_token\":\"x\",\"expires_in\":86400}"))
                .isInstanceOf(KisOutcome.Success.class);
        // revokeP answers code as a number: not an error shape we misread
        assertThat(c(KisOperation.TOKEN, 200, "{\"code\":200,\"message\":\"ok\"}"))
                .isInstanceOf(KisOutcome.Success.class);
    }

    @Test
    void gatewayAndMalformed() {
        assertThat(c(502, "<html><body>Bad Gateway</body></html>"))
                .isInstanceOfSatisfying(
                        KisOutcome.Gateway.class, g -> assertThat(g.reason()).isEqualTo("HTTP 502 with an HTML page"));
        assertThat(c(503, "")).isInstanceOf(KisOutcome.Gateway.class);
        assertThat(c(500, "{\"rt_cd\":")).isInstanceOf(KisOutcome.Gateway.class);
        assertThat(c(404, "{\"timestamp\":\"x\",\"status\":404}")).isInstanceOf(KisOutcome.Gateway.class);
        assertThat(c(200, "<html>maintenance</html>")).isInstanceOf(KisOutcome.Malformed.class);
        assertThat(c(200, "")).isInstanceOf(KisOutcome.Malformed.class);
        assertThat(c(200, "{\"rt_cd\":\"0\",\"output\":{\"ODNO\":\"1\""))
                .isInstanceOfSatisfying(KisOutcome.Malformed.class, m -> assertThat(m.reason())
                        .startsWith("HTTP 200 with truncated or invalid JSON"));
        assertThat(c(200, "{\"rt_cd\":\"0\"} trailing")).isInstanceOf(KisOutcome.Malformed.class);
        assertThat(c(200, "[]")).isInstanceOf(KisOutcome.Malformed.class);
        assertThat(c(200, "{\"foo\":1}")).isInstanceOf(KisOutcome.Malformed.class);
        assertThat(c(500, "{\"rt_cd\":\"0\"}")).isInstanceOf(KisOutcome.Malformed.class);
    }

    @Test
    void rawBodyIsKeptVerbatim() {
        String html = "<html>\n502\n</html>";
        assertThat(c(502, html).raw()).isEqualTo(html);
    }

    /** Reading the JSON from the UTF-8 bytes gives the same outcome and tree as reading the text. */
    @Test
    void utf8BytesAndTextGiveTheSameOutcome() {
        ResponseMeta meta = new ResponseMeta(200, "TTTC0081R", "D", "");
        List<String> bodies = List.of(
                "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"조회가 완료되었습니다\",\"output1\":[{\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"n\":12,\"big\":123456789012345678901234,\"d\":1.5,\"b\":true,\"z\":null,\"e\":\"\\u0041\\n\"}]}",
                "{\"rt_cd\":\"0\",\"a\":\"😀 emoji\",\"a\":\"duplicate wins\"}",
                "{\"output1\":[{\"pdno\"",
                "{\"rt_cd\":\"0\"} trailing",
                "{\"rt_cd\":\"0\"}{}",
                "[1,2]",
                "{\"rt_cd\":\"1\",\"msg_cd\":\"APBK0656\",\"msg1\":\"x\"}");
        for (String body : bodies) {
            byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
            KisOutcome fromText = ResponseClassifier.classify(
                    KisOperation.INQUIRE_DAILY_CCLD, meta, body, null, body, UnaryOperator.identity());
            KisOutcome fromBytes = ResponseClassifier.classify(
                    KisOperation.INQUIRE_DAILY_CCLD, meta, body, utf8, body, UnaryOperator.identity());
            assertThat(fromBytes).as(body).isEqualTo(fromText);
            if (fromText instanceof KisOutcome.Success s) {
                assertThat(((KisOutcome.Success) fromBytes).body().toString())
                        .isEqualTo(s.body().toString());
            }
        }
    }

    @Test
    void onlyPlainUtf8BodiesAreReadAsBytes() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(KisHttp.isPlainUtf8(null, json)).isTrue();
        assertThat(KisHttp.isPlainUtf8(MediaType.get("application/json; charset=utf-8"), json))
                .isTrue();
        assertThat(KisHttp.isPlainUtf8(MediaType.get("application/json"), json)).isTrue();
        assertThat(KisHttp.isPlainUtf8(MediaType.get("application/json; charset=euc-kr"), json))
                .isFalse();
        assertThat(KisHttp.isPlainUtf8(null, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}))
                .isFalse();
        assertThat(KisHttp.isPlainUtf8(null, new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{'}))
                .isFalse();
    }
}
