package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The response bytes as KIS sends them, read from a raw socket: header names lowercase, keep-alive, errors. */
class WireFormatTest {
    RestFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    private RawKis login(boolean paper) {
        fx = new RestFixture(paper, 0);
        return fx.client().login();
    }

    private static String query(Map<String, String> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    private static String get(RawKis kis, String path, String trId, Map<String, String> params) {
        return "GET " + path + "?" + query(params) + " HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + kis.token
                + "\r\nappkey: " + RawKis.KEY + "\r\nappsecret: " + RawKis.SECRET + "\r\ntr_id: " + trId
                + "\r\ncusttype: P\r\ncontent-type: application/json; charset=utf-8\r\n\r\n";
    }

    @Test
    void headerNamesAreLowercaseOnTheWire() {
        RawKis kis = login(false);
        try (RawHttp c = new RawHttp(fx.server.port())) {
            RawHttp.Raw r = c.send(get(kis, GatewayTest.BALANCE, "TTTC8434R", RawKis.balanceParams()))
                    .read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.exact("content-type")).isEqualTo("application/json; charset=utf-8");
            assertThat(r.exact("tr_id")).isEqualTo("TTTC8434R");
            assertThat(r.exact("tr_cont")).isEqualTo("D");
            assertThat(r.exact("gt_uid")).hasSize(32);
            assertThat(r.headerLines()).as("every header name is lowercase").allSatisfy(l -> {
                String name = l.substring(0, l.indexOf(':'));
                assertThat(name).isEqualTo(name.toLowerCase());
            });
        }
    }

    @Test
    void oneConnectionServesManyRequestsIncludingHeadAndChunkedPost() throws Exception {
        RawKis kis = login(false);
        try (RawHttp c = new RawHttp(fx.server.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Raw r = c.send(get(kis, GatewayTest.BALANCE, "TTTC8434R", RawKis.balanceParams()))
                        .read();
                assertThat(r.status()).isEqualTo(200);
            }
            String head = get(kis, GatewayTest.BALANCE, "TTTC8434R", RawKis.balanceParams())
                    .replaceFirst("GET", "HEAD");
            RawHttp.Raw h = c.send(head).read(true);
            assertThat(h.status()).isEqualTo(200);
            assertThat(Integer.parseInt(h.exact("content-length"))).isPositive();
            String body = RawKis.orderBody("005930", "01", 1, 0);
            String half1 = body.substring(0, 20);
            String half2 = body.substring(20);
            String chunked = "POST /uapi/domestic-stock/v1/trading/order-cash HTTP/1.1\r\nhost: x\r\n"
                    + "authorization: Bearer " + kis.token + "\r\nappkey: " + RawKis.KEY + "\r\nappsecret: "
                    + RawKis.SECRET + "\r\ntr_id: TTTC0802U\r\ncontent-type: application/json\r\n"
                    + "transfer-encoding: chunked\r\n\r\n"
                    + Integer.toHexString(half1.length()) + "\r\n" + half1 + "\r\n"
                    + Integer.toHexString(half2.getBytes("UTF-8").length) + ";ext=1\r\n" + half2 + "\r\n0\r\n\r\n";
            RawHttp.Raw o = c.send(chunked).read();
            assertThat(o.status()).isEqualTo(200);
            JsonNode json = RawKis.M.readTree(o.body());
            assertThat(json.get("rt_cd").asText()).isEqualTo("0");
            assertThat(o.exact("tr_id")).isEqualTo("TTTC0802U");
        }
    }

    @Test
    void malformedRequestsGetKisErrorShapeAndTheServerKeepsServing() throws Exception {
        RawKis kis = login(false);
        String[] bad = {
            "NOT HTTP AT ALL\r\n\r\n",
            "GET nopath HTTP/1.1\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "POST /oauth2/tokenP HTTP/1.1\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\nabcde",
            "POST /oauth2/tokenP HTTP/1.1\r\ncontent-length: 99999999\r\n\r\n",
            "POST /oauth2/tokenP HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\n",
            "GET / HTTP/1.1\r\nx-big: " + "a".repeat(20_000) + "\r\n\r\n",
            "GET / HTTP/1.1\r\n bad folded header\r\n\r\n",
        };
        for (String b : bad) {
            try (RawHttp c = new RawHttp(fx.server.port())) {
                RawHttp.Raw r = c.send(b).read();
                assertThat(r.status())
                        .as(b.substring(0, Math.min(40, b.length())))
                        .isBetween(400, 505);
                JsonNode json = RawKis.M.readTree(r.body());
                assertThat(json.get("rt_cd").asText()).isEqualTo("1");
                assertThat(json.get("msg_cd").asText()).isEqualTo("EGW00101");
                assertThat(r.exact("connection")).isEqualTo("close");
                assertThat(c.closedByServer()).isTrue();
            }
        }
        try (RawHttp c = new RawHttp(fx.server.port())) {
            assertThat(c.send(get(kis, GatewayTest.BALANCE, "TTTC8434R", RawKis.balanceParams()))
                            .read()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void badJsonBodyOnAnOrderIsAKisParseError() throws Exception {
        RawKis kis = login(false);
        RawKis.Resp r = kis.post("/uapi/domestic-stock/v1/trading/order-cash", kis.headers("TTTC0012U"), "{\"CANO\":");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("OPSQ9997");
        assertThat(fx.broker.ledger().orders()).isEmpty();
        RawKis.Resp arr = kis.post("/uapi/domestic-stock/v1/trading/order-cash", kis.headers("TTTC0012U"), "[1,2]");
        assertThat(arr.msgCd()).isEqualTo("OPSQ9997");
    }

    @Test
    void hashkeyHeaderIsAcceptedAndCusttypeMayBeAbsent() {
        RawKis kis = login(true);
        Map<String, String> h = kis.headers("VTTC0802U");
        h.remove("custtype");
        h.put("hashkey", "0".repeat(64));
        RawKis.Resp r =
                kis.post("/uapi/domestic-stock/v1/trading/order-cash", h, RawKis.orderBody("005930", "01", 1, 0));
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("0");
    }
}
