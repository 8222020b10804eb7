package io.execctl.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.execctl.cli.db.EmbeddedDatabase;
import io.execctl.config.Config;
import io.execctl.config.ConfigException;
import io.execctl.config.DbSettings;
import io.execctl.config.Setting;
import io.execctl.store.ConnectionPool;
import io.execctl.store.SessionLock;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a command works on: the server of {@code EXECCTL_DB_URL}, or the embedded PostgreSQL
 * when that is unset. Opening checks that it answers, so an unreachable database is one clear line
 * (exit 1) before any work starts.
 *
 * <p>Two ways in: {@link #dataSource()} is the HikariCP pool (sized by {@code EXECCTL_DB_POOL_*})
 * that every store call borrows from; {@link #directDataSource()} opens a new connection each time,
 * for connections that hold server-side state — LISTEN ({@code NotificationListener}) and session
 * locks ({@link #lockOptions()}) — which must never be handed to another borrower.
 */
public final class Database implements AutoCloseable {
    private final DataSource direct;
    private final HikariDataSource pool;
    private final String description;
    private final EmbeddedDatabase embedded;
    private final Duration lockSessionTimeout;

    private Database(DataSource direct, Config config, String description, EmbeddedDatabase embedded) {
        this.direct = direct;
        this.description = description;
        this.embedded = embedded;
        this.lockSessionTimeout = config.pool().lockSessionTimeout();
        check();
        this.pool = ConnectionPool.open(direct, config.pool(), "execctl");
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
            return new Database(e.dataSource(), config, e.toString(), e);
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
        return new Database(ds, config, db.safeUrl().orElseThrow(), null);
    }

    private void check() {
        try (Connection c = direct.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            if (embedded != null) {
                embedded.close();
            }
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

    /** The pool: for every store call. */
    public DataSource dataSource() {
        return pool;
    }

    /** A new connection each time: for LISTEN and session locks only, never for store calls. */
    public DataSource directDataSource() {
        return direct;
    }

    /** Session locks whose connection the server ends {@code EXECCTL_DB_LOCK_SESSION_TIMEOUT_S} after a freeze. */
    public SessionLock.Options lockOptions() {
        return SessionLock.Options.releasingAfter(lockSessionTimeout);
    }

    /** Where the database is, without credentials. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
