package io.execctl.cli;

import io.execctl.demo.ChaosScript;
import io.execctl.demo.DemoStrategy;
import io.execctl.domain.KisEnv;
import io.execctl.proof.BrokerLedger;
import io.execctl.proof.ChaosSummary;
import io.execctl.proof.ChaosVerdict;
import io.execctl.proof.CheckResult;
import io.execctl.proof.ConvergeTrace;
import io.execctl.proof.DbFacts;
import io.execctl.proof.GenuineFillCheck;
import io.execctl.proof.LedgerCheck;
import io.execctl.proof.LedgerReader;
import io.execctl.proof.OutboxCheck;
import io.execctl.proof.SecretScan;
import io.execctl.proof.SimCredentials;
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
import java.util.List;
import java.util.Objects;
import java.util.Random;
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
    /** Enough for a day of entries (the default 100 M won ran out after ~400 orders: APBK0918 rejections). */
    static final long CASH = 50_000_000_000L;

    record Options(
            long seed,
            int intents,
            int kills,
            int tokenExpiries,
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
    private ChaosCron cron;
    private final ChaosLog log;

    ChaosRun(Options options, PrintWriter out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.random = new Random(options.seed() * 31 + 7);
        this.log = new ChaosLog(out, options.dir());
    }

    /** Runs the day on {@code db} (already open); exit code 0 when every check passed, 3 otherwise. */
    ChaosSummary.Day run(ChaosDatabase db) throws InterruptedException {
        Instant started = clock.instant();
        db.reset();
        Jdbi jdbi = Db.create(db.dataSource());
        ChaosSession session = ChaosSession.of(
                clock,
                Duration.ofMillis(Math.round(1000 * options.intents() / options.rate()))
                        .plus(options.convergeTimeout())
                        .plus(Duration.ofMinutes(15)));
        try (Simulator sim = Simulator.start(SimOptions.defaults()
                .withSessionStart(session.start())
                .withEnv(options.env())
                .withSeed(options.seed())
                .withSymbols(Integer.toString(options.symbols()))
                .withCash(CASH))) {
            ChaosBroker broker = new ChaosBroker(sim.adminUrl());
            List<DemoStrategy.Symbol> symbols = broker.symbols();
            log.line("simulator " + sim.restUrl() + " (" + options.env().key() + ", " + symbols.size()
                    + " symbols, seed "
                    + options.seed() + "); database " + (db.restartable() ? "embedded " : "external ")
                    + db.url() + "; logs " + options.dir() + "; session from " + session.start() + " KST, order-time"
                    + " skew " + session.skew().toSeconds() + " s");
            ChaosChildren children = new ChaosChildren(
                    options.dir(),
                    ChaosChildren.env(options.env(), options.dir(), sim, db, session.daemonSettings()),
                    List.of("-XX:+UseSerialGC"));
            cron = new ChaosCron(children, options.syncs(), clock, CRON_EVERY);
            String account = SimOptions.DEMO_ACCOUNT;
            ChaosScript script =
                    new ChaosScript(jdbi, account, symbols, options.seed(), options.intents(), 0.03, clock);
            Ran ran;
            try (ChaosDaemons daemons = new ChaosDaemons(children, 2, clock, db::holdsAdvisoryLock)) {
                if (daemons.awaitActive(FIRST_ACTIVE_WAIT).isEmpty()) {
                    log.line("no daemon became active within " + FIRST_ACTIVE_WAIT.toSeconds() + " s: "
                            + daemons.describe());
                    Duration wall = Duration.between(started, clock.instant());
                    return new ChaosSummary.Day(
                            options.seed(),
                            0,
                            0,
                            0,
                            List.of(),
                            null,
                            wall,
                            ExitCodes.FAILURE,
                            "no daemon became active");
                }
                broker.faults(options.faults());
                Instant faultsOn = clock.instant();
                log.line("faults on; daemons " + daemons.describe());
                DayDone done = day(jdbi, script, broker, symbols, daemons, children, db);
                boolean pgRestarted = done.pgRestarted();
                broker.faultsOff();
                Instant lastFault = clock.instant();
                log.line("faults off after " + secs(Duration.between(faultsOn, lastFault)) + "; intents written "
                        + script.intentsWritten() + " " + script.written() + "; kills " + daemons.kills()
                        + ", daemon restarts " + daemons.restarts() + ", PostgreSQL restart "
                        + (pgRestarted ? "done" : db.restartable() ? "NOT done" : "skipped (external --db-url)")
                        + ", early token expiries " + done.tokenExpiries() + ", cron sync runs " + cron.runs()
                        + ", HTS orders " + broker.externalOrders() + " (+"
                        + broker.externalCancels() + " cancels)");
                Converged c = converge(jdbi, new LedgerReader(sim.adminUrl()), account, lastFault, children);
                daemons.sampleHeap();
                ran = new Ran(
                        c,
                        daemons.kills(),
                        daemons.restarts(),
                        daemons.heapMaxBytes(),
                        pgRestarted,
                        done.tokenExpiries());
            } finally {
                cron.stop();
            }
            // every daemon and cron process has stopped: their logs are complete
            List<Violation> secrets = secrets(sim, jdbi);
            Converged c = ran.converged();
            ChaosVerdict verdict = ChaosVerdict.of(
                    new ChaosVerdict.Measured(c.ledger(), c.outbox(), c.took(), ran.heapMaxBytes(), secrets),
                    List.of(
                            new ChaosVerdict.Row(
                                    "kill -9 of the active daemon done as asked",
                                    ran.kills() >= options.kills(),
                                    ran.kills() + " of " + options.kills()),
                            new ChaosVerdict.Row(
                                    "early expiry of the access token done as asked",
                                    ran.tokenExpiries() >= options.tokenExpiries(),
                                    ran.tokenExpiries() + " of " + options.tokenExpiries()),
                            new ChaosVerdict.Row(
                                    "PostgreSQL restarted once",
                                    ran.pgRestarted() || !db.restartable(),
                                    ran.pgRestarted()
                                            ? "yes"
                                            : db.restartable() ? "no" : "skipped: external --db-url")));
            ChaosIntentLines.of(jdbi).forEach(log::line);
            report(verdict, ran, script, started);
            return new ChaosSummary.Day(
                    options.seed(),
                    script.intentsWritten(),
                    c.ledger().brokerOrders(),
                    ran.kills(),
                    verdict.rows(),
                    c.took(),
                    Duration.between(started, clock.instant()),
                    verdict.ok() ? ExitCodes.OK : ExitCodes.MISMATCHES,
                    "");
        }
    }

    private record DbSnapshot(DbFacts facts, List<OutboxCheck.Event> outbox) {}

    /** What the day measured while its processes ran. */
    private record Ran(
            Converged converged, int kills, int restarts, long heapMaxBytes, boolean pgRestarted, int tokenExpiries) {}

    /** What the scripted day did besides the intents. */
    private record DayDone(boolean pgRestarted, int tokenExpiries) {}

    /**
     * Secrets in logs (issue 17): every log file of the run and the audit against what the simulator
     * issued; null (the row fails as "not checked") when the check itself could not run.
     */
    private List<Violation> secrets(Simulator sim, Jdbi jdbi) {
        try {
            return SecretScan.check(options.dir(), SimCredentials.read(sim.adminUrl()), jdbi);
        } catch (RuntimeException e) {
            log.line("secrets check failed to run: " + e);
            return null;
        }
    }

    /** The scripted day: whether the PostgreSQL restart was done, how many token expiries. */
    private DayDone day(
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
        ChaosTokenExpiries expiries =
                ChaosTokenExpiries.schedule(options.seed(), options.tokenExpiries(), start, phase, broker, log::line);
        Instant pgAt = db.restartable() ? start.plusMillis(ChaosDatabase.restartAt(killAt, start, phase)) : null;
        boolean pgDone = false;
        cron.startAt(start.plusSeconds(5));
        Instant nextExternal = start.plus(EXTERNAL_EVERY);
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
            expiries.due(now);
            if (pgAt != null && !pgDone && !now.isBefore(pgAt)) {
                log.line("t+" + secs(Duration.between(start, now)) + " PostgreSQL restart");
                db.restart();
                pgDone = true;
            }
            cron.tick();
            if (!now.isBefore(nextExternal)) {
                try {
                    broker.externalAction(random, symbols);
                } catch (RuntimeException e) {
                    LOG.warn("HTS order: {}", e.toString());
                }
                nextExternal = now.plus(EXTERNAL_EVERY);
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
        expiries.rest();
        return new DayDone(pgDone, expiries.done());
    }

    private void kill(ChaosDaemons daemons, Instant start) throws InterruptedException {
        String at = "t+" + secs(Duration.between(start, clock.instant()));
        daemons.killActive(Duration.ofSeconds(60))
                .ifPresentOrElse(
                        pid -> log.line(at + " kill -9 of the active daemon, pid " + pid),
                        () -> log.line(at + " kill -9 skipped: no active daemon within 60 s " + daemons.describe()));
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
        ConvergeTrace trace = new ConvergeTrace();
        while (true) {
            try {
                // the rows and the outbox from one snapshot: read apart, a fill committed between the two
                // reads showed as an event "of no row" while the daemon was still writing
                DbSnapshot snap = jdbi.inTransaction(h -> {
                    h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                    return new DbSnapshot(DbFacts.read(h, account), OutboxCheck.read(h));
                });
                DbFacts facts = snap.facts();
                BrokerLedger broker = ledger.read();
                last = LedgerCheck.check(broker, facts, new LedgerCheck.Options(account, strict));
                outbox = new ArrayList<>(OutboxCheck.check(facts, snap.outbox()));
                outbox.addAll(GenuineFillCheck.check(broker, facts));
                checks++;
                trace.next(Duration.between(lastFault, clock.instant()), last, outbox)
                        .ifPresent(t -> log.tee("chaos: converge " + t));
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
            cron.tick();
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private void report(ChaosVerdict verdict, Ran ran, ChaosScript script, Instant started) {
        Converged c = ran.converged();
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append("execctl chaos — seed ")
                .append(options.seed())
                .append(", ")
                .append(options.env().key());
        b.append(", intents ").append(script.intentsWritten()).append(" ").append(script.written());
        b.append(nl).append("kills ").append(ran.kills()).append(" of ").append(options.kills());
        b.append(", daemon restarts ").append(ran.restarts());
        b.append(", PostgreSQL restart ").append(ran.pgRestarted() ? "yes" : "no");
        b.append(", cron sync runs ").append(cron.runs()).append(" ").append(options.syncs());
        b.append(" finished ").append(cron.exits());
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
        log.tee(text);
        try {
            Files.writeString(options.dir().resolve("report.txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot write the report file: {}", e.toString());
        }
    }

    static String secs(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
