package io.execctl.kis;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order POST outcome table ({@link OrderOutcomeRules}), row by row: which rule an answer meets
 * (msg_cd first, rt_cd next, HTTP status last) and what the client then returns and how often it sent.
 */
class OrderOutcomeTableTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** One answer: HTTP status and body, the table row it must meet. */
    record Answer(String row, int status, String body) {
        KisOutcome classified() {
            return ResponseClassifier.classify(KisOperation.ORDER_CASH, new ResponseMeta(status, "", "", ""), body);
        }

        @Override
        public String toString() {
            return "row " + row + ": HTTP " + status + " " + body;
        }
    }

    static String kis(String rtCd, String msgCd) {
        return "{\"rt_cd\":\"" + rtCd + "\",\"msg_cd\":\"" + msgCd + "\",\"msg1\":\"text\"}";
    }

    static List<Answer> answers() {
        return List.of(
                new Answer("1", 500, RATE_LIMITED),
                new Answer("1", 200, kis("1", "EGW00201")),
                new Answer("2", 200, kis("1", "EGW00301")),
                new Answer("2", 500, kis("1", "EGW00302")),
                new Answer("2", 504, "{\"msg_cd\":\"EGW00301\",\"msg1\":\"연결 시간이 초과되었습니다.\"}"),
                new Answer("3a", 500, EXPIRED),
                new Answer("3a", 403, INVALID),
                new Answer("3a", 200, kis("1", "EGW00122")),
                new Answer("3b", 403, kis("1", "EGW00105")),
                new Answer("3b", 500, "{\"msg_cd\":\"EGW00103\",\"msg1\":\"유효하지 않은 AppKey입니다.\"}"),
                new Answer("3b", 200, kis("1", "EGW00206")),
                new Answer("3c", 200, kis("1", "EGW00999")),
                new Answer("3c", 500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00500\",\"msg1\":\"internal error\"}"),
                new Answer("4a", 200, ORDER_OK),
                new Answer("4b", 200, kis("7", "APBK0918")),
                new Answer("4b", 200, kis("2", "OPSQ2001")),
                new Answer("4b", 500, kis("2", "OPSQ2002")),
                new Answer("4b", 403, kis("7", "APBK0656")),
                new Answer("4b", 200, kis("1", "40330000")),
                new Answer("4b", 200, "{\"rt_cd\":\"9\",\"msg1\":\"no code\"}"),
                new Answer("5b", 429, "Too Many Requests"),
                new Answer("5c", 502, HTML_502),
                new Answer("5c", 200, ORDER_OK.substring(0, 60)),
                new Answer("5c", 200, "{\"foo\":1}"),
                new Answer("5c", 500, "{\"rt_cd\":\"0\"}"),
                new Answer("5c", 503, ""));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void eachAnswerMeetsItsRow(Answer a) {
        assertThat(OrderOutcomeRules.match(a.classified()).row()).isEqualTo(a.row());
    }

    @Test
    void transportFailuresMeetTheirRows() {
        assertThat(OrderOutcomeRules.match(new KisOutcome.NotSent("could not connect"))
                        .row())
                .isEqualTo("5a");
        assertThat(OrderOutcomeRules.match(new KisOutcome.NoResponse(true, "timed out"))
                        .row())
                .isEqualTo("5c");
        assertThat(OrderOutcomeRules.match(new KisOutcome.NoResponse(false, "reset"))
                        .row())
                .isEqualTo("5c");
    }

    @Test
    void everyRowOfTheTableIsCovered() {
        Set<String> covered = answers().stream().map(Answer::row).collect(Collectors.toCollection(TreeSet::new));
        covered.add("5a");
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(OrderOutcomeRules.RULES.stream()
                        .map(OrderOutcomeRules.Rule::row)
                        .toList());
    }

    /** The client's end of each row: outcome type and how many POSTs reached the server. */
    record Script(String row, List<MockResponse> responses, Class<? extends OrderOutcome> outcome, int orderPosts) {
        @Override
        public String toString() {
            return "row " + row + " -> " + outcome.getSimpleName();
        }
    }

    static Stream<Script> scripts() {
        return Stream.of(
                new Script("1", List.of(json(500, RATE_LIMITED), json(ORDER_OK)), OrderOutcome.Accepted.class, 2),
                new Script(
                        "1",
                        List.of(
                                json(500, RATE_LIMITED),
                                json(500, RATE_LIMITED),
                                json(500, RATE_LIMITED),
                                json(500, RATE_LIMITED)),
                        OrderOutcome.Failed.class,
                        4),
                new Script("2", List.of(json(kis("1", "EGW00301")), json(ORDER_OK)), OrderOutcome.Unknown.class, 1),
                new Script(
                        "2", List.of(json(500, kis("1", "EGW00302")), json(ORDER_OK)), OrderOutcome.Unknown.class, 1),
                new Script(
                        "3a",
                        List.of(json(500, EXPIRED), tokenAnswer("renewed-token-000000001"), json(ORDER_OK)),
                        OrderOutcome.Accepted.class,
                        2),
                new Script(
                        "3a",
                        List.of(
                                json(403, INVALID),
                                tokenAnswer("renewed-token-000000001"),
                                json(403, INVALID),
                                json(ORDER_OK)),
                        OrderOutcome.Refused.class,
                        2),
                new Script(
                        "3b", List.of(json(403, kis("1", "EGW00105")), json(ORDER_OK)), OrderOutcome.Refused.class, 1),
                new Script("3c", List.of(json(kis("1", "EGW00999")), json(ORDER_OK)), OrderOutcome.Unknown.class, 1),
                new Script("4a", List.of(json(ORDER_OK)), OrderOutcome.Accepted.class, 1),
                new Script("4b", List.of(json(kis("7", "APBK0918")), json(ORDER_OK)), OrderOutcome.Rejected.class, 1),
                new Script(
                        "4b", List.of(json(500, kis("2", "OPSQ2001")), json(ORDER_OK)), OrderOutcome.Rejected.class, 1),
                new Script(
                        "5b",
                        List.of(
                                new MockResponse.Builder()
                                        .code(429)
                                        .body("Too Many Requests")
                                        .build(),
                                json(ORDER_OK)),
                        OrderOutcome.Accepted.class,
                        2),
                new Script(
                        "5c",
                        List.of(
                                new MockResponse.Builder()
                                        .code(502)
                                        .addHeader("content-type", "text/html")
                                        .body(HTML_502)
                                        .build(),
                                json(ORDER_OK)),
                        OrderOutcome.Unknown.class,
                        1),
                new Script(
                        "5c",
                        List.of(
                                new MockResponse.Builder()
                                        .onResponseStart(new SocketEffect.CloseSocket())
                                        .build(),
                                json(ORDER_OK)),
                        OrderOutcome.Unknown.class,
                        1),
                new Script(
                        "5c", List.of(json(ORDER_OK.substring(0, 60)), json(ORDER_OK)), OrderOutcome.Unknown.class, 1));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void theClientFollowsTheRow(Script s) {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        s.responses().forEach(server::enqueue);

        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));

        assertThat(out).isInstanceOf(s.outcome());
        long posts = f.raws.stream().filter(x -> x.trId().equals("TTTC0012U")).count();
        assertThat(posts).as("order POSTs sent").isEqualTo(s.orderPosts());
    }

    @Test
    void row5aNothingWrittenIsRetriedThenFailedAsNotSent() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KisFixture f = new KisFixture("http://127.0.0.1:" + port, KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(((OrderOutcome.Failed) out).reason()).startsWith("not sent: could not connect");
    }

    @Test
    void aRefusedOrderNamesTheCodeAndIsNotTheOrdersFault() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir).withToken();
        server.enqueue(json(403, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00105\",\"msg1\":\"유효하지 않은 AppSecret입니다.\"}"));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1));
        assertThat(out).isInstanceOfSatisfying(OrderOutcome.Refused.class, r -> {
            assertThat(r.msgCd()).isEqualTo("EGW00105");
            assertThat(r.reason()).contains("not processed");
        });
    }
}
