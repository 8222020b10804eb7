package io.execctl.cli;

import io.execctl.config.Setting;
import io.execctl.demo.ChaosScript;
import io.execctl.demo.DemoStrategy;
import io.execctl.domain.KisEnv;
import io.execctl.proof.BrokerLedger;
import io.execctl.proof.ChaosVerdict;
import io.execctl.proof.CheckResult;
import io.execctl.proof.DbFacts;
import io.execctl.proof.GenuineFillCheck;
import io.execctl.proof.LedgerCheck;
import io.execctl.proof.LedgerReader;
import io.execctl.proof.OutboxCheck;
import io.execctl.proof.Violation;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.Db;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos day: the simulator (in-process, every fault on), the day's own PostgreSQL, the real daemon
 * as separate processes (active + hot standby, restarted when they die), the scripted intents, the
 * {@code kill -9}s, one PostgreSQL restart, cron syncs beside it and HTS orders; then faults off, the
 * wait for convergence and the verdict table ({@link ChaosVerdict}).
 */
final class ChaosRun {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration FIRST_ACTIVE_WAIT = Duration.ofSeconds(120);
    private static final Duration CRON_EVERY = Duration.ofSeconds(20);
    private static final Duration EXTERNAL_EVERY = Duration.ofSeconds(6);
    private static final Duration HEAP_EVERY = Duration.ofSeconds(15);
    /** Enough for a day of entries (the default 100 M won ran out after ~400 orders: APBK0918 rejections). */
    static final long CASH = 50_000_000_000L;

    record Options(
            long seed,
            int intents,
            int kills,
            KisEnv env,
            double rate,
            int symbols,
            Duration convergeTimeout,
            String faults,
            Path dir,
            List<String> syncs) {
        Options {
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(convergeTimeout, "convergeTimeout");
            Objects.requireNonNull(faults, "faults");
            Objects.requireNonNull(dir, "dir");
            syncs = List.copyOf(syncs);
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final Clock clock = Clock.systemUTC();
    private final Random random;
    private final Map<String, Process> cron = new HashMap<>();
    private final Map<String, Integer> cronExits = new TreeMap<>();
    private Instant nextCron = Instant.MIN;
    private int cronRuns;

    ChaosRun(Options options, PrintWriter out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.random = new Random(options.seed() * 31 + 7);
    }

    /** Runs the day on {@code db} (already open); exit code 0 when every check passed, 3 otherwise. */
    int run(ChaosDatabase db) throws InterruptedException {
        Instant started = clock.instant();
        db.reset();
        Jdbi jdbi = Db.create(db.dataSource());
        try (Simulator sim = Simulator.start(SimOptions.defaults()
                .withEnv(options.env())
                .withSeed(options.seed())
                .withSymbols(Integer.toString(options.symbols()))
                .withCash(CASH))) {
            ChaosBroker broker = new ChaosBroker(sim.adminUrl());
            List<DemoStrategy.Symbol> symbols = broker.symbols();
            line("simulator " + sim.restUrl() + " (" + options.env().key() + ", " + symbols.size() + " symbols, seed "
                    + options.seed() + "); database " + (db.restartable() ? "embedded " : "external ")
                    + db.url() + "; logs " + options.dir());
            ChaosChildren children = new ChaosChildren(options.dir(), childEnv(sim, db), List.of("-XX:+UseSerialGC"));
            String account = SimOptions.DEMO_ACCOUNT;
            ChaosScript script =
                    new ChaosScript(jdbi, account, symbols, options.seed(), options.intents(), 0.03, clock);
            try (ChaosDaemons daemons = new ChaosDaemons(children, 2, clock)) {
                if (daemons.awaitActive(FIRST_ACTIVE_WAIT).isEmpty()) {
                    line("no daemon became active within " + FIRST_ACTIVE_WAIT.toSeconds() + " s: "
                            + daemons.describe());
                    return ExitCodes.FAILURE;
                }
                broker.faults(options.faults());
                Instant faultsOn = clock.instant();
                line("faults on; daemons " + daemons.describe());
                boolean pgRestarted = day(jdbi, script, broker, symbols, daemons, children, db);
                broker.faultsOff();
                Instant lastFault = clock.instant();
                line("faults off after " + secs(Duration.between(faultsOn, lastFault)) + "; intents written "
                        + script.intentsWritten() + " " + script.written() + "; kills " + daemons.kills()
                        + ", daemon restarts " + daemons.restarts() + ", PostgreSQL restart "
                        + (pgRestarted ? "done" : db.restartable() ? "NOT done" : "skipped (external --db-url)")
                        + ", cron sync runs " + cronRuns + ", HTS orders " + broker.externalOrders() + " (+"
                        + broker.externalCancels() + " cancels)");
                Converged c = converge(jdbi, new LedgerReader(sim.adminUrl()), account, lastFault, children);
                daemons.sampleHeap();
                ChaosVerdict verdict = ChaosVerdict.of(
                        new ChaosVerdict.Measured(c.ledger(), c.outbox(), c.took(), daemons.heapMaxBytes()),
                        List.of(
                                new ChaosVerdict.Row(
                                        "kill -9 of the active daemon done as asked",
                                        daemons.kills() >= options.kills(),
                                        daemons.kills() + " of " + options.kills()),
                                new ChaosVerdict.Row(
                                        "PostgreSQL restarted once",
                                        pgRestarted || !db.restartable(),
                                        pgRestarted ? "yes" : db.restartable() ? "no" : "skipped: external --db-url")));
                Map<String, Long> statuses = new TreeMap<>();
                jdbi.useHandle(
                        h -> h.createQuery("SELECT status, count(*) AS n FROM trade.order_intents GROUP BY status")
                                .map((rs, ctx) -> statuses.put(rs.getString("status"), rs.getLong("n")))
                                .list());
                line("intents by status " + statuses);
                report(verdict, c, daemons, script, pgRestarted, started);
                return verdict.ok() ? ExitCodes.OK : ExitCodes.MISMATCHES;
            } finally {
                stopCron();
            }
        }
    }

    /** The scripted day; true when the PostgreSQL restart was done. */
    private boolean day(
            Jdbi jdbi,
            ChaosScript script,
            ChaosBroker broker,
            List<DemoStrategy.Symbol> symbols,
            ChaosDaemons daemons,
            ChaosChildren children,
            ChaosDatabase db)
            throws InterruptedException {
        long beatMillis = Math.max(1, Math.round(1000 / options.rate()));
        Duration phase = Duration.ofMillis(beatMillis * options.intents());
        Instant start = clock.instant();
        Instant hardEnd = start.plus(phase.multipliedBy(3)).plusSeconds(60);
        List<Instant> killAt = new ArrayList<>();
        for (int i = 0; i < options.kills(); i++) {
            // one kill at a random moment of each of `kills` equal slices of 15–85 % of the day, so two
            // kills are never a moment apart (the second would hit a daemon still bootstrapping)
            double slice = 0.7 / options.kills();
            killAt.add(start.plusMillis(
                    (long) (phase.toMillis() * (0.15 + slice * (i + 0.2 + 0.6 * random.nextDouble())))));
        }
        killAt.sort(null);
        Instant pgAt = db.restartable() ? start.plusMillis(phase.toMillis() / 2) : null;
        boolean pgDone = false;
        nextCron = start.plusSeconds(5);
        Instant nextExternal = start.plus(EXTERNAL_EVERY);
        Instant nextHeap = start.plus(HEAP_EVERY);
        Instant nextBeat = start;
        while (!script.done() && clock.instant().isBefore(hardEnd)) {
            Instant now = clock.instant();
            try {
                script.step();
            } catch (RuntimeException e) {
                LOG.warn("chaos script step failed: {}", e.toString());
            }
            if (!killAt.isEmpty() && !now.isBefore(killAt.get(0))) {
                killAt.remove(0);
                kill(daemons, start);
            }
            if (pgAt != null && !pgDone && !now.isBefore(pgAt)) {
                line("t+" + secs(Duration.between(start, now)) + " PostgreSQL restart");
                db.restart();
                pgDone = true;
            }
            cron(children);
            if (!now.isBefore(nextExternal)) {
                try {
                    broker.externalAction(random, symbols);
                } catch (RuntimeException e) {
                    LOG.warn("HTS order: {}", e.toString());
                }
                nextExternal = now.plus(EXTERNAL_EVERY);
            }
            if (!now.isBefore(nextHeap)) {
                daemons.sampleHeap();
                nextHeap = now.plus(HEAP_EVERY);
            }
            // a fixed rate: the beats a kill, the restart or a heap sample held up are caught up
            nextBeat = nextBeat.plusMillis(beatMillis);
            long wait = Duration.between(clock.instant(), nextBeat).toMillis();
            if (wait > 0) {
                TimeUnit.MILLISECONDS.sleep(wait);
            }
        }
        while (!killAt.isEmpty()) { // a short day: the kills still happen, faults still on
            killAt.remove(0);
            kill(daemons, start);
            TimeUnit.SECONDS.sleep(3);
        }
        return pgDone;
    }

    private void kill(ChaosDaemons daemons, Instant start) throws InterruptedException {
        String at = "t+" + secs(Duration.between(start, clock.instant()));
        daemons.killActive(Duration.ofSeconds(60))
                .ifPresentOrElse(
                        pid -> line(at + " kill -9 of the active daemon, pid " + pid),
                        () -> line(at + " kill -9 skipped: no active daemon within 60 s " + daemons.describe()));
    }

    /** The cron jobs: each sync as its own process, one of a kind at a time. */
    private void cron(ChaosChildren children) {
        Instant now = clock.instant();
        if (now.isBefore(nextCron)) {
            return;
        }
        nextCron = now.plus(CRON_EVERY);
        for (String sync : options.syncs()) {
            Process running = cron.get(sync);
            if (running != null && running.isAlive()) {
                continue;
            }
            if (running != null) {
                cronExits.merge(sync + " exit " + running.exitValue(), 1, Integer::sum);
            }
            cron.put(sync, children.start("sync-" + sync, List.of("sync", sync)).process());
            cronRuns++;
        }
    }

    private void stopCron() {
        cron.values().forEach(p -> {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        });
    }

    /** {@code ledgerTook}: when the ledger check alone (without outbox and genuine-fill rules) first passed. */
    record Converged(CheckResult ledger, List<Violation> outbox, Duration took, Duration ledgerTook, int checks) {}

    /** Checks every second until everything agrees or the timeout ends; the time is from the last fault. */
    private Converged converge(
            Jdbi jdbi, LedgerReader ledger, String account, Instant lastFault, ChaosChildren children)
            throws InterruptedException {
        Instant deadline = lastFault.plus(options.convergeTimeout());
        boolean strict = options.env() == KisEnv.REAL;
        CheckResult last = null;
        List<Violation> outbox = List.of();
        int checks = 0;
        Duration ledgerTook = null;
        while (true) {
            try {
                DbFacts facts = DbFacts.read(jdbi, account);
                BrokerLedger broker = ledger.read();
                last = LedgerCheck.check(broker, facts, new LedgerCheck.Options(account, strict));
                outbox = new ArrayList<>(OutboxCheck.check(facts, OutboxCheck.read(jdbi)));
                outbox.addAll(GenuineFillCheck.check(broker, facts));
                checks++;
                if (last.ok() && ledgerTook == null) {
                    ledgerTook = Duration.between(lastFault, clock.instant());
                }
                if (last.ok() && outbox.isEmpty()) {
                    return new Converged(
                            last, outbox, Duration.between(lastFault, clock.instant()), ledgerTook, checks);
                }
            } catch (RuntimeException e) {
                LOG.warn("convergence check failed: {}", e.toString());
            }
            if (!clock.instant().isBefore(deadline)) {
                if (last == null) {
                    throw new CommandFailure("no convergence check could run");
                }
                return new Converged(last, outbox, null, ledgerTook, checks);
            }
            cron(children);
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private void report(
            ChaosVerdict verdict,
            Converged c,
            ChaosDaemons daemons,
            ChaosScript script,
            boolean pgRestarted,
            Instant started) {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append("execctl chaos — seed ")
                .append(options.seed())
                .append(", ")
                .append(options.env().key());
        b.append(", intents ").append(script.intentsWritten()).append(" ").append(script.written());
        b.append(nl).append("kills ").append(daemons.kills()).append(" of ").append(options.kills());
        b.append(", daemon restarts ").append(daemons.restarts());
        b.append(", PostgreSQL restart ").append(pgRestarted ? "yes" : "no");
        b.append(", cron sync runs ").append(cronRuns).append(" ").append(options.syncs());
        b.append(" finished ").append(cronExits);
        b.append(", wall ").append(secs(Duration.between(started, clock.instant())));
        b.append(nl).append(c.ledger().describe().lines().findFirst().orElse(""));
        b.append(nl)
                .append("ledger rules alone first passed ")
                .append(c.ledgerTook() == null ? "never" : secs(c.ledgerTook()) + " after the last fault")
                .append("; ")
                .append(c.checks())
                .append(" checks");
        b.append(nl).append(verdict.table(8));
        String text = b.toString();
        out.println(text);
        out.flush();
        try {
            Files.writeString(options.dir().resolve("report.txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot write the report file: {}", e.toString());
        }
    }

    private Map<String, String> childEnv(Simulator sim, ChaosDatabase db) {
        Map<String, String> env = new HashMap<>();
        env.put("KIS_ENV", options.env().key());
        env.put("KIS_APP_KEY", SimOptions.DEMO_APP_KEY);
        env.put("KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET);
        env.put("KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT);
        env.put("KIS_HTS_ID", SimOptions.DEMO_HTS_ID);
        env.put("KIS_REST_URL", sim.restUrl());
        env.put("KIS_WS_URL", sim.wsUrl());
        env.put("EXECCTL_DB_URL", db.url());
        db.user().ifPresent(u -> env.put("EXECCTL_DB_USER", u));
        db.password().ifPresent(p -> env.put("EXECCTL_DB_PASSWORD", p));
        env.put("EXECCTL_DATA_DIR", options.dir().resolve("data").toString());
        // the simulator's ORD_TMD is its session clock (09:00 at start), not wall time: as the demo does,
        // the send window decides nothing and the other matching rules decide (docs/engine.md, Broker clock)
        env.put(Setting.ORDER_TIME_SKEW_MS.key(), DemoCommand.SIM_ORDER_TIME_SKEW_MS);
        return env;
    }

    private void line(String s) {
        out.println("chaos: " + s);
        out.flush();
    }

    private static String secs(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
