package io.execctl.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Installs the intent wake-up trigger (NOTIFY {@code execctl_intents} on each insert into
 * {@code trade.order_intents}) where the strategy side owns that table and execctl must not create it:
 * the function and trigger of the contract migration, in a re-runnable form
 * ({@code db/trigger/order_intents_notify.sql}), in one transaction. Without it execctl still picks
 * intents up, at the next poll.
 */
public final class IntentTrigger {
    public static final String RESOURCE = "db/trigger/order_intents_notify.sql";

    private IntentTrigger() {}

    /** The SQL that {@link #install} runs (also shown in docs/schema.md). */
    public static String sql() {
        try (InputStream in = IntentTrigger.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates or replaces the function and the trigger.
     *
     * @throws IllegalStateException if {@code trade.order_intents} does not exist (the strategy side
     *                               creates it first), or the database refuses (e.g. execctl's role
     *                               may not create triggers on that table)
     */
    public static void install(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!tableExists(c)) {
                    throw new IllegalStateException(
                            "trade.order_intents does not exist: the strategy side creates it first (or use --with-contract-tables)");
                }
                try (Statement st = c.createStatement()) {
                    st.execute(sql());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the intent trigger: " + e.getMessage(), e);
        }
    }

    /** Whether the trigger is in place. */
    public static boolean installed(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT count(*) FROM pg_trigger
                         WHERE tgname = 'order_intents_notify_after_insert'
                           AND tgrelid = to_regclass('trade.order_intents')""");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the triggers: " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('trade.order_intents') IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
