package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REST order → market → WebSocket notice, end to end: approval key over REST, a raw
 * {@code java.net.http.WebSocket}, notices decrypted with javax.crypto directly.
 */
class WebSocketEndToEndTest {
    Simulator sim;
    WebSocket ws;

    @AfterEach
    void stop() {
        if (ws != null) {
            ws.abort();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static final class Collector implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicBoolean gone = new AtomicBoolean();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            gone.set(true);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            gone.set(true);
        }

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    static String decrypt(String base64, String key, String iv) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
        return new String(c.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
    }

    @Test
    void orderOverRestArrivesAsEncryptedNoticesOnTheWebSocket() throws Exception {
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(KisEnv.REAL)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(new MutableClock(Instant.parse("2026-11-24T00:00:00Z"))));
        RawKis kis = new RawKis(sim.restUrl()).login();
        String approval = kis.postJson(
                        "/oauth2/Approval",
                        "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"secretkey\":\""
                                + RawKis.SECRET + "\"}")
                .json()
                .get("approval_key")
                .asText();

        Collector col = new Collector();
        ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl() + "/tryitout"), col)
                .get();
        ws.sendText(
                        "{\"header\":{\"approval_key\":\"" + approval + "\",\"custtype\":\"P\",\"tr_type\":\"1\","
                                + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"demo\"}}}",
                        true)
                .get();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> col.texts.stream().anyMatch(t -> t.contains("SUBSCRIBE SUCCESS")));
        JsonNode ack = RawKis.M.readTree(col.texts.stream()
                .filter(t -> t.contains("SUBSCRIBE SUCCESS"))
                .findFirst()
                .orElseThrow());
        assertThat(ack.at("/header/encrypt").asText()).isEqualTo("Y");
        String key = ack.at("/body/output/key").asText();
        String iv = ack.at("/body/output/iv").asText();
        assertThat(key).hasSize(32);
        assertThat(iv).hasSize(16);

        String odno = kis.order("TTTC0012U", "005930", "01", 25, 0)
                .json()
                .get("output")
                .get("ODNO")
                .asText();
        JsonNode order =
                kis.control("GET", "/sim/ledger", null).json().get("orders").get(0);
        long filled = order.get("filled_qty").asLong();
        assertThat(filled).isEqualTo(25);
        int expectedFrames = 1 + order.get("executions").size();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> col.texts.stream().filter(t -> t.startsWith("1|")).count() >= expectedFrames);
        List<String[]> records = new ArrayList<>();
        for (String t : col.texts) {
            if (!t.startsWith("1|")) {
                continue;
            }
            String[] parts = t.split("\\|", 4);
            assertThat(parts[1]).isEqualTo("H0STCNI0");
            assertThat(parts[2]).isEqualTo("001");
            String[] f = decrypt(parts[3], key, iv).split("\\^", -1);
            assertThat(f).hasSize(26);
            records.add(f);
        }
        assertThat(records).allSatisfy(f -> {
            assertThat(f[0]).isEqualTo("demo");
            assertThat(f[2]).isEqualTo(odno);
            assertThat(f[4]).isEqualTo("02");
            assertThat(f[8]).isEqualTo("005930");
        });
        assertThat(records.get(0)[13]).as("first the acceptance").isEqualTo("1");
        long sum = records.stream()
                .filter(f -> f[13].equals("2"))
                .mapToLong(f -> Long.parseLong(f[9]))
                .sum();
        assertThat(sum).as("fill notices sum to tot_ccld_qty").isEqualTo(filled);

        // an HTS order typed by hand arrives on the same stream
        int before = col.texts.size();
        kis.control(
                "POST",
                "/sim/external-order",
                "{\"symbol\":\"000660\",\"side\":\"BUY\",\"ord_dvsn\":\"00\",\"qty\":1,\"price\":170000}");
        await().atMost(Duration.ofSeconds(5)).until(() -> col.texts.size() > before);
        String hts = col.texts.get(before);
        assertThat(decrypt(hts.split("\\|", 4)[3], key, iv).split("\\^", -1)[8]).isEqualTo("000660");
    }

    @Test
    void secondSessionOfTheAppKeyIsRefusedAndDropCutsTheFirst() throws Exception {
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(KisEnv.PAPER)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(new MutableClock(Instant.parse("2026-11-24T00:00:00Z"))));
        RawKis kis = new RawKis(sim.restUrl());
        String approval = kis.postJson(
                        "/oauth2/Approval",
                        "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"secretkey\":\""
                                + RawKis.SECRET + "\"}")
                .json()
                .get("approval_key")
                .asText();
        String subscribe = "{\"header\":{\"approval_key\":\"" + approval + "\",\"custtype\":\"P\",\"tr_type\":\"1\","
                + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI9\",\"tr_key\":\"demo\"}}}";
        Collector first = new Collector();
        ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl()), first)
                .get();
        ws.sendText(subscribe, true).get();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> first.texts.stream().anyMatch(t -> t.contains("SUBSCRIBE SUCCESS")));

        Collector second = new Collector();
        WebSocket ws2 = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl()), second)
                .get();
        try {
            ws2.sendText(subscribe, true);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> second.texts.stream().anyMatch(t -> t.contains("OPSP8996")));
        } finally {
            ws2.abort();
        }

        assertThat(kis.control("POST", "/sim/ws/drop", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilTrue(first.gone);
    }

    @Test
    void pingpongEveryIntervalAndSilentClientsAreDropped() throws Exception {
        sim = Simulator.start(
                SimOptions.defaults().withSpeed(0).withRateLimit(0.0).withPingInterval(Duration.ofSeconds(1)));
        Collector echoing = new Collector();
        ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl() + "/tryitout"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        String t = data.toString();
                        echoing.texts.add(t);
                        if (t.contains("PINGPONG")) {
                            w.sendText(t, true);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        echoing.gone.set(true);
                        return null;
                    }
                })
                .get();
        Collector silent = new Collector();
        WebSocket quiet = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl()), silent)
                .get();
        try {
            await().atMost(Duration.ofSeconds(15)).untilTrue(silent.gone);
            assertThat(silent.texts).anyMatch(t -> t.contains("\"tr_id\":\"PINGPONG\""));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> echoing.texts.stream()
                                    .filter(t -> t.contains("PINGPONG"))
                                    .count()
                            >= 3);
            assertThat(echoing.gone).as("a client that echoes stays").isFalse();
        } finally {
            quiet.abort();
        }
    }
}
