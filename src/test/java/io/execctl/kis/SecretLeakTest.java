package io.execctl.kis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every error path with DEBUG logging captured and checks that no app key, app secret, token,
 * approval key or account number appears in a log line, an exception message, an outcome, a metric
 * label or the scrubbed raw bodies.
 */
class SecretLeakTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger kisLogger = (Logger) LoggerFactory.getLogger("io.execctl.kis");
    private Level previous;

    static final String FRESH = "fresh-secret-token-value-XYZ987";
    static final String APPROVAL = "approval-secret-key-value-ABC123";

    @BeforeEach
    void capture() {
        previous = kisLogger.getLevel();
        kisLogger.setLevel(Level.DEBUG);
        appender.start();
        kisLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        kisLogger.detachAppender(appender);
        kisLogger.setLevel(previous);
    }

    @Test
    void noSecretAnywhere() throws Exception {
        KisFixture f = new KisFixture(server.url("/").toString(), KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        List<String> texts = new ArrayList<>();

        // token expiry → renewal (a KIS answer that echoes the credentials back, as a broken gateway might)
        server.enqueue(json(
                500,
                "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"expired " + TOKEN + " for " + APP_KEY + "\"}"));
        server.enqueue(tokenAnswer(FRESH));
        server.enqueue(json(ORDER_OK));
        texts.add(f.client
                .placeCashOrder(OrderRequest.market("005930", Side.BUY, 1))
                .toString());
        // rejection echoing the secret and the bearer token
        server.enqueue(json("{\"rt_cd\":\"1\",\"msg_cd\":\"APBK9999\",\"msg1\":\"bad " + APP_SECRET + " / " + FRESH
                + " 50000001\"}"));
        texts.add(f.client
                .placeCashOrder(OrderRequest.market("005930", Side.SELL, 1))
                .toString());
        // HTML 5xx, timeout, reset
        server.enqueue(new MockResponse.Builder().code(502).body(HTML_502).build());
        texts.add(f.client.cancel(OrderAddress.of("06590", "1")).toString());
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        texts.add(f.client
                .placeCashOrder(OrderRequest.market("005930", Side.BUY, 1))
                .toString());
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        texts.add(f.client
                .placeCashOrder(OrderRequest.market("005930", Side.BUY, 1))
                .toString());
        // inquiries: storm, truncated
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(500, RATE_LIMITED));
        }
        texts.add(f.client.balance().toString());
        server.enqueue(json("{\"output1\":[{\"pdno\""));
        texts.add(f.client
                .dailyOrders(DailyOrderQuery.range(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)))
                .toString());
        // approval key and a refused token issuance
        server.enqueue(json("{\"approval_key\":\"" + APPROVAL + "\"}"));
        f.client.tokens().approvalKey();
        f.client.tokens().invalidateAccess(Secret.of(FRESH));
        server.enqueue(json(403, "{\"error_code\":\"EGW00105\",\"error_description\":\"invalid " + APP_SECRET + "\"}"));
        try {
            f.client.tokens().accessToken();
        } catch (RuntimeException e) {
            texts.add(e.getMessage());
            texts.add(e.toString());
        }
        // connection refused
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KisFixture refused = new KisFixture(
                        "http://127.0.0.1:" + port, KisEnv.REAL, dir, TrIdSet.NEW, KisFixture.fast())
                .withToken();
        texts.add(refused.client
                .placeCashOrder(OrderRequest.market("005930", Side.BUY, 1))
                .toString());

        for (ILoggingEvent e : appender.list) {
            texts.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        }
        texts.add(f.metrics.snapshot().toString());
        texts.add(f.settings.toString());
        for (RawExchange r : f.raws) {
            if (r.responseBody() != null) {
                // raw bodies go to the audit table verbatim except credentials
                assertThat(r.responseBody())
                        .doesNotContain(APP_KEY)
                        .doesNotContain(APP_SECRET)
                        .doesNotContain(TOKEN)
                        .doesNotContain(FRESH)
                        .doesNotContain(APPROVAL);
            }
            texts.add(r.toString());
            if (r.requestBody() != null) {
                // request bodies go to the audit table: credentials scrubbed (the account is the audit's business)
                assertThat(r.requestBody())
                        .doesNotContain(APP_KEY)
                        .doesNotContain(APP_SECRET)
                        .doesNotContain(TOKEN)
                        .doesNotContain(FRESH);
            }
        }

        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).anyMatch(e -> e.getLevel() == Level.DEBUG);
        for (String t : texts) {
            if (t == null) {
                continue;
            }
            assertThat(t)
                    .doesNotContain(APP_KEY)
                    .doesNotContain(APP_SECRET)
                    .doesNotContain(TOKEN)
                    .doesNotContain(FRESH)
                    .doesNotContain(APPROVAL)
                    .doesNotContain("50000001");
        }
        // the echoed secrets really were there to be scrubbed
        assertThat(f.raws)
                .anyMatch(r -> r.responseBody() != null && r.responseBody().contains("expired **** for ****"));
    }
}
