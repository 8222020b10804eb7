package io.execctl.store;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema with Flyway. The execution-owned schema ({@code trade.orders}, {@code fills},
 * {@code holdings} and support tables) lives in {@code db/migration/trade}; the strategy-owned
 * contract tables ({@code order_intents}, {@code positions}) in {@code db/migration/contract}, applied
 * only when asked for (standalone installs, the demo, tests), each with its own history table so that
 * switching them on later never reorders the execution schema's history.
 *
 * <p>Both locations share schema {@code trade} (where the strategy side's tables live in production),
 * so each history table may start in a non-empty schema; it is then baselined at version 0, which
 * applies every migration of its location and leaves the other location's tables alone.
 */
public final class Migrations {
    public static final String SCHEMA = "trade";

    private Migrations() {}

    /** What a migration run did. */
    public record Report(List<String> applied, String tradeVersion, String contractVersion) {
        public boolean changedAnything() {
            return !applied.isEmpty();
        }
    }

    public static Report migrate(DataSource dataSource, boolean withContractTables) {
        List<String> applied = new ArrayList<>();
        String contractVersion = null;
        if (withContractTables) {
            MigrateResult r = flyway(dataSource, "classpath:db/migration/contract", "flyway_contract_history")
                    .migrate();
            r.migrations.forEach(m -> applied.add("contract " + m.version + " " + m.description));
            contractVersion = version(dataSource, "classpath:db/migration/contract", "flyway_contract_history");
        }
        MigrateResult r = flyway(dataSource, "classpath:db/migration/trade", "flyway_history")
                .migrate();
        r.migrations.forEach(m -> applied.add("trade " + m.version + " " + m.description));
        return new Report(
                List.copyOf(applied),
                version(dataSource, "classpath:db/migration/trade", "flyway_history"),
                contractVersion);
    }

    private static String version(DataSource ds, String location, String table) {
        var current = flyway(ds, location, table).info().current();
        return current == null ? null : current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource dataSource, String location, String historyTable) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table(historyTable)
                .locations(location)
                // The schema is shared: the other location's tables (or, in production, the strategy
                // side's own) may already be there when this history table is first created. A
                // baseline at version 0 records that without skipping any of this location's V1+.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("shared schema already present")
                .validateMigrationNaming(true)
                .mixed(false)
                .load();
    }
}
