package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.TokenStore;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** order-cash and order-rvsecncl against a scripted KIS: every outcome, and never a resend after it may have arrived. */
class KisClientOrderTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private KisFixture fixture() {
        return new KisFixture(server, KisEnv.REAL, dir).withToken();
    }

    private KisFixture fastFixture() {
        return new KisFixture(server.url("/").toString(), KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast()).withToken();
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return ResponseClassifier.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void limitBuySendsKisHeadersAndBodyAndIsAccepted() throws Exception {
        KisFixture f = fixture();
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 3, new BigDecimal("72000")));

        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        OrderOutcome.Accepted a = (OrderOutcome.Accepted) out;
        assertThat(a.branch()).isEqualTo("06590");
        assertThat(a.odno()).isEqualTo("0000006555");
        assertThat(a.ordTmd()).isEqualTo("151059");
        assertThat(a.msgCd()).isEqualTo("APBK0013");
        assertThat(a.address()).isEqualTo(OrderAddress.of("06590", "0000006555"));
        assertThat(a.key(KisFixture.ACCOUNT, LocalDate.of(2026, 11, 24)).odno()).isEqualTo("0000006555");
        assertThat(a.raw()).contains("0000006555");

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/uapi/domestic-stock/v1/trading/order-cash");
        assertThat(r.getHeaders().get("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.getHeaders().get("authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.getHeaders().get("appkey")).isEqualTo(APP_KEY);
        assertThat(r.getHeaders().get("appsecret")).isEqualTo(APP_SECRET);
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("TTTC0012U");
        assertThat(r.getHeaders().get("custtype")).isEqualTo("P");
        assertThat(r.getHeaders().get("hashkey")).isNull();
        JsonNode b = body(r);
        assertThat(b.toString())
                .isEqualTo(
                        "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\",\"ORD_DVSN\":\"00\","
                                + "\"ORD_QTY\":\"3\",\"ORD_UNPR\":\"72000\",\"EXCG_ID_DVSN_CD\":\"KRX\",\"SLL_TYPE\":\"\",\"CNDT_PRIC\":\"\"}");
        assertThat(f.metrics.count("request", "order_cash", "success")).isEqualTo(1);
        assertThat(f.raws).singleElement().satisfies(x -> {
            assertThat(x.trId()).isEqualTo("TTTC0012U");
            assertThat(x.status()).isEqualTo(200);
            assertThat(x.gtUid()).isEqualTo("GTUID0001");
            assertThat(x.responseBody()).isEqualTo(ORDER_OK);
        });
    }

    @Test
    void marketSellUsesSellTrIdAndPriceZero() throws Exception {
        KisFixture f = fixture();
        server.enqueue(json(ORDER_OK));
        f.client.placeCashOrder(OrderRequest.market("000660", Side.SELL, 7));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("TTTC0011U");
        JsonNode b = body(r);
        assertThat(b.get("ORD_DVSN").asText()).isEqualTo("01");
        assertThat(b.get("ORD_UNPR").asText()).isEqualTo("0");
        assertThat(b.get("SLL_TYPE").asText()).isEqualTo("01");
    }

    @Test
    void oldTrIdsOnPaperSendTheOldBodyShape() throws Exception {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.PAPER, dir, TrIdSet.OLD, Timeouts.DEFAULT)
                .withToken();
        server.enqueue(json(ORDER_OK));
        f.client.placeCashOrder(OrderRequest.limit("005930", Side.BUY, 1, new BigDecimal("55000")));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("VTTC0802U");
        assertThat(body(r).toString())
                .isEqualTo("{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\","
                        + "\"ORD_DVSN\":\"00\",\"ORD_QTY\":\"1\",\"ORD_UNPR\":\"55000\"}");
    }

    @Test
    void businessRejectionIsRejectedWithCodeAndMessage() {
        KisFixture f = fixture();
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"APBK0919\",\"msg1\":\"장운영시간이 아닙니다.  \"}"));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out)
                .isEqualTo(new OrderOutcome.Rejected(
                        "APBK0919",
                        "장운영시간이 아닙니다.",
                        "{\"rt_cd\":\"1\",\"msg_cd\":\"APBK0919\",\"msg1\":\"장운영시간이 아닙니다.  \"}"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void timeoutAfterSendingIsUnknownAndTheOrderIsSentExactlyOnce() {
        KisFixture f = fastFixture();
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(json(ORDER_OK)); // would be taken by a (forbidden) resend

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(((OrderOutcome.Unknown) out).reason()).contains("timed out");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(f.metrics.count("request", "order_cash", "unknown")).isEqualTo(1);
        assertThat(f.sleeper.sleeps).isEmpty();
    }

    @Test
    void connectionCutAfterSendingIsUnknownAndNotResent() {
        KisFixture f = fastFixture();
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void bodyCutMidwayIsUnknown() {
        KisFixture f = fastFixture();
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(ORDER_OK)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void html502IsUnknownWithTheRawPageKeptAndNotResent() {
        KisFixture f = fixture();
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .addHeader("content-type", "text/html")
                .body(HTML_502)
                .build());
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        OrderOutcome.Unknown u = (OrderOutcome.Unknown) out;
        assertThat(u.reason()).isEqualTo("HTTP 502 with an HTML page");
        assertThat(u.raw()).isEqualTo(HTML_502);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(f.raws).singleElement().satisfies(x -> assertThat(x.responseBody())
                .isEqualTo(HTML_502));
    }

    @Test
    void serverErrorWithAJsonCodeIsStillUnknownForAnOrder() {
        KisFixture f = fixture();
        server.enqueue(json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00500\",\"msg1\":\"internal error\"}"));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void truncatedJsonOnA200IsUnknownWithRawKept() {
        KisFixture f = fixture();
        String truncated = ORDER_OK.substring(0, 60);
        server.enqueue(json(truncated));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(((OrderOutcome.Unknown) out).reason()).startsWith("HTTP 200 with truncated or invalid JSON");
        assertThat(out.raw()).isEqualTo(truncated);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void acceptedWithoutAnOrderNumberIsUnknownNotAccepted() {
        KisFixture f = fixture();
        server.enqueue(
                json(
                        "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"ok\",\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06590\",\"ODNO\":\"\"}}"));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(((OrderOutcome.Unknown) out).reason()).contains("probably accepted");
    }

    @Test
    void rateLimitStormBacksOffBoundedThenFailsAsNotSent() {
        KisFixture f = fixture();
        for (int i = 0; i < 10; i++) {
            server.enqueue(json(500, RATE_LIMITED));
        }
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(((OrderOutcome.Failed) out).reason()).contains("rate-limited (EGW00201) 4 times");
        assertThat(server.getRequestCount()).isEqualTo(4); // the first try + 3 retries
        assertThat(f.sleeper.sleeps).hasSize(3);
        assertThat(f.sleeper.sleeps.get(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(f.sleeper.sleeps.get(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        assertThat(f.sleeper.sleeps.get(2)).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4000));
        assertThat(f.metrics.count("rateLimitBackoff", "order_cash")).isEqualTo(4);
        assertThat(f.metrics.count("request", "order_cash", "rate_limited")).isEqualTo(4);
    }

    @Test
    void rateLimitThenSuccessIsAccepted() {
        KisFixture f = fixture();
        server.enqueue(json(500, RATE_LIMITED));
        server.enqueue(
                new MockResponse.Builder().code(429).body("Too Many Requests").build());
        server.enqueue(json(ORDER_OK));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(f.metrics.count("rateLimitBackoff", "order_cash")).isEqualTo(2);
    }

    @Test
    void expiredTokenMidRunIsRenewedAndTheOrderRetriedOnce() throws Exception {
        KisFixture f = fixture();
        server.enqueue(json(500, EXPIRED));
        server.enqueue(tokenAnswer("fresh-token-after-expiry-0001"));
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        RecordedRequest first = server.takeRequest();
        RecordedRequest token = server.takeRequest();
        RecordedRequest retry = server.takeRequest();
        assertThat(first.getHeaders().get("authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(token.getUrl().encodedPath()).isEqualTo("/oauth2/tokenP");
        assertThat(body(token).toString())
                .isEqualTo("{\"grant_type\":\"client_credentials\",\"appkey\":\"" + APP_KEY + "\",\"appsecret\":\""
                        + APP_SECRET + "\"}");
        assertThat(retry.getHeaders().get("authorization")).isEqualTo("Bearer fresh-token-after-expiry-0001");
        assertThat(f.metrics.count("tokenIssued", "access")).isEqualTo(1);
        assertThat(f.metrics.count("tokenInvalidated", "access")).isEqualTo(1);
        // the new token is shared through the store
        assertThat(f.store.load("real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS))
                .get()
                .extracting(CachedToken::value)
                .isEqualTo("fresh-token-after-expiry-0001");
    }

    @Test
    void aSecondExpiryAfterRenewalDoesNotLoop() {
        KisFixture f = fixture();
        server.enqueue(json(500, EXPIRED));
        server.enqueue(tokenAnswer("fresh-token-after-expiry-0001"));
        server.enqueue(json(500, EXPIRED));
        server.enqueue(tokenAnswer("never-asked-for"));
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(OrderOutcome.Refused.class);
        assertThat(((OrderOutcome.Refused) out).reason()).contains("EGW00123").contains("again after renewal");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    /**
     * No token could be issued for the order (the issuance answered server errors to the end of its
     * schedule): nothing was sent, and the outcome says it clears by itself — never a failed order.
     */
    @Test
    void noTokenForTheOrderIsARefusalThatClearsByItselfNothingSent() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir); // no cached token
        String serverError = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00002\",\"msg1\":\"서버 에러가 발생했습니다.\"}";
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(500, serverError));
        }

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOfSatisfying(OrderOutcome.Refused.class, r -> {
            assertThat(r.noToken()).isTrue();
            assertThat(r.msgCd()).isEqualTo("EGW00002");
            assertThat(r.reason()).startsWith("no access token");
        });
        assertThat(server.getRequestCount())
                .as("four issuance attempts, no order POST")
                .isEqualTo(4);
    }

    /** KIS refusing our app secret at issuance is a refusal of our credentials: an operator must act. */
    @Test
    void anAppSecretRefusedAtIssuanceIsACredentialRefusal() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir);
        server.enqueue(json(403, "{\"error_description\":\"유효하지 않은 AppSecret입니다.\",\"error_code\":\"EGW00105\"}"));

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOfSatisfying(OrderOutcome.Refused.class, r -> {
            assertThat(r.noToken()).isFalse();
            assertThat(r.msgCd()).isEqualTo("EGW00105");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void invalidTokenEgw00121IsRenewedLikeExpiry() {
        KisFixture f = fixture();
        server.enqueue(json(403, INVALID));
        server.enqueue(tokenAnswer("fresh-token-after-invalid-01"));
        server.enqueue(json(ORDER_OK));
        assertThat(f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1)))
                .isInstanceOf(OrderOutcome.Accepted.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void connectionRefusedIsFailedNotSentAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KisFixture f = new KisFixture("http://127.0.0.1:" + port, KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(((OrderOutcome.Failed) out).reason()).startsWith("not sent: could not connect");
        assertThat(f.sleeper.sleeps).hasSize(2);
        assertThat(f.metrics.count("request", "order_cash", "transport")).isEqualTo(3);
    }

    @Test
    void fullCancelSendsAllRemainingWithTheOriginalBranchAndOdno() throws Exception {
        KisFixture f = fixture();
        server.enqueue(
                json(
                        "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"ok\",\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06590\",\"ODNO\":\"0000006600\",\"ORD_TMD\":\"151500\"}}"));
        OrderOutcome out = f.client.cancel(OrderAddress.of("6590", "6555"));
        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        assertThat(((OrderOutcome.Accepted) out).odno()).isEqualTo("0000006600");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/uapi/domestic-stock/v1/trading/order-rvsecncl");
        assertThat(r.getHeaders().get("tr_id")).isEqualTo("TTTC0013U");
        assertThat(body(r).toString())
                .isEqualTo("{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"KRX_FWDG_ORD_ORGNO\":\"06590\","
                        + "\"ORGN_ODNO\":\"0000006555\",\"ORD_DVSN\":\"00\",\"RVSE_CNCL_DVSN_CD\":\"02\",\"ORD_QTY\":\"0\",\"ORD_UNPR\":\"0\","
                        + "\"QTY_ALL_ORD_YN\":\"Y\",\"EXCG_ID_DVSN_CD\":\"KRX\",\"CNDT_PRIC\":\"\"}");
    }

    @Test
    void partialCancelAndModifyBodies() throws Exception {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.PAPER, dir, TrIdSet.NEW, Timeouts.DEFAULT)
                .withToken();
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"40430000\",\"msg1\":\"취소수량이 취소가능수량을 초과합니다\"}"));
        server.enqueue(
                json(
                        "{\"rt_cd\":\"0\",\"msg_cd\":\"40620000\",\"msg1\":\"ok\",\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"00950\",\"ODNO\":\"8640\",\"ORD_TMD\":\"100000\"}}"));
        OrderAddress key = OrderAddress.of("00950", "0000008637");

        OrderOutcome partial = f.client.cancelPartial(key, 2);
        OrderOutcome modify = f.client.modify(key, OrderType.LMT, new BigDecimal("71900"), 0);

        assertThat(partial)
                .isEqualTo(new OrderOutcome.Rejected(
                        "40430000",
                        "취소수량이 취소가능수량을 초과합니다",
                        "{\"rt_cd\":\"1\",\"msg_cd\":\"40430000\",\"msg1\":\"취소수량이 취소가능수량을 초과합니다\"}"));
        assertThat(modify).isInstanceOf(OrderOutcome.Accepted.class);
        assertThat(((OrderOutcome.Accepted) modify).odno()).isEqualTo("0000008640");
        RecordedRequest p = server.takeRequest();
        assertThat(p.getHeaders().get("tr_id")).isEqualTo("VTTC0013U");
        JsonNode pb = body(p);
        assertThat(pb.get("RVSE_CNCL_DVSN_CD").asText()).isEqualTo("02");
        assertThat(pb.get("ORD_QTY").asText()).isEqualTo("2");
        assertThat(pb.get("QTY_ALL_ORD_YN").asText()).isEqualTo("N");
        JsonNode mb = body(server.takeRequest());
        assertThat(mb.get("RVSE_CNCL_DVSN_CD").asText()).isEqualTo("01");
        assertThat(mb.get("ORD_DVSN").asText()).isEqualTo("00");
        assertThat(mb.get("ORD_UNPR").asText()).isEqualTo("71900");
        assertThat(mb.get("ORD_QTY").asText()).isEqualTo("0");
        assertThat(mb.get("QTY_ALL_ORD_YN").asText()).isEqualTo("Y");
        assertThat(mb.get("ORGN_ODNO").asText()).isEqualTo("0000008637");
    }

    @Test
    void aFailingTokenCacheIsANoTokenRefusalNotAnException() {
        KisFixture f = fixture();
        InMemoryTokenStore real = new InMemoryTokenStore();
        TokenStore broken = (TokenStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TokenStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("load")) {
                        throw new IllegalStateException("database is down");
                    }
                    return method.invoke(real, args);
                });
        KisClient c = KisClient.builder(f.settings)
                .tokenStore(broken)
                .clock(f.clock)
                .sleeper(f.sleeper)
                .rateBudget(RateBudget.UNLIMITED)
                .build();
        OrderOutcome out = c.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out)
                .isEqualTo(new OrderOutcome.Refused(
                        "token_cache",
                        "",
                        "no access token (the token cache failed (IllegalStateException)): not sent",
                        null,
                        true));
        assertThat(c.balance().holdings().reason()).contains("the token cache failed");
        assertThat(server.getRequestCount()).isZero();
    }
}
