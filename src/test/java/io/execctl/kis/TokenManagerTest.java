package io.execctl.kis;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.kis.port.CachedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token and approval-key issuance: cached, shared, spaced a minute apart, never hammered. */
class TokenManagerTest {
    private static final String SERVER_ERROR = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00002\",\"msg1\":\"서버 에러가 발생했습니다.\"}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private KisFixture fixture() {
        return new KisFixture(server, KisEnv.REAL, dir);
    }

    @Test
    void issuesOnceThenReusesTheCachedToken() throws Exception {
        KisFixture f = fixture();
        server.enqueue(tokenAnswer("issued-token-0001"));

        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-token-0001");
        f.clock.advance(Duration.ofHours(5));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-token-0001");

        assertThat(server.getRequestCount()).isEqualTo(1);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/oauth2/tokenP");
        assertThat(r.getHeaders().get("authorization")).isNull();
        CachedToken stored = f.store
                .load("real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS)
                .orElseThrow();
        // the stated KST expiry (10:00 on the 25th) and expires_in agree
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-11-25T01:00:00Z"));
        assertThat(f.store.lastIssueAttempt("real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS))
                .contains(START);
        assertThat(f.metrics.count("tokenIssued", "access")).isEqualTo(1);
    }

    @Test
    void renewsBeforeExpiryWithinTheMargin() {
        KisFixture f = fixture();
        server.enqueue(tokenAnswer("issued-token-0001"));
        server.enqueue(tokenAnswer("issued-token-0002"));
        f.client.tokens().accessToken();
        f.clock.advance(Duration.ofHours(24).minusMinutes(9)); // 9 minutes left < 10-minute margin
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-token-0002");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void reusesATokenAnotherProcessStoredInsteadOfIssuing() {
        KisFixture f = fixture();
        f.store.save(new CachedToken(
                "real",
                f.settings.appKeyFingerprint(),
                CachedToken.Kind.ACCESS,
                "other-process-token",
                START,
                START.plus(Duration.ofHours(20))));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("other-process-token");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void egw00133WaitsAMinuteAndReusesTheTokenAnotherProcessStored() {
        KisFixture f = fixture();
        server.enqueue(json(403, TOO_SOON));
        // another "process" issues meanwhile: it stores its token while we wait for the spacing
        RecordingSleeper sleeperThatSeesAnotherProcess = f.sleeper;
        KisFixture other = f;
        server.enqueue(tokenAnswer("must-not-be-asked"));
        Sleeper wrapped = d -> {
            sleeperThatSeesAnotherProcess.sleep(d);
            other.store.save(new CachedToken(
                    "real",
                    f.settings.appKeyFingerprint(),
                    CachedToken.Kind.ACCESS,
                    "token-of-the-other-process",
                    f.clock.instant(),
                    f.clock.instant().plus(Duration.ofHours(24))));
        };
        KisClient client = KisClient.builder(f.settings)
                .tokenStore(f.store)
                .metrics(f.metrics)
                .clock(f.clock)
                .sleeper(wrapped)
                .rateBudget(RateBudget.UNLIMITED)
                .build();

        Secret t = client.tokens().accessToken();

        assertThat(t.reveal()).isEqualTo("token-of-the-other-process");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(f.sleeper.sleeps).containsExactly(Duration.ofSeconds(61));
        assertThat(f.metrics.count("tokenIssueRefused", "access", "EGW00133")).isEqualTo(1);
    }

    @Test
    void egw00133WithNobodyElseIssuingRetriesOnlyAfterTheSpacing() {
        KisFixture f = fixture();
        server.enqueue(json(403, TOO_SOON));
        server.enqueue(tokenAnswer("issued-after-a-minute"));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-after-a-minute");
        assertThat(f.sleeper.sleeps).containsExactly(Duration.ofSeconds(61));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void repeatedEgw00133GivesUpWithinTheBoundNeverHammering() {
        KisFixture f = fixture();
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(403, TOO_SOON));
        }
        assertThatThrownBy(() -> f.client.tokens().accessToken())
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("one issuance a minute");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(f.sleeper.total()).isLessThanOrEqualTo(f.settings.tokenIssueMaxWait());
    }

    @Test
    void respectsTheSpacingOfAnotherProcessesRecentAttempt() {
        KisFixture f = fixture();
        f.store.recordIssueAttempt(
                "real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS, START.minusSeconds(20));
        server.enqueue(tokenAnswer("issued-token-0001"));
        f.client.tokens().accessToken();
        assertThat(f.sleeper.sleeps).containsExactly(Duration.ofSeconds(41));
    }

    @Test
    void invalidAppSecretFailsAtOnceWithTheCode() {
        KisFixture f = fixture();
        server.enqueue(json(403, "{\"error_description\":\"유효하지 않은 AppSecret입니다.\",\"error_code\":\"EGW00105\"}"));
        assertThatThrownBy(() -> f.client.tokens().accessToken())
                .isInstanceOf(TokenUnavailableException.class)
                .satisfies(
                        e -> assertThat(((TokenUnavailableException) e).code()).isEqualTo("EGW00105"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void invalidateOnlyDropsTheTokenItWasGiven() {
        KisFixture f = fixture().withToken("current-token");
        f.client.tokens().invalidateAccess(Secret.of("some-older-token"));
        assertThat(f.store.load("real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS))
                .isPresent();
        f.client.tokens().invalidateAccess(Secret.of("current-token"));
        assertThat(f.store.load("real", f.settings.appKeyFingerprint(), CachedToken.Kind.ACCESS))
                .isEmpty();
    }

    @Test
    void approvalKeyIsIssuedWithSecretkeyAndCached() throws Exception {
        KisFixture f = fixture();
        server.enqueue(json("{\"approval_key\":\"a1b2c3d4-0000-1111-2222-333344445555\"}"));

        assertThat(f.client.tokens().approvalKey().reveal()).isEqualTo("a1b2c3d4-0000-1111-2222-333344445555");
        assertThat(f.client.tokens().approvalKeySupplier().get().reveal())
                .isEqualTo("a1b2c3d4-0000-1111-2222-333344445555");

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/oauth2/Approval");
        assertThat(r.getBody().utf8())
                .isEqualTo("{\"grant_type\":\"client_credentials\",\"appkey\":\"" + APP_KEY + "\",\"secretkey\":\""
                        + APP_SECRET + "\"}");
        assertThat(server.getRequestCount()).isEqualTo(1);
        // the raw exchange handed to the audit sink never holds the key or the credentials
        assertThat(f.raws).singleElement().satisfies(x -> {
            assertThat(x.responseBody()).isEqualTo("{\"approval_key\":\"****\"}");
            assertThat(x.requestBody()).doesNotContain(APP_KEY).doesNotContain(APP_SECRET);
        });
    }

    @Test
    void tokenEndpointHtml5xxIsRetriedAfterAShortBackoffNotTheMinute() {
        KisFixture f = fixture();
        server.enqueue(new MockResponse.Builder().code(502).body(HTML_502).build());
        server.enqueue(tokenAnswer("issued-token-0001"));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-token-0001");
        assertThat(f.sleeper.sleeps).singleElement().satisfies(d -> assertThat(d)
                .isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400)));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /** A chaos day lost 61 s of REST (orders included) to one injected 500 on tokenP: no minute's wait. */
    @Test
    void aServerErrorAnswerIsRetriedAfterAShortBackoff() {
        KisFixture f = fixture();
        server.enqueue(json(500, SERVER_ERROR));
        server.enqueue(tokenAnswer("issued-token-0001"));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-token-0001");
        assertThat(f.sleeper.total()).isLessThan(Duration.ofSeconds(3));
        assertThat(f.metrics.count("tokenIssueRefused", "access", "EGW00002")).isEqualTo(1);
    }

    /**
     * If the failed attempt did issue a token, KIS answers the quick retry EGW00133: from then on the
     * minute's spacing holds (counted from the retry), and no third request goes out before it.
     */
    @Test
    void aServerErrorThenEgw00133WaitsTheMinuteFromTheRetry() {
        KisFixture f = fixture();
        server.enqueue(json(500, SERVER_ERROR));
        server.enqueue(json(403, TOO_SOON));
        server.enqueue(tokenAnswer("issued-after-the-minute"));
        assertThat(f.client.tokens().accessToken().reveal()).isEqualTo("issued-after-the-minute");
        assertThat(f.sleeper.sleeps).hasSize(2);
        assertThat(f.sleeper.sleeps.get(1)).isEqualTo(Duration.ofSeconds(61));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void repeatedServerErrorsGiveUpAfterTheScheduleWithTheCode() {
        KisFixture f = fixture();
        for (int i = 0; i < 6; i++) {
            server.enqueue(json(500, SERVER_ERROR));
        }
        assertThatThrownBy(() -> f.client.tokens().accessToken())
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("after 4 attempts")
                .satisfies(
                        e -> assertThat(((TokenUnavailableException) e).code()).isEqualTo("EGW00002"));
        // the server-error schedule: 3 retries after the first attempt, never beyond the issue wait
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(f.sleeper.total()).isLessThanOrEqualTo(f.settings.tokenIssueMaxWait());
    }

    @Test
    void aRefusedApprovalKeyIsReplacedOnTheNextRequest() {
        KisFixture f = fixture();
        server.enqueue(json("{\"approval_key\":\"approval-key-one-000000000000000000\"}"));
        server.enqueue(json("{\"approval_key\":\"approval-key-two-000000000000000000\"}"));
        Secret first = f.client.tokens().approvalKey();
        f.client.tokens().invalidateApproval(first);
        f.clock.advance(Duration.ofSeconds(61));
        assertThat(f.client.tokens().approvalKey().reveal()).isEqualTo("approval-key-two-000000000000000000");
        assertThat(f.metrics.count("tokenInvalidated", "approval")).isEqualTo(1);
        assertThat(f.metrics.count("tokenIssued", "approval")).isEqualTo(2);
    }
}
