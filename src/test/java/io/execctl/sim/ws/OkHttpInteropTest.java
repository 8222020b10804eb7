package io.execctl.sim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server with OkHttp's WebSocket client (what execctl's kis.ws uses): handshake, ack, notice, PINGPONG. */
class OkHttpInteropTest {

    @Test
    void okHttpClientSubscribesReceivesANoticeAndKeepsTheSessionByEchoingPingpong() throws Exception {
        List<String> texts = new CopyOnWriteArrayList<>();
        OkHttpClient http =
                new OkHttpClient.Builder().pingInterval(Duration.ZERO).build();
        try (SimWsServer server =
                SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(Duration.ofMillis(700)), KEYS)) {
            WebSocket ws = http.newWebSocket(
                    new Request.Builder()
                            .url("ws://127.0.0.1:" + server.port() + "/tryitout")
                            .build(),
                    new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket webSocket, String text) {
                            if (text.contains("\"PINGPONG\"")) {
                                webSocket.send(text);
                            }
                            texts.add(text);
                        }

                        @Override
                        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                            texts.add("FAILURE " + t);
                        }
                    });
            ws.send(WsTestClient.request(APPROVAL_A, "1", "H0STCNI0", HTS));
            await().until(() -> texts.stream().anyMatch(t -> t.contains("OPSP0000")));
            JsonNode ack = WsTestClient.parse(texts.stream()
                    .filter(t -> t.contains("OPSP0000"))
                    .findFirst()
                    .orElseThrow());

            server.publish(fill(HTS, "0000000001", 2, 72000));
            await().until(() -> texts.stream().anyMatch(t -> t.startsWith("1|")));
            String frame =
                    texts.stream().filter(t -> t.startsWith("1|")).findFirst().orElseThrow();
            String plain = WsTestClient.decrypt(
                    ack.at("/body/output/key").asText(),
                    ack.at("/body/output/iv").asText(),
                    frame.split("\\|", 4)[3]);
            assertThat(plain.split("\\^", -1)).hasSize(26);

            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            texts.stream().filter(t -> t.contains("PINGPONG")).count() >= 2);
            assertThat(texts).noneMatch(t -> t.startsWith("FAILURE"));
            assertThat(server.sessionCount()).isEqualTo(1);
            ws.close(1000, "bye");
            await().until(() -> server.sessionCount() == 0);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
