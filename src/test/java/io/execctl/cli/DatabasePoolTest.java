package io.execctl.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.Config;
import io.execctl.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A command's database: store calls share a bounded pool; LISTEN and session locks get their own connections. */
class DatabasePoolTest {
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Config config(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "/nonexistent-home");
        env.put("EXECCTL_DB_URL", db.url());
        env.put("EXECCTL_DB_USER", db.user());
        if (db.password() != null) {
            env.put("EXECCTL_DB_PASSWORD", db.password());
        }
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return Config.fromEnvironment(env);
    }

    private static int pid(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    @Test
    void storeCallsReuseConnectionsOfABoundedPool() throws SQLException {
        try (Database d = Database.open(config("EXECCTL_DB_POOL_SIZE", "2", "EXECCTL_DB_POOL_TIMEOUT_MS", "300"))) {
            DataSource pool = d.dataSource();
            assertThat(pool).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) pool).getMaximumPoolSize()).isEqualTo(2);
            int first;
            try (Connection c = pool.getConnection()) {
                first = pid(c);
            }
            try (Connection c = pool.getConnection()) {
                assertThat(pid(c)).as("the same server session again").isEqualTo(first);
            }
            try (Connection a = pool.getConnection();
                    Connection b = pool.getConnection()) {
                assertThat(pid(a)).isNotEqualTo(pid(b));
                assertThatThrownBy(pool::getConnection)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("timed out");
            }
        }
    }

    @Test
    void directConnectionsAreNeverShared() throws SQLException {
        try (Database d = Database.open(config())) {
            int first;
            try (Connection c = d.directDataSource().getConnection()) {
                first = pid(c);
            }
            try (Connection c = d.directDataSource().getConnection()) {
                assertThat(pid(c)).isNotEqualTo(first);
            }
            assertThat(d.directDataSource()).isNotInstanceOf(HikariDataSource.class);
        }
    }

    @Test
    void closingTheDatabaseClosesThePool() {
        Database d = Database.open(config());
        HikariDataSource pool = (HikariDataSource) d.dataSource();
        d.close();
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void lockSessionsUseTheConfiguredTimeout() {
        try (Database d = Database.open(config("EXECCTL_DB_LOCK_SESSION_TIMEOUT_S", "20"))) {
            assertThat(d.lockOptions().idleSessionTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(d.lockOptions().heartbeatEvery()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void configShowsThePoolSettings() {
        CliTest.Result r = CliTest.run(Map.of("HOME", "/nonexistent-home", "EXECCTL_DB_POOL_SIZE", "3"), "config");
        assertThat(r.out())
                .containsPattern("EXECCTL_DB_POOL_SIZE +env +3")
                .containsPattern("EXECCTL_DB_POOL_TIMEOUT_MS +default +5000")
                .containsPattern("EXECCTL_DB_POOL_MAX_LIFETIME_S +default +1800")
                .containsPattern("EXECCTL_DB_LOCK_SESSION_TIMEOUT_S +default +10");
        assertThat(CliTest.run(Map.of("HOME", "/h", "EXECCTL_DB_POOL_SIZE", "0"), "config")
                        .code())
                .isEqualTo(ExitCodes.USAGE);
    }
}
