package io.execctl.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, uniquely named PostgreSQL database for one test class on a real server, dropped again by
 * {@link #close()}. Parallel builds (and parallel test classes) never see each other's rows.
 *
 * <p>The server comes from {@code EXECCTL_TEST_DB_URL} (+ {@code EXECCTL_TEST_DB_USER},
 * {@code EXECCTL_TEST_DB_PASSWORD}); default {@code jdbc:postgresql://127.0.0.1:5432/postgres} as the
 * OS user. The role needs CREATEDB (and CREATEROLE for the role tests). When the server cannot be
 * reached the test fails: under {@code CI=true} always, and locally too unless
 * {@code EXECCTL_TEST_EMBEDDED=true}, which starts an embedded PostgreSQL instead.
 */
public final class TestDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private final String url;

    private TestDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.url = replaceDatabase(adminUrl, name);
    }

    /** Creates a new empty database on the test server. */
    public static TestDatabase create() {
        ServerCoordinates server = ServerCoordinates.resolve();
        String name = "execctl_t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create test database on " + server.url() + " (set EXECCTL_TEST_DB_URL/USER/PASSWORD; CI="
                            + System.getenv("CI") + "): " + e.getMessage(),
                    e);
        }
        return new TestDatabase(server.url(), server.user(), server.password(), name);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /** The admin (maintenance database) URL of the same server. */
    public String adminUrl() {
        return adminUrl;
    }

    public PGSimpleDataSource dataSource() {
        return dataSource(user, password);
    }

    public PGSimpleDataSource dataSource(String asUser, String asPassword) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(asUser);
        if (asPassword != null) {
            ds.setPassword(asPassword);
        }
        return ds;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // Leaving a database behind is untidy, not a test failure.
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    static String replaceDatabase(String jdbcUrl, String db) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int q = jdbcUrl.indexOf('?', slash);
        String tail = q < 0 ? "" : jdbcUrl.substring(q);
        return jdbcUrl.substring(0, slash + 1) + db + tail;
    }
}
