package io.execctl.sim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.APPROVAL_A2;
import static io.execctl.sim.ws.TestNotices.APPROVAL_B;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static io.execctl.sim.ws.WsTestClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The KIS notice protocol over a raw JDK WebSocket client. */
class SimWsServerTest {
    private SimWsServer server;
    private final List<WsTestClient> clients = new ArrayList<>();

    private SimWsServer start(WsOptions o) {
        server = SimWsServer.start(o, KEYS);
        return server;
    }

    private WsTestClient connect(String path) {
        WsTestClient c = WsTestClient.connect(server.port(), path);
        clients.add(c);
        return c;
    }

    @AfterEach
    void tearDown() {
        clients.forEach(WsTestClient::close);
        if (server != null) {
            server.close();
        }
    }

    private JsonNode subscribe(WsTestClient c, String approval, String trId, String trKey) {
        int before = c.controls().size();
        c.send(request(approval, "1", trId, trKey));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.controls().size() > before);
        return c.controls().get(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/tryitout"})
    void subscribeAckCarriesKisFieldsOnBothPaths(String path) {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect(path);
        await().until(() -> server.sessionCount() == 1);

        JsonNode ack = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);

        assertThat(ack.at("/header/tr_id").asText()).isEqualTo("H0STCNI0");
        assertThat(ack.at("/header/tr_key").asText()).isEqualTo(HTS);
        assertThat(ack.at("/header/encrypt").asText()).isEqualTo("Y");
        assertThat(ack.at("/body/rt_cd").asText()).isEqualTo("0");
        assertThat(ack.at("/body/msg_cd").asText()).isEqualTo("OPSP0000");
        assertThat(ack.at("/body/msg1").asText()).isEqualTo("SUBSCRIBE SUCCESS");
        assertThat(ack.at("/body/output/iv").asText()).hasSize(16);
        assertThat(ack.at("/body/output/key").asText()).hasSize(32);
    }

    @Test
    void noticeDecryptsToTheExact26Fields() throws Exception {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/tryitout");
        JsonNode ack = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);

        server.publish(fill(HTS, "0000000001", 3, 72000));

        await().until(() -> c.dataFrames().size() == 1);
        String[] parts = c.dataFrames().get(0).split("\\|", 4);
        assertThat(parts[0]).isEqualTo("1");
        assertThat(parts[1]).isEqualTo("H0STCNI0");
        assertThat(parts[2]).isEqualTo("001");
        String plain = WsTestClient.decrypt(
                ack.at("/body/output/key").asText(), ack.at("/body/output/iv").asText(), parts[3]);
        assertThat(plain.split("\\^", -1))
                .containsExactly(
                        "demo",
                        "5000000101",
                        "0000000001",
                        "",
                        "02",
                        "0",
                        "00",
                        "0",
                        "005930",
                        "3",
                        "72000",
                        "093015",
                        "0",
                        "2",
                        "2",
                        "06590",
                        "10",
                        "홍길동",
                        "0",
                        "1",
                        "Y",
                        "",
                        "10",
                        "",
                        "삼성전자",
                        "72000");
    }

    @Test
    void paperUsesH0stcni9AndThe23FieldLayoutAsMeasuredOnPaper() throws Exception {
        start(WsOptions.defaults(HTS, true));
        WsTestClient c = connect("/");
        JsonNode ack = subscribe(c, APPROVAL_A, "H0STCNI9", HTS);
        assertThat(ack.at("/body/msg_cd").asText()).isEqualTo("OPSP0000");

        server.publish(fill(HTS, "0000000007", 1, 180000));

        await().until(() -> c.dataFrames().size() == 1);
        String[] parts = c.dataFrames().get(0).split("\\|", 4);
        assertThat(parts[1]).isEqualTo("H0STCNI9");
        String plain = WsTestClient.decrypt(
                ack.at("/body/output/key").asText(), ack.at("/body/output/iv").asText(), parts[3]);
        assertThat(plain.split("\\^", -1))
                .containsExactly(
                        "demo",
                        "5000000101",
                        "0000000007",
                        "",
                        "02",
                        "0",
                        "00",
                        "0",
                        "005930",
                        "1",
                        "180000",
                        "093015",
                        "0",
                        "2",
                        "2",
                        "06590",
                        "10",
                        "홍길동",
                        "1Y",
                        "10",
                        "",
                        "삼성전자",
                        "72000");
    }

    @Test
    void realNoticeTrIsRefusedOnPaperAndViceVersa() {
        start(WsOptions.defaults(HTS, true));
        WsTestClient c = connect("/");
        JsonNode ack = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        assertThat(ack.at("/body/msg_cd").asText()).isEqualTo("OPSP8991");
        assertThat(ack.at("/body/rt_cd").asText()).isEqualTo("1");
    }

    @Test
    void unsubscribeStopsNoticesAndUnknownUnsubscribeIsOpsp0003() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        server.publish(fill(HTS, "0000000001", 1, 72000));
        await().until(() -> c.dataFrames().size() == 1);

        c.send(request(APPROVAL_A, "2", "H0STCNI0", HTS));
        await().until(() -> "OPSP0001".equals(c.lastControl().at("/body/msg_cd").asText()));
        assertThat(c.lastControl().at("/body/msg1").asText()).isEqualTo("UNSUBSCRIBE SUCCESS");
        server.publish(fill(HTS, "0000000002", 1, 72000));

        c.send(request(APPROVAL_A, "2", "H0STCNI0", HTS));
        await().until(() -> "OPSP0003".equals(c.lastControl().at("/body/msg_cd").asText()));
        // the unsubscribe answer was sent after the second publish on the same ordered stream: nothing came
        assertThat(c.dataFrames()).hasSize(1);
    }

    @Test
    void secondSubscribeOfTheSameTrIsOpsp0002AndKeepsTheKeys() throws Exception {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        JsonNode first = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        JsonNode again = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        assertThat(again.at("/body/msg_cd").asText()).isEqualTo("OPSP0002");
        assertThat(again.at("/body/msg1").asText()).isEqualTo("ALREADY IN SUBSCRIBE");

        server.publish(fill(HTS, "0000000001", 1, 72000));
        await().until(() -> c.dataFrames().size() == 1);
        String payload = c.dataFrames().get(0).split("\\|", 4)[3];
        assertThat(WsTestClient.decrypt(
                        first.at("/body/output/key").asText(),
                        first.at("/body/output/iv").asText(),
                        payload))
                .startsWith("demo^");
    }

    @Test
    void the42ndRegistrationIsMaxSubscribeOver() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        for (int i = 0; i < 40; i++) {
            c.send(request(APPROVAL_A, "1", "H0STCNT0", String.format("%06d", i)));
        }
        await().until(() -> c.controls().size() == 40);
        JsonNode fortyFirst = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        JsonNode fortySecond = subscribe(c, APPROVAL_A, "H0STASP0", "005930");

        assertThat(c.controls()).hasSize(42);
        assertThat(c.controls().subList(0, 40)).allSatisfy(a -> {
            assertThat(a.at("/body/msg_cd").asText()).isEqualTo("OPSP0000");
            assertThat(a.at("/header/encrypt").asText()).isEqualTo("N");
        });
        assertThat(fortyFirst.at("/body/msg_cd").asText()).isEqualTo("OPSP0000");
        assertThat(fortySecond.at("/body/msg_cd").asText()).isEqualTo("OPSP0008");
        assertThat(fortySecond.at("/body/msg1").asText()).isEqualTo("MAX SUBSCRIBE OVER");

        c.send(request(APPROVAL_A, "2", "H0STCNT0", "000000"));
        await().until(() -> c.controls().size() == 43);
        assertThat(c.lastControl().at("/body/msg_cd").asText()).isEqualTo("OPSP0001");
        JsonNode freed = subscribe(c, APPROVAL_A, "H0STASP0", "005930");
        assertThat(freed.at("/body/msg_cd").asText()).isEqualTo("OPSP0000");
    }

    @Test
    void secondSessionOfTheSameAppKeyGetsOpsp8996AndIsClosedWhileTheFirstKeepsWorking() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient first = connect("/");
        subscribe(first, APPROVAL_A, "H0STCNI0", HTS);
        WsTestClient second = connect("/tryitout");
        await().until(() -> server.sessionCount() == 2);

        second.send(request(APPROVAL_A2, "1", "H0STCNI0", HTS));

        await().until(() -> !second.controls().isEmpty());
        JsonNode refusal = second.controls().get(0);
        assertThat(refusal.toString())
                .isEqualTo("{\"header\":{\"tr_id\":\"(null)\",\"tr_key\":\"\",\"encrypt\":\"N\"},"
                        + "\"body\":{\"rt_cd\":\"9\",\"msg_cd\":\"OPSP8996\",\"msg1\":\"ALREADY IN USE appkey\"}}");
        await().until(second::isGone);
        await().until(() -> server.sessionCount() == 1);

        server.publish(fill(HTS, "0000000001", 1, 72000));
        await().until(() -> first.dataFrames().size() == 1);
        assertThat(second.dataFrames()).isEmpty();

        WsTestClient other = connect("/");
        assertThat(subscribe(other, APPROVAL_B, "H0STCNT0", "005930")
                        .at("/body/msg_cd")
                        .asText())
                .isEqualTo("OPSP0000");
    }

    @Test
    void appKeyIsFreeAgainOnceItsSessionIsGone() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient first = connect("/");
        subscribe(first, APPROVAL_A, "H0STCNI0", HTS);
        server.dropAll();
        await().until(() -> server.sessionCount() == 0);

        WsTestClient again = connect("/");
        assertThat(subscribe(again, APPROVAL_A2, "H0STCNI0", HTS)
                        .at("/body/msg_cd")
                        .asText())
                .isEqualTo("OPSP0000");
    }

    @Test
    void unknownApprovalKeyIsOpsp0011AndTheSessionStays() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        JsonNode ans = subscribe(c, "no-such-key", "H0STCNI0", HTS);
        assertThat(ans.at("/body/rt_cd").asText()).isEqualTo("1");
        assertThat(ans.at("/body/msg_cd").asText()).isEqualTo("OPSP0011");
        assertThat(ans.at("/body/msg1").asText()).isEqualTo("invalid approval : NOT FOUND");
        assertThat(ans.at("/header/tr_id").asText()).isEqualTo("H0STCNI0");
        assertThat(ans.at("/body/output").isMissingNode()).isTrue();

        assertThat(subscribe(c, APPROVAL_A, "H0STCNI0", HTS).at("/body/msg_cd").asText())
                .isEqualTo("OPSP0000");
    }

    @Test
    void malformedRequestsGetJsonParsingErrors() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        c.send("not json at all");
        c.send("{\"body\":{}}");
        c.send("{\"header\":{\"approval_key\":\"" + APPROVAL_A + "\",\"custtype\":\"P\",\"tr_type\":\"1\"}}");
        c.send(
                "{\"header\":{\"approval_key\":\"" + APPROVAL_A
                        + "\",\"custtype\":\"P\",\"tr_type\":\"3\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"demo\"}}}");
        c.send("{\"header\":{\"approval_key\":\"" + APPROVAL_A
                + "\",\"custtype\":\"P\",\"tr_type\":\"1\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\"}}}");
        await().until(() -> c.controls().size() == 5);

        assertThat(c.controls())
                .extracting(a -> a.at("/body/msg_cd").asText())
                .containsExactly("OPSP9999", "OPSP9998", "OPSP9992", "OPSP8997", "OPSP9990");
        assertThat(c.controls().get(0).at("/body/msg1").asText()).isEqualTo("JSON PARSING ERROR : invalid json format");
        assertThat(c.controls().get(0).at("/header/tr_id").asText()).isEqualTo("(null)");
        assertThat(server.stats().badMessages()).isEqualTo(5);
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void noticeSubscriptionNeedsTheHtsIdAsTrKey() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        JsonNode ans = subscribe(c, APPROVAL_A, "H0STCNI0", "someone-else");
        assertThat(ans.at("/body/msg_cd").asText()).isEqualTo("OPSP8992");
    }

    @Test
    void noticesOfAnotherHtsIdAreNotDelivered() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        server.publish(fill("other", "0000000001", 1, 72000));
        server.publish(fill(HTS, "0000000002", 1, 72000));
        await().until(() -> c.dataFrames().size() == 1);
        assertThat(server.stats().noticeFramesSent()).isEqualTo(1);
    }

    @Test
    void marketDataSubscriptionsDeliverNothing() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        JsonNode ack = subscribe(c, APPROVAL_A, "H0STCNT0", "005930");
        assertThat(ack.at("/header/encrypt").asText()).isEqualTo("N");
        server.publish(fill(HTS, "0000000001", 1, 72000));
        subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        server.publish(fill(HTS, "0000000002", 1, 72000));
        await().until(() -> c.dataFrames().size() == 1);
        assertThat(server.stats().noticeFramesSent()).isEqualTo(1);
        assertThat(c.dataFrames()).allSatisfy(f -> assertThat(f).startsWith("1|H0STCNI0|001|"));
    }

    @Test
    void fragmentedClientMessagesAreReassembled() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        String req = request(APPROVAL_A, "1", "H0STCNI0", HTS);
        c.ws.sendText(req.substring(0, 20), false).join();
        c.ws.sendText(req.substring(20, 70), false).join();
        c.ws.sendText(req.substring(70), true).join();
        await().until(() -> c.controls().size() == 1);
        assertThat(c.controls().get(0).at("/body/msg_cd").asText()).isEqualTo("OPSP0000");
    }

    @Test
    void pingFrameIsAnsweredWithPong() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        c.ws.sendPing(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).join();
        await().until(() -> c.pongs.contains("hello"));
    }

    @Test
    void closeHandshakeEchoesTheCode() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient c = connect("/");
        await().until(() -> server.sessionCount() == 1);
        c.sendClose(1000, "bye").join();
        await().until(() -> c.closeCode != null);
        assertThat(c.closeCode).isEqualTo(1000);
        await().until(() -> server.sessionCount() == 0);
    }

    @Test
    void dropAllCutsEverySessionWithoutReplay() {
        start(WsOptions.defaults(HTS, false));
        WsTestClient a = connect("/");
        subscribe(a, APPROVAL_A, "H0STCNI0", HTS);
        WsTestClient b = connect("/");
        subscribe(b, APPROVAL_B, "H0STCNT0", "005930");

        server.dropAll();

        await().until(() -> server.sessionCount() == 0);
        await().until(() -> a.isGone() && b.isGone());
        server.publish(fill(HTS, "0000000001", 1, 72000));
        WsTestClient again = connect("/");
        subscribe(again, APPROVAL_A, "H0STCNI0", HTS);
        server.publish(fill(HTS, "0000000002", 1, 72000));
        await().until(() -> again.dataFrames().size() == 1);
        assertThat(a.dataFrames()).isEmpty();
    }

    @Test
    void otherPathsAre404() throws Exception {
        start(WsOptions.defaults(HTS, false));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /other HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 404 ");
        }
        assertThat(server.sessionCount()).isZero();
        assertThat(server.stats().handshakesRefused()).isEqualTo(1);
    }

    @Test
    void keysComeFromTheSeedAndDifferPerSubscription() {
        List<String> first = keysOf(3);
        server.close();
        clients.forEach(WsTestClient::close);
        clients.clear();
        List<String> again = keysOf(3);
        server.close();
        clients.forEach(WsTestClient::close);
        clients.clear();
        List<String> other = keysOf(4);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    private List<String> keysOf(long seed) {
        start(WsOptions.defaults(HTS, false).withSeed(seed));
        WsTestClient c = connect("/");
        JsonNode a = subscribe(c, APPROVAL_A, "H0STCNI0", HTS);
        JsonNode b = subscribe(c, APPROVAL_A, "H0STCNT0", "005930");
        return List.of(
                a.at("/body/output/key").asText(),
                a.at("/body/output/iv").asText(),
                b.at("/body/output/key").asText(),
                b.at("/body/output/iv").asText());
    }

    @Test
    void closingTheServerEndsConnectionsStillInTheirHandshake() throws Exception {
        start(WsOptions.defaults(HTS, false));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await().until(() -> server.stats().connections() == 1);
            server.close();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
