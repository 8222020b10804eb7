package io.execctl.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@link Jdbi} every store uses, and the small column helpers they share.
 *
 * <p>{@link Instant}s are bound as UTC {@link OffsetDateTime}s and read back the same way, so a
 * {@code TIMESTAMPTZ} round trip never passes through {@code java.sql.Timestamp} and the host's time
 * zone (a local time that does not exist in the host zone would otherwise shift by an hour). JSON
 * columns are exchanged as text ({@code CAST(:x AS jsonb)} / {@code col::text}): no JSON library
 * in the store.
 */
public final class Db {
    private static final Logger log = LoggerFactory.getLogger(Db.class);

    private Db() {}

    /**
     * A Jdbi over {@code dataSource} with the PostgreSQL plugin and zone-free {@link Instant} binding.
     *
     * <p>Exception messages name the statement but never its bound values, and a pgjdbc data source
     * is switched to {@code logServerErrorDetail=false} (the server's "Failing row contains (...)"
     * detail): bound values and rows carry account numbers and tokens, which must not reach a log
     * line through an exception message.
     */
    public static Jdbi create(DataSource dataSource) {
        if (dataSource instanceof BaseDataSource pg) {
            pg.setLogServerErrorDetail(false);
        }
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(Db::renderWithoutValues);
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> toInstant(rs.getObject(col, OffsetDateTime.class)));
        return jdbi;
    }

    /** The error and the start of the SQL text, never the bound values. */
    static String renderWithoutValues(StatementException e) {
        StatementContext ctx = e.getStatementContext();
        String sql = ctx == null || ctx.getRawSql() == null
                ? ""
                : ctx.getRawSql().strip().replaceAll("\\s+", " ");
        if (sql.length() > 160) {
            sql = sql.substring(0, 160) + "...";
        }
        return e.getShortMessage() + (sql.isEmpty() ? "" : " [statement: " + sql + "]");
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * A NUMERIC column of a strategy-owned table, read without failing on the values NUMERIC allows
     * but BigDecimal cannot hold ({@code NaN}, {@code ±Infinity}; e.g. a pandas NaN meaning "no
     * price"): those read as null and are logged with the row's {@code keyColumn}, so that one odd
     * row never stops the reading of every other row. For an intent the mapper then ignores the
     * price of a market order and rejects a limit order for its missing price.
     */
    static BigDecimal finiteDecimal(ResultSet rs, String column, String keyColumn) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            log.warn("{} {} has {} '{}', read as missing", keyColumn, rs.getString(keyColumn), column, text);
            return null;
        }
    }

    private static Instant toInstant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Binds an Instant as {@code timestamptz} via {@code setObject(OffsetDateTime at UTC)}. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }
}
