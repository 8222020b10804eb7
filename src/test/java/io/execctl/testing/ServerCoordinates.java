package io.execctl.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the test PostgreSQL server is, resolved once per JVM. */
record ServerCoordinates(String url, String user, String password) {
    private static volatile ServerCoordinates resolved;
    private static EmbeddedPostgres embedded;

    static synchronized ServerCoordinates resolve() {
        if (resolved != null) {
            return resolved;
        }
        String url = env("EXECCTL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("EXECCTL_TEST_DB_USER", System.getProperty("user.name"));
        String password = env("EXECCTL_TEST_DB_PASSWORD", null);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(2);
            resolved = new ServerCoordinates(url, user, password);
            return resolved;
        } catch (SQLException e) {
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            boolean allowEmbedded = "true".equalsIgnoreCase(System.getenv("EXECCTL_TEST_EMBEDDED"));
            if (ci || !allowEmbedded) {
                throw new IllegalStateException(
                        "test PostgreSQL unreachable at " + url + " as " + user
                                + " (" + e.getMessage() + "); database tests never skip. Start PostgreSQL, set "
                                + "EXECCTL_TEST_DB_URL/USER/PASSWORD, or set EXECCTL_TEST_EMBEDDED=true outside CI",
                        e);
            }
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // shutting down anyway
                }
            }));
            resolved = new ServerCoordinates(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
            return resolved;
        } catch (IOException ex) {
            throw new IllegalStateException("cannot start embedded PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    private static String env(String key, String def) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? def : v;
    }
}
