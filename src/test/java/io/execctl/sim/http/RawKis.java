package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Raw HTTP to the simulator with java.net.http, the way a KIS client would speak (never the project's client). */
final class RawKis {
    static final ObjectMapper M = new ObjectMapper();
    static final String KEY = "DEMO-APPKEY-000000000000000000000000";
    static final String SECRET = "DEMO-APPSECRET-" + "x".repeat(165);

    final String base;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String token;

    RawKis(String base) {
        this.base = base;
    }

    record Resp(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return M.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String msgCd() {
            return json().path("msg_cd").asText();
        }
    }

    Resp send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Resp(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Resp postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Resp tokenP() {
        return postJson(
                "/oauth2/tokenP",
                "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + KEY + "\",\"appsecret\":\"" + SECRET + "\"}");
    }

    /** Logs in (once) and returns this. */
    RawKis login() {
        Resp r = tokenP();
        if (r.status() != 200) {
            throw new AssertionError("tokenP failed: " + r.body());
        }
        token = r.json().get("access_token").asText();
        return this;
    }

    Map<String, String> headers(String trId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json; charset=utf-8");
        h.put("authorization", "Bearer " + token);
        h.put("appkey", KEY);
        h.put("appsecret", SECRET);
        h.put("tr_id", trId);
        h.put("custtype", "P");
        return h;
    }

    HttpRequest.Builder uapi(String path, Map<String, String> headers, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> q.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (params.isEmpty() ? "" : "?" + q)));
        headers.forEach(b::header);
        return b;
    }

    Resp get(String path, Map<String, String> headers, Map<String, String> params) {
        return send(uapi(path, headers, params).GET());
    }

    Resp post(String path, Map<String, String> headers, String body) {
        return send(uapi(path, headers, Map.of()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Resp order(String trId, String pdno, String ordDvsn, long qty, long price) {
        return post("/uapi/domestic-stock/v1/trading/order-cash", headers(trId), orderBody(pdno, ordDvsn, qty, price));
    }

    static String orderBody(String pdno, String ordDvsn, long qty, long price) {
        return "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"" + pdno + "\",\"ORD_DVSN\":\"" + ordDvsn
                + "\",\"ORD_QTY\":\"" + qty + "\",\"ORD_UNPR\":\"" + price
                + "\",\"EXCG_ID_DVSN_CD\":\"KRX\",\"SLL_TYPE\":\"\",\"CNDT_PRIC\":\"\"}";
    }

    Resp revise(
            String trId,
            String branch,
            String origOdno,
            String dvsn,
            String ordDvsn,
            long qty,
            long price,
            boolean all) {
        String body = "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"KRX_FWDG_ORD_ORGNO\":\"" + branch
                + "\",\"ORGN_ODNO\":\"" + origOdno + "\",\"ORD_DVSN\":\"" + ordDvsn + "\",\"RVSE_CNCL_DVSN_CD\":\""
                + dvsn
                + "\",\"ORD_QTY\":\"" + qty + "\",\"ORD_UNPR\":\"" + price + "\",\"QTY_ALL_ORD_YN\":\""
                + (all ? "Y" : "N")
                + "\",\"EXCG_ID_DVSN_CD\":\"KRX\"}";
        return post("/uapi/domestic-stock/v1/trading/order-rvsecncl", headers(trId), body);
    }

    static Map<String, String> dailyParams(String date) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", "50000001");
        p.put("ACNT_PRDT_CD", "01");
        p.put("INQR_STRT_DT", date);
        p.put("INQR_END_DT", date);
        p.put("SLL_BUY_DVSN_CD", "00");
        p.put("INQR_DVSN", "01");
        p.put("PDNO", "");
        p.put("CCLD_DVSN", "00");
        p.put("ORD_GNO_BRNO", "");
        p.put("ODNO", "");
        p.put("INQR_DVSN_3", "00");
        p.put("INQR_DVSN_1", "");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        return p;
    }

    static Map<String, String> balanceParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", "50000001");
        p.put("ACNT_PRDT_CD", "01");
        p.put("AFHR_FLPR_YN", "N");
        p.put("OFL_YN", "");
        p.put("INQR_DVSN", "02");
        p.put("UNPR_DVSN", "01");
        p.put("FUND_STTL_ICLD_YN", "N");
        p.put("FNCG_AMT_AUTO_RDPT_YN", "N");
        p.put("PRCS_DVSN", "00");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        return p;
    }

    Resp get(String path, String trId, Map<String, String> params) {
        return get(path, headers(trId), params);
    }

    Resp control(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        return send(
                "GET".equals(method) ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }
}
