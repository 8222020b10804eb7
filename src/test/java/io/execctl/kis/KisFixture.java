package io.execctl.kis;

import io.execctl.config.KisSettings;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.kis.port.CachedToken;
import io.execctl.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A client wired to a MockWebServer with test doubles for time, tokens and the raw sink. */
final class KisFixture {
    static final String APP_KEY = "APPKEY-TEST-1234567890abcdefghijklmn";
    static final String APP_SECRET = "APPSECRET-TEST-" + "s".repeat(165);
    static final String ACCOUNT = "50000001-01";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.cached-token-value";
    /** 2026-11-24 10:00 KST. */
    static final Instant START = Instant.parse("2026-11-24T01:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final InMemoryKisMetrics metrics = new InMemoryKisMetrics();
    final List<RawExchange> raws = new CopyOnWriteArrayList<>();
    final KisSettings settings;
    final KisClient client;

    KisFixture(MockWebServer server, KisEnv env, Path stateDir) {
        this(server.url("/").toString(), env, stateDir, TrIdSet.NEW, Timeouts.DEFAULT);
    }

    KisFixture(String restUrl, KisEnv env, Path stateDir, TrIdSet set, Timeouts timeouts) {
        settings = KisSettings.builder(env)
                .restUrl(restUrl)
                .wsUrl("ws://127.0.0.1:1")
                .appKey(Secret.of(APP_KEY))
                .appSecret(Secret.of(APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId("demo")
                .trIdSet(set)
                .timeouts(timeouts)
                .ratePerSecond(1000)
                .rateStateDir(stateDir)
                .maxPages(10)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(store)
                .metrics(metrics)
                .rawSink(raws::add)
                .clock(clock)
                .sleeper(sleeper)
                .random(new SplittableRandom(42))
                .rateBudget(RateBudget.UNLIMITED)
                .build();
    }

    static Timeouts fast() {
        return new Timeouts(
                Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    /** Puts a valid access token into the shared store, as if another process had issued it. */
    KisFixture withToken(String value) {
        store.save(new CachedToken(
                settings.env().key(),
                settings.appKeyFingerprint(),
                CachedToken.Kind.ACCESS,
                value,
                clock.instant(),
                clock.instant().plus(Duration.ofHours(20))));
        return this;
    }

    KisFixture withToken() {
        return withToken(TOKEN);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("content-type", "application/json; charset=utf-8")
                .addHeader("gt_uid", "GTUID0001")
                .body(body)
                .build();
    }

    static MockResponse json(String body) {
        return json(200, body);
    }

    static MockResponse page(String trCont, String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json; charset=utf-8")
                .addHeader("tr_cont", trCont)
                .body(body)
                .build();
    }

    static MockResponse tokenAnswer(String token) {
        return json("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":86400,"
                + "\"access_token_token_expired\":\"2026-11-25 10:00:00\"}");
    }

    static final String ORDER_OK = "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"주문 전송 완료 되었습니다.\","
            + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06590\",\"ODNO\":\"0000006555\",\"ORD_TMD\":\"151059\"}}";
    static final String RATE_LIMITED = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}";
    static final String EXPIRED = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}";
    static final String INVALID = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00121\",\"msg1\":\"유효하지 않은 token 입니다.\"}";
    static final String TOO_SOON =
            "{\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\",\"error_code\":\"EGW00133\"}";
    static final String HTML_502 =
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
}
