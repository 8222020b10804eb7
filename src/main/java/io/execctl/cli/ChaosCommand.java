package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.DbSettings;
import io.execctl.config.Need;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.proof.ChaosSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
            names = "--seeds",
            paramLabel = "SEEDS",
            description = "run one day per seed (e.g. 1-10 or 1,4,7), each logged under DIR/seed-N, and print one"
                    + " summary table (also DIR/summary.md); replaces --seed")
    String seeds;

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
            names = "--token-expiries",
            defaultValue = "2",
            description = "early expiries of the access token during the day, at random moments (default"
                    + " ${DEFAULT-VALUE}); KIS re-issues at most once a minute")
    int tokenExpiries;

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
        if (intents < 1 || kills < 0 || tokenExpiries < 0 || rate <= 0 || symbols < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--intents >= 1, --kills >= 0, --token-expiries >= 0, --rate > 0 and --symbols >= 1");
        }
        if (seeds != null) {
            try {
                parseSeeds(seeds);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
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
        List<Long> seedList = seeds == null ? List.of(seed) : parseSeeds(seeds);
        try {
            Files.createDirectories(runDir);
            clearLogs(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DbSettings dbs = base.db();
        PrintWriter out = spec.commandLine().getOut();
        List<ChaosSummary.Day> days = new ArrayList<>();
        try (ChaosDatabase db = dbUrl != null
                ? ChaosDatabase.external(dbUrl, dbs.user(), dbs.password().map(Secret::reveal))
                : ChaosDatabase.embedded(runDir.resolve("pg"))) {
            for (long s : seedList) {
                Path dayDir = seeds == null ? runDir : runDir.resolve("seed-" + s);
                try {
                    Files.createDirectories(dayDir);
                    clearLogs(dayDir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ChaosRun.Options options = new ChaosRun.Options(
                        s,
                        intents,
                        kills,
                        tokenExpiries,
                        kisEnv,
                        rate,
                        symbols,
                        convergeTimeout,
                        faults,
                        dayDir,
                        syncs());
                if (seeds == null) {
                    days.add(new ChaosRun(options, out).run(db));
                    continue;
                }
                Instant dayStart = Instant.now();
                try {
                    days.add(new ChaosRun(options, out).run(db));
                } catch (RuntimeException e) { // one broken day does not end the series; it is a FAIL row
                    out.println("chaos: seed " + s + " could not run: " + e);
                    days.add(new ChaosSummary.Day(
                            s,
                            0,
                            0,
                            0,
                            List.of(),
                            null,
                            Duration.between(dayStart, Instant.now()),
                            ExitCodes.FAILURE,
                            "could not run: " + e.getClass().getSimpleName()));
                }
            }
        }
        if (seeds == null) {
            return days.get(0).exitCode();
        }
        String table = ChaosSummary.table(days);
        out.println("chaos: " + days.size() + " days, " + kisEnv.key() + ", " + intents + " intents, " + kills
                + " kills each");
        out.print(table);
        out.flush();
        try {
            Files.writeString(runDir.resolve("summary.md"), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return days.stream().allMatch(ChaosSummary.Day::ok) ? ExitCodes.OK : ExitCodes.MISMATCHES;
    }

    /** {@code 1-10}, {@code 1,4,7} or both ({@code 1-3,9}); each seed once, in the order given. */
    static List<Long> parseSeeds(String text) {
        Set<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).strip());
                    long to = Long.parseLong(p.substring(dash + 1).strip());
                    if (to < from || to - from >= 10_000) {
                        throw new IllegalArgumentException("--seeds: bad range " + p);
                    }
                    for (long x = from; x <= to; x++) {
                        out.add(x);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds: not a seed or range: " + p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--seeds: no seed");
        }
        return List.copyOf(out);
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
                if (n.endsWith(".out") || n.endsWith(".log") || n.equals("report.txt") || n.equals("summary.md")) {
                    Files.delete(p);
                }
            }
        }
    }
}
