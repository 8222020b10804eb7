package io.execctl.testing;

import io.execctl.store.Db;
import io.execctl.store.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Owns a test database: creates it ({@link TestDatabase}), migrates it, hands out a {@link Jdbi} and
 * drops it at the end; and fails a test that leaves a handle or connection open.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DatabaseExtension DB = DatabaseExtension.migrated();   // one database per test class
 * ... DB.jdbi() ...
 * }</pre>
 *
 * Registered on a {@code static} field the database lives for the test class; on an instance field,
 * for each test method. After every test two checks run: every connection handed out by
 * {@link #dataSource()} / {@link #jdbi()} must be closed (exact, see {@link TrackingDataSource}),
 * and the server must show no more sessions on this database than before the test (catches
 * connections opened around the extension, e.g. {@link TestDatabase#connect()}; waits up to
 * {@link #SESSION_GRACE} for the server to see a closed socket). Connections opened in
 * {@code @BeforeAll} (a listener kept for the class) are part of the baseline and never counted.
 * A leak fails the test that leaked, with the stack of where each leaked connection was opened;
 * the extension then closes what it tracked so the next test starts clean.
 */
public final class DatabaseExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** How long the session count may take to come down after a client closed its socket. */
    static final Duration SESSION_GRACE = Duration.ofSeconds(5);

    private final boolean migrate;
    private final boolean contractTables;
    private TestDatabase database;
    private TrackingDataSource dataSource;
    private Jdbi jdbi;
    private boolean perMethod;
    private int baselineSessions;

    private DatabaseExtension(boolean migrate, boolean contractTables) {
        this.migrate = migrate;
        this.contractTables = contractTables;
    }

    /** A database with the {@code trade} schema and the strategy-owned contract tables. */
    public static DatabaseExtension migrated() {
        return new DatabaseExtension(true, true);
    }

    /** A database with the {@code trade} schema only (as an install without contract tables). */
    public static DatabaseExtension tradeSchemaOnly() {
        return new DatabaseExtension(true, false);
    }

    /** An empty database (migration tests run Flyway themselves). */
    public static DatabaseExtension empty() {
        return new DatabaseExtension(false, false);
    }

    /** The Jdbi of the test database ({@link Db#create}: the same configuration as production). */
    public Jdbi jdbi() {
        return started(jdbi);
    }

    /** The leak-tracked data source of the test database. */
    public DataSource dataSource() {
        return started(dataSource);
    }

    /** The underlying database (URL, name, untracked connections for role tests). */
    public TestDatabase database() {
        return started(database);
    }

    private <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("the test database exists only while a test (class) runs");
        }
        return value;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (database == null) {
            perMethod = true;
            start();
        }
        baselineSessions = sessions();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            checkNoLeaks();
        } finally {
            if (perMethod) {
                stop();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perMethod) {
            stop();
        }
    }

    private void start() {
        database = TestDatabase.create();
        PGSimpleDataSource raw = database.dataSource();
        if (migrate) {
            Migrations.migrate(raw, contractTables);
        }
        // Db.create sets this on a pgjdbc source; the tracking wrapper hides it, so set it here.
        raw.setLogServerErrorDetail(false);
        dataSource = new TrackingDataSource(raw);
        jdbi = Db.create(dataSource);
    }

    private void stop() {
        try {
            dataSource.closeAll();
            database.close();
        } finally {
            database = null;
            dataSource = null;
            jdbi = null;
        }
    }

    /**
     * Fails (AssertionError) when the test left connections open; public so that a test can also
     * check in the middle of its work.
     */
    public void checkNoLeaks() {
        int tracked = dataSource.openCount();
        if (tracked > 0) {
            List<Throwable> where = dataSource.openedAt();
            dataSource.closeAll();
            AssertionError e = new AssertionError(tracked + " connection(s) of test database " + database.name()
                    + " left open (a Jdbi handle not closed: use withHandle/useHandle or try-with-resources)");
            where.forEach(e::addSuppressed);
            throw e;
        }
        try {
            Awaitility.await()
                    .atMost(SESSION_GRACE)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> sessions() <= baselineSessions);
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError((sessions() - baselineSessions) + " session(s) on test database "
                    + database.name() + " opened by the test and still open after " + SESSION_GRACE.toSeconds()
                    + " s (a connection obtained outside the extension's Jdbi/DataSource was not closed)");
        }
    }

    /** Client sessions connected to the test database, seen from the server's maintenance database. */
    int sessions() {
        try (Connection c = DriverManager.getConnection(database.adminUrl(), database.user(), database.password());
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            st.setString(1, database.name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count sessions of " + database.name() + ": " + e.getMessage(), e);
        }
    }
}
