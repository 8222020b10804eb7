package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTest {
    RestFixture fx;
    RawKis kis;

    @BeforeEach
    void start() {
        fx = new RestFixture(false, 0);
        kis = fx.client();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void tokenHasKisFieldsAndKstExpiry() {
        RawKis.Resp r = kis.tokenP();
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(j.get("expires_in").isNumber()).isTrue();
        assertThat(j.get("expires_in").asLong()).isEqualTo(86400);
        assertThat(j.get("access_token").asText()).hasSizeGreaterThan(100);
        // clock at 2026-11-24T00:00Z = 09:00 KST; expiry 24 h later in KST
        assertThat(j.get("access_token_token_expired").asText()).isEqualTo("2026-11-25 09:00:00");
        LocalDateTime.parse(
                j.get("access_token_token_expired").asText(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    @Test
    void sameTokenWithinSixHoursIsNotAnIssuance() {
        String first = kis.tokenP().json().get("access_token").asText();
        fx.clock.advance(Duration.ofSeconds(61));
        RawKis.Resp again = kis.tokenP();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("access_token").asText()).isEqualTo(first);
        assertThat(again.json().get("expires_in").asLong()).isEqualTo(86400 - 61);
        fx.clock.advance(Duration.ofHours(5).plusMinutes(58));
        JsonNode cached = kis.tokenP().json();
        assertThat(cached.get("access_token").asText()).isEqualTo(first);
        assertThat(cached.get("expires_in").asLong())
                .as("what is left of the day")
                .isEqualTo(86400 - (5 * 3600 + 59 * 60 + 1));
        assertThat(cached.get("access_token_token_expired").asText()).isEqualTo("2026-11-25 09:00:00");
        fx.clock.advance(Duration.ofMinutes(2));
        RawKis.Resp fresh = kis.tokenP();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().get("access_token").asText()).isNotEqualTo(first);
    }

    @Test
    void secondIssuanceWithinAMinuteIsRefusedWithEgw00133() {
        kis.login();
        RawKis.Resp revoke = kis.postJson(
                "/oauth2/revokeP",
                "{\"appkey\":\"" + RawKis.KEY + "\",\"appsecret\":\"" + RawKis.SECRET + "\",\"token\":\"" + kis.token
                        + "\"}");
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().get("code").isNumber()).isTrue();
        assertThat(revoke.json().get("code").asInt()).isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(59));
        RawKis.Resp refused = kis.tokenP();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error_code").asText()).isEqualTo("EGW00133");
        assertThat(refused.json().get("error_description").asText()).contains("1분당 1회");
        assertThat(refused.json().has("rt_cd")).isFalse();
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(kis.tokenP().status()).isEqualTo(200);
    }

    @Test
    void revokedTokenIsRefusedAtTheGateway() {
        kis.login();
        kis.postJson(
                "/oauth2/revokeP",
                "{\"appkey\":\"" + RawKis.KEY + "\",\"appsecret\":\"" + RawKis.SECRET + "\",\"token\":\"" + kis.token
                        + "\"}");
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("EGW00123");
    }

    @Test
    void controlExpiryKillsTheLiveTokenAndTheReissueKeepsTheMinuteRule() {
        kis.login();
        String before = kis.token;
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .status())
                .isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(30));
        RawKis.Resp expired = kis.control("POST", "/sim/tokens/expire", "");
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().get("expired").asInt()).isEqualTo(1);
        RawKis.Resp refused = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.msgCd()).isEqualTo("EGW00123");
        // issued 30 s ago: the re-issue waits for the rest of the minute
        assertThat(kis.tokenP().status()).isEqualTo(403);
        fx.clock.advance(Duration.ofSeconds(31));
        RawKis.Resp fresh = kis.tokenP();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().get("access_token").asText()).isNotEqualTo(before);
        // nothing live is left to expire twice
        assertThat(kis.control("POST", "/sim/tokens/expire", "")
                        .json()
                        .get("expired")
                        .asInt())
                .isEqualTo(1);
        assertThat(kis.control("POST", "/sim/tokens/expire", "")
                        .json()
                        .get("expired")
                        .asInt())
                .isEqualTo(0);
    }

    @Test
    void tokenExpiresAfter24HoursWithEgw00123() {
        kis.login();
        assertThat(kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams())
                        .status())
                .isEqualTo(200);
        fx.clock.advance(Duration.ofHours(24));
        RawKis.Resp r = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(r.msgCd()).isEqualTo("EGW00123");
        assertThat(r.json().get("msg1").asText()).isEqualTo("기간이 만료된 token 입니다.");
        // a new token is issued now (the old one is expired, the last issuance is a day old)
        RawKis.Resp fresh = kis.tokenP();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().get("access_token").asText()).isNotEqualTo(kis.token);
    }

    @Test
    void wrongKeyOrSecretIsRefusedInTheOAuthShape() {
        RawKis.Resp badKey = kis.postJson(
                "/oauth2/tokenP",
                "{\"grant_type\":\"client_credentials\",\"appkey\":\"nope\",\"appsecret\":\"" + RawKis.SECRET + "\"}");
        assertThat(badKey.status()).isEqualTo(403);
        assertThat(badKey.json().get("error_code").asText()).isEqualTo("EGW00103");
        RawKis.Resp badSecret = kis.postJson(
                "/oauth2/tokenP",
                "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"appsecret\":\""
                        + RawKis.SECRET + "\\n\"}");
        assertThat(badSecret.status()).isEqualTo(403);
        assertThat(badSecret.json().get("error_code").asText()).isEqualTo("EGW00105");
        assertThat(badSecret.body()).doesNotContain(RawKis.SECRET);
    }

    @Test
    void approvalTakesSecretkeyAndReturns36CharKey() {
        RawKis.Resp r = kis.postJson(
                "/oauth2/Approval",
                "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"secretkey\":\""
                        + RawKis.SECRET + "\"}");
        assertThat(r.status()).isEqualTo(200);
        String key = r.json().get("approval_key").asText();
        assertThat(key).hasSize(36);
        assertThat(fx.tokens.appKeyFor(key)).contains(RawKis.KEY);
        RawKis.Resp wrongField = kis.postJson(
                "/oauth2/Approval",
                "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"appsecret\":\""
                        + RawKis.SECRET + "\"}");
        assertThat(wrongField.status()).isEqualTo(403);
        assertThat(wrongField.json().get("error_code").asText())
                .as("secretkey absent")
                .isEqualTo("EGW00104");
    }

    @Test
    void hashkeyAnswersHashOfTheBody() {
        RawKis.Resp r = kis.send(HttpRequest.newBuilder(URI.create(kis.base + "/uapi/hashkey"))
                .header("content-type", "application/json")
                .header("appkey", RawKis.KEY)
                .header("appsecret", RawKis.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(RawKis.orderBody("005930", "00", 1, 72000))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("HASH").asText()).hasSize(64);
        assertThat(r.json().get("BODY").get("PDNO").asText()).isEqualTo("005930");
    }

    @Test
    void minuteRuleHoldsAcrossTwoClientsEvenWhileTheTokenIsValid() {
        RawKis processA = fx.client();
        RawKis processB = fx.client(); // another HttpClient: another process as far as the gateway can tell
        RawKis.Resp a = processA.tokenP();
        assertThat(a.status()).isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(30));
        RawKis.Resp b = processB.tokenP();
        assertThat(b.status()).isEqualTo(403);
        assertThat(b.json().get("error_code").asText()).isEqualTo("EGW00133");
        fx.clock.advance(Duration.ofSeconds(31));
        RawKis.Resp later = processB.tokenP();
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().get("access_token").asText())
                .as("the same token within 6 h")
                .isEqualTo(a.json().get("access_token").asText());
        assertThat(later.json().get("expires_in").asLong()).isEqualTo(86400 - 61);
        RawKis.Resp tooSoon = processA.tokenP();
        assertThat(tooSoon.status()).as("the re-issue also starts a minute").isEqualTo(403);
    }
}
