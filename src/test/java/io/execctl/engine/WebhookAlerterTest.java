package io.execctl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook alerter against a local HTTP receiver: the Slack body, redaction of known secrets,
 * de-duplication, retry after 5xx, and a receiver that hangs — {@code raise} must return at once and a
 * full queue must drop and count, never block.
 */
class WebhookAlerterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret APP_KEY = Secret.of("PSfakeAppKey0123456789");
    private static final Secret ACCOUNT = Secret.of("50123456");

    private final MockWebServer server = new MockWebServer();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookAlerter alerter(WebhookAlerter.Settings settings) {
        return new WebhookAlerter(
                Secret.of(server.url("/hook/T000/B000/XXXX").toString()),
                List.of(APP_KEY, ACCOUNT),
                "execctl@test",
                settings,
                clock);
    }

    private static WebhookAlerter.Settings fast(int queue, int attempts, Duration timeout) {
        return new WebhookAlerter.Settings(
                queue, Duration.ofMinutes(5), attempts, Duration.ofMillis(20), Duration.ofMillis(100), timeout);
    }

    @Test
    void postsSlackJsonWithSecretsRemovedAndSendsARepeatOnlyAfterTheWindow() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (WebhookAlerter a = alerter(fast(10, 3, Duration.ofSeconds(5)))) {
            Alert alert = new Alert(
                    Alert.Severity.CRITICAL,
                    "TOKEN_REFUSED",
                    "KIS refused app key " + APP_KEY.reveal() + " for account " + ACCOUNT.reveal() + "-01");
            a.raise(alert);
            a.raise(alert); // a duplicate within the window
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(r.getBody().utf8());
            assertThat(body.fieldNames()).toIterable().containsExactly("text");
            String text = body.get("text").asText();
            assertThat(text)
                    .isEqualTo("execctl@test [CRITICAL] TOKEN_REFUSED: KIS refused app key **** for account ****-01");
            await().atMost(Duration.ofSeconds(5)).until(() -> a.delivered() == 1);
            assertThat(a.suppressed()).isEqualTo(1);

            now.set(now.get().plus(Duration.ofMinutes(6)));
            a.raise(alert);
            assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.delivered() == 2);
        }
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItAccepts() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (WebhookAlerter a = alerter(fast(10, 4, Duration.ofSeconds(5)))) {
            a.raise(new Alert(Alert.Severity.WARNING, "HOLDING_MISMATCH_QTY", "005930 differs"));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.delivered() == 1);
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(a.failed()).isZero();
        }
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAndCounted() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        try (WebhookAlerter a = alerter(fast(10, 3, Duration.ofSeconds(5)))) {
            a.raise(new Alert(Alert.Severity.WARNING, "X", "y"));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.failed() == 1);
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(a.delivered()).isZero();
        }
    }

    @Test
    void aHangingReceiverNeverBlocksTheCallerAndAFullQueueDropsAndCounts() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.enqueue(new MockResponse.Builder()
                    .headersDelay(30, TimeUnit.SECONDS)
                    .build());
        }
        try (WebhookAlerter a = alerter(fast(2, 1, Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                a.raise(new Alert(Alert.Severity.WARNING, "LOOP_ERROR", "loop fills failed, attempt " + i));
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("20 raises against a hanging receiver").isLessThan(500);
            // one in flight (hanging), two queued, the rest dropped
            assertThat(a.dropped()).isBetween(16L, 18L);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.failed() >= 1);
        }
    }
}
