package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.RawExchange;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.AuditWriter;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The audit never touches the trading path: a REST call neither waits for a blocked audit table nor
 * joins, aborts or is rolled back with the caller's transaction.
 */
class AuditIsolationTest {
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static Simulator sim;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(
                SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0).withRateLimit(0.0));
    }

    @AfterAll
    static void tearDown() {
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.broker_messages"));
    }

    private KisRuntime open() {
        Config config = Config.fromEnvironment(Map.of(
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
                        "EXECCTL_DATA_DIR",
                        dataDir.toString()))
                .require(Need.KIS);
        return KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, KisMetrics.NOOP);
    }

    private long restRows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.broker_messages WHERE channel = 'REST'")
                .mapTo(Long.class)
                .one());
    }

    @Test
    void wsFramesReachTheAuditWithoutTheAcksKeyAndIv() throws Exception {
        try (KisRuntime kis = open()) {
            RecordingNotices engine = new RecordingNotices();
            NoticeStreamSettings settings = NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID);
            try (NoticeStream stream = NoticeStream.builder(
                            settings,
                            () -> kis.client().tokens().approvalKey(),
                            k -> {},
                            new WsAudit(kis.audit(), engine))
                    .build()) {
                stream.start();
                await().atMost(Duration.ofSeconds(30)).until(stream::isSubscribed);
            }
            assertThat(kis.audit().flush(Duration.ofSeconds(30))).isTrue();
            assertThat(engine.raw).isNotEmpty();
        }
        List<String> ws = jdbi.withHandle(
                h -> h.createQuery("SELECT payload FROM trade.broker_messages WHERE channel = 'WS' ORDER BY id")
                        .mapTo(String.class)
                        .list());
        assertThat(ws).anySatisfy(p -> assertThat(p)
                .contains("OPSP0000")
                .contains("\"key\":\"****\"")
                .contains("\"iv\":\"****\""));
        assertThat(String.join("\n", ws)).doesNotContainPattern("\"key\"\\s*:\\s*\"[^*]");
    }

    /** The engine's side: it still gets every callback. */
    private static final class RecordingNotices implements NoticeListener {
        final List<String> raw = new CopyOnWriteArrayList<>();

        @Override
        public void onRawFrame(String rawFrame, Instant receivedAt) {
            raw.add(rawFrame);
        }

        @Override
        public void onNotice(ExecutionNoticeEvent notice) {}
    }

    @Test
    void aRestCallDoesNotWaitForALockedAuditTable() throws Exception {
        try (KisRuntime kis = open()) {
            kis.client().tokens().accessToken();
            try (Connection locker = db.connect()) {
                locker.setAutoCommit(false);
                locker.createStatement().execute("LOCK TABLE trade.broker_messages IN ACCESS EXCLUSIVE MODE");
                // A synchronous audit insert would wait here until the lock is gone.
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    assertThat(kis.client().balance().complete()).isTrue();
                });
                locker.rollback();
            }
            assertThat(kis.audit().flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(restRows()).as("written once the lock was gone").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theAuditRowSurvivesTheRollbackOfTheCallersTransaction() {
        try (KisRuntime kis = open()) {
            jdbi.useTransaction(engineTx -> {
                engineTx.execute("SELECT 1");
                assertThat(kis.client().balance().complete()).isTrue();
                engineTx.rollback();
            });
        }
        assertThat(restRows())
                .as("the audit is not part of the engine's transaction")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAuditRowTheDatabaseRefusesNeitherFailsNorAbortsTheCallersTransaction() {
        AuditWriter writer = AuditWriter.start(jdbi, 100);
        RestAudit audit = new RestAudit(writer);
        RawExchange bad = new RawExchange(
                "inquire_balance",
                "GET /uapi/domestic-stock/v1/trading/inquire-balance",
                "TTTC8434R",
                200,
                "",
                "{\"rt_cd\":\"0\",\"msg1\":\"nul \u0000 here\"}",
                "",
                "success",
                Instant.now(),
                Instant.now());
        int after = jdbi.inTransaction(engineTx -> {
            audit.accept(bad); // on today's synchronous audit this insert aborted the engine's transaction
            return engineTx.createQuery("SELECT 41 + 1").mapTo(Integer.class).one();
        });
        assertThat(after).isEqualTo(42);
        writer.close();
        assertThat(writer.failed()).isEqualTo(1);
    }
}
