package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.store.IntentTrigger;
import io.execctl.store.Migrations;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl migrate}: applies the schema; a second run applies nothing. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Create or update the database schema (Flyway). Idempotent: a second run changes nothing.",
            "Without EXECCTL_DB_URL it uses the embedded PostgreSQL under EXECCTL_DATA_DIR."
        })
final class MigrateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateCommand.class);

    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--with-contract-tables",
            description =
                    "also create the strategy-owned contract tables (order_intents, positions): for standalone installs, the demo and tests")
    boolean withContractTables;

    @Option(
            names = "--with-intent-trigger",
            description =
                    "also install the intent wake-up trigger (NOTIFY execctl_intents) on an existing trade.order_intents the strategy side owns")
    boolean withIntentTrigger;

    @Override
    public Integer call() {
        Config config = root.config(Need.DB);
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(config)) {
            LOG.info("database: {}", db.description());
            Migrations.Report report;
            try {
                report = Migrations.migrate(db.dataSource(), withContractTables);
            } catch (FlywayException e) {
                throw new CommandFailure("migration failed: " + Database.firstLine(e.getMessage()), e);
            }
            for (String applied : report.applied()) {
                out.println("applied " + applied);
            }
            if (withIntentTrigger) {
                try {
                    IntentTrigger.install(db.dataSource());
                } catch (IllegalStateException e) {
                    throw new CommandFailure(Database.firstLine(e.getMessage()), e);
                }
                out.println("intent trigger order_intents_notify_after_insert installed (NOTIFY execctl_intents)");
            }
            out.println(summary(report));
            out.flush();
        }
        return ExitCodes.OK;
    }

    static String summary(Migrations.Report r) {
        String version = r.tradeVersion() == null ? "none (no migrations found)" : r.tradeVersion();
        String contract = r.contractVersion() == null ? "" : ", contract tables at version " + r.contractVersion();
        if (r.changedAnything()) {
            return "schema migrated to version " + version + contract + " ("
                    + r.applied().size() + " applied)";
        }
        return "schema up to date at version " + version + contract;
    }
}
