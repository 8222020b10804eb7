package io.execctl.sim.ws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PINGPONG heartbeats: an echo (text, ping or pong frame) keeps the session, silence closes it. */
class PingPongTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:30:15Z"), ZoneOffset.UTC);
    private SimWsServer server;
    private WsTestClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private void start() {
        server =
                SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(Duration.ofMillis(700)), KEYS, CLOCK);
    }

    @Test
    void pingpongCarriesKoreanDateTime() {
        start();
        client = WsTestClient.connect(server.port(), "/");
        await().until(() -> !client.pingpongs().isEmpty());
        assertThat(client.pingpongs().get(0))
                .isEqualTo("{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"20261124093015\"}}");
    }

    @ParameterizedTest
    @EnumSource(
            value = WsTestClient.Echo.class,
            names = {"TEXT", "PING", "PONG"})
    void anEchoedPingpongKeepsTheSession(WsTestClient.Echo echo) {
        start();
        client = WsTestClient.connect(server.port(), "/tryitout");
        client.echo = echo;
        await().atMost(Duration.ofSeconds(10)).until(() -> client.pingpongs().size() >= 3);
        assertThat(client.isGone()).isFalse();
        assertThat(server.sessionCount()).isEqualTo(1);
        assertThat(server.stats().pingTimeouts()).isZero();
    }

    @Test
    void aSessionThatDoesNotEchoIsClosed() {
        start();
        client = WsTestClient.connect(server.port(), "/");
        client.echo = WsTestClient.Echo.NONE;
        await().until(() -> client.isGone());
        assertThat(client.pingpongs()).hasSize(1);
        await().until(() -> server.sessionCount() == 0);
        assertThat(server.stats().pingTimeouts()).isEqualTo(1);
    }
}
