package io.execctl.kis;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.KisSettings;
import io.execctl.config.PoolSettings;
import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.store.ConnectionPool;
import io.execctl.store.Db;
import io.execctl.store.PgTokenStore;
import io.execctl.testing.DatabaseExtension;
import io.execctl.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisFixture.ACCOUNT;
import static io.execctl.kis.KisFixture.APP_KEY;
import static io.execctl.kis.KisFixture.APP_SECRET;
import static io.execctl.kis.KisFixture.tokenAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads of one process needing a token while it is being issued must not empty the
 * connection pool: the issue lock's holder keeps a connection for the whole issuance (up to a
 * minute when KIS's spacing applies), so the others have to wait for it without a connection each.
 * Seen in a chaos day: after an early token expiry the daemon's pool of 8 was held by threads queued
 * on the issue lock for two minutes, and fills, notices and orders failed with "Connection is not
 * available".
 */
class TokenIssuePoolTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void threadsWaitingForAnIssuanceHoldNoPoolConnection() throws Exception {
        // a slow issuance, as one that waits for KIS's one-a-minute spacing
        MockResponse slow = tokenAnswer("issued-token-0001")
                .newBuilder()
                .headersDelay(1500, TimeUnit.MILLISECONDS)
                .build();
        server.enqueue(slow);
        server.enqueue(tokenAnswer("issued-token-0002"));
        PoolSettings small = new PoolSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofSeconds(10));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HikariDataSource ds = ConnectionPool.open(DB.dataSource(), small, "token-test")) {
            TokenManager tokens = client(new PgTokenStore(Db.create(ds))).tokens();
            List<Future<Secret>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Secret> ask = tokens::accessToken;
                got.add(pool.submit(ask));
            }
            for (Future<Secret> f : got) {
                assertThat(f.get(30, TimeUnit.SECONDS).reveal()).isEqualTo("issued-token-0001");
            }
            assertThat(server.getRequestCount()).isEqualTo(1);
            // and the pool is whole afterwards
            assertThat(ds.getHikariPoolMXBean().getActiveConnections()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private KisClient client(PgTokenStore store) {
        KisSettings settings = KisSettings.builder(KisEnv.REAL)
                .restUrl(server.url("/").toString())
                .wsUrl("ws://127.0.0.1:1")
                .appKey(Secret.of(APP_KEY))
                .appSecret(Secret.of(APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId("demo")
                .ratePerSecond(1000)
                .rateStateDir(dir)
                .maxPages(10)
                .build();
        return KisClient.builder(settings)
                .tokenStore(store)
                .metrics(new InMemoryKisMetrics())
                .clock(new MutableClock(KisFixture.START)) // the answer's stated expiry is a day after START
                .random(new SplittableRandom(42))
                .rateBudget(RateBudget.UNLIMITED)
                .build();
    }
}
