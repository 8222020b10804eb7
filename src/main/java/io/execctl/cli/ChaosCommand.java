package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.DbSettings;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl chaos}: the chaos day of issue 16 — the real daemon as separate processes against the
 * simulator with every fault on, {@code kill -9}s, a PostgreSQL restart and cron syncs, then the
 * ledger check as a table; see {@link ChaosRun} and docs/chaos.md.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Run a scripted trading day against the KIS simulator with every fault on: the real daemon as separate"
                    + " processes (active + hot standby, restarted when killed), kill -9 of the active one, a"
                    + " PostgreSQL restart, cron syncs beside it.",
            "Then faults off, wait for convergence and print the checks against the simulator's ledger:"
                    + " exit 0 when all pass, 3 with the offending rows."
        })
final class ChaosCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the day, the simulator and its faults (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--intents",
            defaultValue = "2000",
            description = "intents the day writes (default ${DEFAULT-VALUE})")
    int intents;

    @Option(
            names = "--kills",
            defaultValue = "3",
            description = "kill -9 of the active daemon during the day (default ${DEFAULT-VALUE})")
    int kills;

    @Option(
            names = "--env",
            defaultValue = "real",
            description = "simulator environment: real or paper (default ${DEFAULT-VALUE})")
    String env;

    @Option(names = "--rate", defaultValue = "8", description = "intents written per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--symbols",
            defaultValue = "35",
            description = "symbols the simulator lists and the day trades (default ${DEFAULT-VALUE})")
    int symbols;

    @Option(
            names = "--converge-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "120s",
            description = "how long to wait for convergence after the faults are turned off (default ${DEFAULT-VALUE})")
    Duration convergeTimeout;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "an empty external database instead of the day's own embedded PostgreSQL (then no"
                    + " PostgreSQL restart; EXECCTL_DB_USER/EXECCTL_DB_PASSWORD apply)")
    String dbUrl;

    @Option(
            names = "--faults",
            paramLabel = "FILE",
            description = "fault profile JSON instead of the built-in one (docs/chaos.md)")
    Path faultsFile;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "run directory: logs, report, the embedded cluster (default EXECCTL_DATA_DIR/chaos)")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
        if (intents < 1 || kills < 0 || rate <= 0 || symbols < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--intents >= 1, --kills >= 0, --rate > 0 and --symbols >= 1");
        }
        KisEnv kisEnv = KisEnv.parse(env)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--env must be real or paper"));
        Config base = root.config(Need.DB);
        Path runDir = dir != null ? dir : base.dataDir().resolve("chaos");
        String faults = ChaosBroker.DEFAULT_FAULTS;
        if (faultsFile != null) {
            try {
                faults = Files.readString(faultsFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --faults " + faultsFile);
            }
        }
        try {
            Files.createDirectories(runDir);
            clearLogs(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChaosRun.Options options = new ChaosRun.Options(
                seed, intents, kills, kisEnv, rate, symbols, convergeTimeout, faults, runDir, syncs());
        DbSettings dbs = base.db();
        try (ChaosDatabase db = dbUrl != null
                ? ChaosDatabase.external(dbUrl, dbs.user(), dbs.password().map(Secret::reveal))
                : ChaosDatabase.embedded(runDir.resolve("pg"))) {
            return new ChaosRun(options, spec.commandLine().getOut()).run(db);
        }
    }

    /** Every {@code execctl sync} subcommand that exists (holdings today; fills/unfilled once built). */
    static List<String> syncs() {
        List<String> out = new ArrayList<>();
        for (Class<?> c : SyncCommand.class.getAnnotation(Command.class).subcommands()) {
            Optional.ofNullable(c.getAnnotation(Command.class))
                    .map(Command::name)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The previous run's process output (the embedded cluster under pg/ stays and is reset instead). */
    private static void clearLogs(Path runDir) throws IOException {
        try (var files = Files.list(runDir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".out") || n.endsWith(".log") || n.equals("report.txt")) {
                    Files.delete(p);
                }
            }
        }
    }
}
