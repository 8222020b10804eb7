package io.execctl.cli;

import io.execctl.cli.db.EmbeddedDatabase;
import io.execctl.config.Config;
import io.execctl.config.ConfigException;
import io.execctl.config.DbSettings;
import io.execctl.config.Setting;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a command works on: the server of {@code EXECCTL_DB_URL}, or the embedded PostgreSQL
 * when that is unset. Opening checks that it answers, so an unreachable database is one clear line
 * (exit 1) before any work starts.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final String description;
    private final EmbeddedDatabase embedded;

    private Database(DataSource dataSource, String description, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
    }

    public static Database open(Config config) {
        DbSettings db = config.db();
        if (db.embedded()) {
            EmbeddedDatabase e;
            try {
                e = EmbeddedDatabase.open(config.embeddedPgDir());
            } catch (UncheckedIOException | IllegalStateException ex) {
                throw new CommandFailure(
                        "cannot start the embedded PostgreSQL in " + config.embeddedPgDir() + ": "
                                + firstLine(ex.getMessage()),
                        ex);
            }
            Database d = new Database(e.dataSource(), e.toString(), e);
            d.check();
            return d;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(db.url().orElseThrow());
        } catch (IllegalArgumentException e) {
            // the driver's message may echo the URL, which may carry a password
            throw new ConfigException(Setting.DB_URL, "is not a valid PostgreSQL JDBC URL");
        }
        db.user().ifPresent(ds::setUser);
        db.password().ifPresent(p -> ds.setPassword(p.reveal()));
        ds.setConnectTimeout(10);
        ds.setLoginTimeout(10);
        ds.setApplicationName("execctl");
        Database d = new Database(ds, db.safeUrl().orElseThrow(), null);
        d.check();
        return d;
    }

    private void check() {
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            close();
            throw new CommandFailure("database unreachable at " + description + ": " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the database is, without credentials. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
