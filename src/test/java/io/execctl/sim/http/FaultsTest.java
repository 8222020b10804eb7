package io.execctl.sim.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each REST fault, seen from a raw HTTP client. */
class FaultsTest {
    RestFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    RawKis start(String faults) {
        fx = new RestFixture(false, 0);
        RawKis kis = fx.client().login();
        fx.server.setFaults(Faults.parse(faults));
        return kis;
    }

    @Test
    void parseRejectsUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> Faults.parse("{\"rest_5xx_rat\":0.1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rest_5xx_rat");
        assertThatThrownBy(() -> Faults.parse("{\"rest_5xx_rate\":1.5}")).hasMessageContaining("rest_5xx_rate");
        assertThatThrownBy(() -> Faults.parse("{\"ws_drop_rate\":\"high\"}")).hasMessageContaining("ws_drop_rate");
        assertThatThrownBy(() -> Faults.parse("[]")).hasMessageContaining("object");
        assertThat(Faults.parse("{}")).isEqualTo(Faults.NONE);
        Faults all = Faults.parse("{\"rest_latency_ms\":{\"order-cash\":200,\"default\":5},\"rest_5xx_rate\":0.1,"
                + "\"rest_5xx_html_rate\":0.1,\"egw00201_rate\":0.1,\"token_expire_early\":0.1,"
                + "\"order_timeout_after_accept_rate\":0.1,\"order_reset_after_accept_rate\":0.1,\"ws_drop_rate\":0.1,"
                + "\"ws_duplicate_rate\":0.1,\"ws_reorder_rate\":0.1,\"notice_before_response_rate\":0.1,"
                + "\"ws_disconnect_every_s\":30,\"corrupt_frame_rate\":0.1,\"paging_data_changed_rate\":0.1}");
        assertThat(all.latencyFor("order-cash")).isEqualTo(200);
        assertThat(all.latencyFor("inquire-balance")).isEqualTo(5);
        assertThat(all.wsFaults().disconnectEverySeconds()).isEqualTo(30);
        assertThat(Faults.parse(all.toJson().toString())).isEqualTo(all);
    }

    @Test
    void faultDiceAreSeeded() {
        List<Integer> first = statuses();
        fx.close();
        List<Integer> second = statuses();
        assertThat(first).isEqualTo(second).contains(200, 500);
    }

    private List<Integer> statuses() {
        RawKis kis = start("{\"rest_5xx_rate\":0.5}");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                    .status());
        }
        return out;
    }

    @Test
    void html5xxIsAGatewayPage() {
        RawKis kis = start("{\"rest_5xx_html_rate\":1.0}");
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("content-type")).startsWith("text/html");
        assertThat(r.body()).contains("502 Bad Gateway");
    }

    @Test
    void json5xxHasKisBody() {
        RawKis kis = start("{\"rest_5xx_rate\":1.0}");
        RawKis.Resp r = kis.order("TTTC0012U", "005930", "01", 1, 0);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(r.msgCd()).as("a code of KIS's own list").isEqualTo("EGW00002");
        assertThat(fx.broker.ledger().orders())
                .as("a 5xx before the broker places nothing")
                .isEmpty();
    }

    @Test
    void latencyDelaysTheEndpoint() {
        RawKis kis = start("{\"rest_latency_ms\":{\"inquire-balance\":400}}");
        long t0 = System.nanoTime();
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .status())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void egw00201FaultComesInBursts() {
        RawKis kis = start("{\"egw00201_rate\":1.0,\"egw00201_burst\":2}");
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("EGW00201");
        fx.server.setFaults(Faults.parse("{\"egw00201_rate\":0.0,\"egw00201_burst\":2}"));
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokenExpireEarlyKillsThePresentedToken() {
        RawKis kis = start("{\"token_expire_early\":1.0}");
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("EGW00123");
        fx.server.setFaults(Faults.NONE);
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .msgCd())
                .as("the token stays dead")
                .isEqualTo("EGW00123");
        fx.clock.advance(Duration.ofMinutes(1));
        kis.login();
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void acceptedThenResetLeavesTheOrderAtTheBroker() {
        RawKis kis = start("{\"order_reset_after_accept_rate\":1.0}");
        assertThatThrownBy(() -> kis.order("TTTC0012U", "005930", "00", 3, 70000))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(fx.broker.ledger().orders()).singleElement().satisfies(o -> assertThat(o.qty())
                .isEqualTo(3));
        assertThat(fx.published).as("its notice was still sent").isNotEmpty();
        // a rejected order is answered normally
        RawKis.Resp rejected = kis.order("TTTC0012U", "999999", "00", 3, 70000);
        assertThat(rejected.json().get("rt_cd").asText()).isEqualTo("7");
    }

    @Test
    void acceptedThenResetIsEofOnARawSocket() throws Exception {
        RawKis kis = start("{\"order_reset_after_accept_rate\":1.0}");
        String body = RawKis.orderBody("005930", "00", 5, 70000);
        StringBuilder req =
                new StringBuilder("POST " + KisEndpoint.ORDER_CASH.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        kis.headers("TTTC0012U")
                .forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("content-length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n")
                .append(body);
        try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            int first;
            try {
                first = s.getInputStream().read();
            } catch (SocketException reset) {
                first = -1;
            }
            assertThat(first).as("no byte of a response, just EOF/reset").isEqualTo(-1);
        }
        assertThat(fx.broker.ledger().orders()).singleElement().satisfies(o -> assertThat(o.qty())
                .isEqualTo(5));
    }

    @Test
    void acceptedThenDelayedPastTheClientTimeout() throws Exception {
        RawKis kis = start("{\"order_timeout_after_accept_rate\":1.0,\"order_timeout_delay_ms\":3000}");
        HttpRequest req = kis.uapi(KisEndpoint.ORDER_CASH.path(), kis.headers("TTTC0012U"), Map.of())
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString(RawKis.orderBody("005930", "00", 2, 70000)))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> client.send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(fx.broker.ledger().orders()).singleElement().satisfies(o -> assertThat(o.qty())
                .isEqualTo(2));
        // a patient client gets the normal answer
        HttpRequest patient = kis.uapi(KisEndpoint.ORDER_CASH.path(), kis.headers("TTTC0012U"), Map.of())
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(RawKis.orderBody("005930", "00", 1, 70000)))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> late = client.send(patient, HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
        assertThat(late.body()).contains("\"ODNO\":\"0000000002\"");
    }

    @Test
    void noticesFollowTheResponseByDefault() {
        RawKis kis = start("{}");
        AtomicBoolean responded = new AtomicBoolean();
        List<Boolean> seenAfterResponse = new CopyOnWriteArrayList<>();
        fx.tap = n -> {
            // published after the response was written: wait until the client has it
            await().atMost(Duration.ofSeconds(5)).untilTrue(responded);
            seenAfterResponse.add(true);
        };
        Thread t = new Thread(() -> {
            kis.order("TTTC0012U", "005930", "00", 1, 70000);
            responded.set(true);
        });
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !seenAfterResponse.isEmpty());
    }

    @Test
    void noticeBeforeResponseFaultPublishesFirst() {
        RawKis kis = start("{\"notice_before_response_rate\":1.0}");
        AtomicBoolean responded = new AtomicBoolean();
        List<Boolean> respondedAtNotice = new CopyOnWriteArrayList<>();
        fx.tap = n -> respondedAtNotice.add(responded.get());
        kis.order("TTTC0012U", "005930", "00", 1, 70000);
        responded.set(true);
        assertThat(respondedAtNotice).isNotEmpty().containsOnly(false);
    }
}
