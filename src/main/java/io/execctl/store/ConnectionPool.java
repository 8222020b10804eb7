package io.execctl.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.execctl.config.PoolSettings;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The HikariCP pool every long-lived store call borrows from. A new PostgreSQL connection per
 * transaction costs tens of milliseconds (process fork, authentication), far more than the fill
 * path's statements (docs/schema.md, "Cost of the per-fill transaction").
 *
 * <p>Not for LISTEN connections or session locks: those hold server-side state (a LISTEN, a lock)
 * that must not travel to the next borrower, so {@link NotificationListener} and {@link SessionLock}
 * take the unpooled data source this pool wraps.
 */
public final class ConnectionPool {
    private ConnectionPool() {}

    /**
     * A pool over {@code direct} (which opens a new connection each time). A pgjdbc source is
     * switched to {@code logServerErrorDetail=false} first, as {@link Db#create} does, so the
     * server's row details (account numbers, tokens) never reach an exception message.
     *
     * <p>The pool connects lazily (no connection at construction), keeps at most
     * {@link PoolSettings#maxSize()} and at least one idle, and fails a borrower after
     * {@link PoolSettings#connectionTimeout()}.
     */
    public static HikariDataSource open(DataSource direct, PoolSettings settings, String name) {
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(settings, "settings");
        if (direct instanceof BaseDataSource pg) {
            pg.setLogServerErrorDetail(false);
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName(Objects.requireNonNull(name, "name"));
        c.setDataSource(direct);
        c.setMaximumPoolSize(settings.maxSize());
        c.setMinimumIdle(Math.min(1, settings.maxSize()));
        c.setConnectionTimeout(settings.connectionTimeout().toMillis());
        c.setValidationTimeout(
                Math.min(5_000, Math.max(250, settings.connectionTimeout().toMillis())));
        c.setMaxLifetime(settings.maxLifetime().toMillis());
        c.setIdleTimeout(
                Math.min(600_000, Math.max(10_000, settings.maxLifetime().toMillis() / 2)));
        c.setKeepaliveTime(
                Math.min(120_000, Math.max(30_000, settings.maxLifetime().toMillis() / 4)));
        c.setAutoCommit(true);
        c.setInitializationFailTimeout(-1); // the caller checks reachability with a clearer message
        return new HikariDataSource(c);
    }

    /**
     * {@code dataSource}, unless it is a pool: connections that keep server-side state (a LISTEN, a
     * session lock) would pass it on to the pool's next borrower.
     *
     * @throws IllegalArgumentException for a HikariCP pool
     */
    static DataSource requireUnpooled(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof HikariDataSource) {
            throw new IllegalArgumentException(
                    "needs an unpooled data source (a new connection each time), not a pool");
        }
        return dataSource;
    }
}
