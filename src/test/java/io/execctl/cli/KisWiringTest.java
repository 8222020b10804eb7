package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import io.execctl.kis.KisClient;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.OrderOutcome;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same binary talks to the simulator by configuration alone: environment keys → Config →
 * client, with the token cached in the database and shared by a second "process".
 */
class KisWiringTest {
    private TestDatabase db;
    private Simulator sim;
    private Jdbi jdbi;

    @TempDir
    Path dataDir;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0));
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Config config() {
        return Config.fromEnvironment(Map.of(
                        "KIS_ENV",
                        "real",
                        "KIS_REST_URL",
                        sim.restUrl(),
                        "KIS_WS_URL",
                        sim.wsUrl(),
                        "KIS_APP_KEY",
                        SimOptions.DEMO_APP_KEY,
                        "KIS_APP_SECRET",
                        SimOptions.DEMO_APP_SECRET,
                        "KIS_ACCOUNT",
                        SimOptions.DEMO_ACCOUNT,
                        "KIS_HTS_ID",
                        SimOptions.DEMO_HTS_ID,
                        "EXECCTL_DATA_DIR",
                        dataDir.toString()))
                .require(Need.KIS, Need.KIS_NOTICES);
    }

    @Test
    void configurationAloneReachesTheSimulatorAndTheTokenIsShared() {
        KisSettings settings = KisWiring.settings(config());
        assertThat(settings.env()).isEqualTo(KisEnv.REAL);
        assertThat(settings.toString()).doesNotContain(SimOptions.DEMO_APP_KEY).doesNotContain("50000001");

        try (KisRuntime kis = KisWiring.open(settings, config().infra(), jdbi, KisMetrics.NOOP)) {
            KisClient first = kis.client();
            OrderOutcome out = first.placeCashOrder(OrderRequest.market("005930", Side.BUY, 3));
            assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
            var balance = first.balance();
            assertThat(balance.complete()).isTrue();
            assertThat(balance.holdings().rows()).anySatisfy(h -> {
                assertThat(h.symbol()).isEqualTo("005930");
                assertThat(h.hldgQty()).isEqualTo(3);
            });
        }
        String token = jdbi.withHandle(h -> h.createQuery("SELECT value FROM trade.kis_tokens WHERE kind = 'ACCESS'")
                .mapTo(String.class)
                .one());

        // A second process (a cron `sync`, say) reuses the stored token: no new issuance, which the
        // simulator would refuse with EGW00133 within the same minute.
        try (KisRuntime second =
                KisWiring.open(KisWiring.settings(config()), config().infra(), jdbi, KisMetrics.NOOP)) {
            assertThat(second.client().balance().complete()).isTrue();
        }
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.kis_tokens WHERE kind = 'ACCESS'")
                .mapTo(Integer.class)
                .one());
        String tokenAfter =
                jdbi.withHandle(h -> h.createQuery("SELECT value FROM trade.kis_tokens WHERE kind = 'ACCESS'")
                        .mapTo(String.class)
                        .one());
        long issuances = jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM trade.broker_messages WHERE endpoint LIKE '%/oauth2/tokenP'")
                        .mapTo(Long.class)
                        .one());
        assertThat(issuances).as("token issuances across both clients").isEqualTo(1);
        assertThat(rows).isEqualTo(1);
        assertThat(tokenAfter).isEqualTo(token);

        // Every REST answer is in the audit, and no credential is.
        var payloads = jdbi.withHandle(h -> h.createQuery(
                        "SELECT endpoint || ' ' || payload FROM trade.broker_messages WHERE channel = 'REST'")
                .mapTo(String.class)
                .list());
        assertThat(payloads).anyMatch(p -> p.contains("order-cash")).anyMatch(p -> p.contains("inquire-balance"));
        assertThat(String.join("\n", payloads))
                .doesNotContain(SimOptions.DEMO_APP_SECRET)
                .doesNotContain(token);
    }

    @Test
    void noticeSettingsFollowTheEnvironment() {
        var notice = KisWiring.noticeSettings(KisWiring.settings(config()));
        assertThat(notice.toString()).contains("H0STCNI0").doesNotContain(SimOptions.DEMO_HTS_ID + "]");
    }
}
