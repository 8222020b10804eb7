package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.kis.KisMetrics;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import io.execctl.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two execctl processes of one app key (this JVM and a second one, as on two hosts: each with its own
 * temporary directory) against a simulator that enforces KIS's 20 calls/s: with the budget in the
 * database, KIS never answers {@code EGW00201}. The control case gives each process its own budget
 * files (what a per-host temporary directory amounts to) and shows the same load does get refused.
 */
class SharedRateBudgetTwoProcessTest {
    /** Per process, from {@link #THREADS} threads, so each process alone can use its whole 18/s. */
    static final int CALLS = 80;

    static final int THREADS = 4;

    private TestDatabase db;
    private Simulator sim;
    private Jdbi jdbi;
    private Process child;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults().withEnv(KisEnv.REAL).withSpeed(0)); // 20/s, strict
        assertThat(sim.options().effectiveRateLimit()).isEqualTo(20.0);
    }

    @AfterEach
    void tearDown() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Map<String, String> env(String host) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KIS_ENV", "real");
        env.put("KIS_REST_URL", sim.restUrl());
        env.put("KIS_WS_URL", sim.wsUrl());
        env.put("KIS_APP_KEY", SimOptions.DEMO_APP_KEY);
        env.put("KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET);
        env.put("KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT);
        env.put("EXECCTL_DATA_DIR", tmp.resolve(host).toString());
        return env;
    }

    private long run(Map<String, String> parentEnv, Map<String, String> childEnv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp.resolve("host-b-tmp"),
                "-Duser.timezone=America/New_York",
                "-cp",
                System.getProperty("java.class.path"),
                RateBudgetChild.class.getName(),
                db.url(),
                db.user(),
                db.password() == null ? "" : db.password(),
                Integer.toString(CALLS)));
        childEnv.forEach((k, v) -> cmd.add(k + "=" + v));
        tmp.resolve("host-b-tmp").toFile().mkdirs();
        child = new ProcessBuilder(cmd)
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Config config = Config.fromEnvironment(parentEnv).require(Need.KIS);
        try (KisRuntime kis = KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, KisMetrics.NOOP)) {
            kis.client().tokens().accessToken();
            assertThat(out.readLine()).as("child: " + errors()).isEqualTo("ready");
            try (Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                w.write("go\n");
            }
            callsInParallel(kis, CALLS);
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out.readLine()).as("child: " + errors()).isEqualTo("done");
        long calls = jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM trade.broker_messages WHERE endpoint LIKE '%inquire-balance'")
                        .mapTo(Long.class)
                        .one());
        assertThat(calls).as("every call of both processes is in the audit").isGreaterThanOrEqualTo(2L * CALLS);
        return jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM trade.broker_messages WHERE payload LIKE '%EGW00201%'")
                        .mapTo(Long.class)
                        .one());
    }

    /** {@code n} balance inquiries from {@link #THREADS} threads. */
    static void callsInParallel(KisRuntime kis, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> kis.client().balance()));
            }
            for (Future<?> f : calls) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String errors() {
        try {
            return String.join("\n", Files.readAllLines(tmp.resolve("child.err")));
        } catch (Exception e) {
            return "(no stderr)";
        }
    }

    @Test
    void twoProcessesOfOneAppKeyNeverExceedKisLimit() throws Exception {
        long refused = run(env("host-a"), env("host-b"));
        assertThat(refused).as("EGW00201 answers").isZero();
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade.kis_rate_budget")
                .mapTo(Long.class)
                .one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void controlPerHostBudgetsDoGetRefused() throws Exception {
        Map<String, String> a = env("host-a");
        a.put("KIS_RATE_STATE_DIR", tmp.resolve("a-rate").toString());
        Map<String, String> b = env("host-b");
        b.put("KIS_RATE_STATE_DIR", tmp.resolve("b-rate").toString());
        assertThat(new File(a.get("KIS_RATE_STATE_DIR"))).doesNotExist();
        long refused = run(a, b);
        assertThat(refused).as("EGW00201 answers with a budget per host").isPositive();
    }
}
