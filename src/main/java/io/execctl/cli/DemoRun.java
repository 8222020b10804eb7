package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.ConfigException;
import io.execctl.config.KisSettings;
import io.execctl.config.Setting;
import io.execctl.demo.DemoSnapshot;
import io.execctl.demo.DemoStrategy;
import io.execctl.demo.DemoView;
import io.execctl.domain.KisEnv;
import io.execctl.proof.CheckResult;
import io.execctl.proof.DbFacts;
import io.execctl.proof.LedgerCheck;
import io.execctl.proof.LedgerReader;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One demo run: simulator → database (fresh: the demo's own embedded cluster is reset, a configured
 * database must be empty) → migrations → the daemon in-process ({@link EngineProcess}, the same wiring
 * as {@code execctl daemon}: bootstrap, intent pump, notice WebSocket, every sync loop) →
 * strategy → live view, until Ctrl-C or {@code --duration}; then, unattended, wait until the ledger
 * check passes or the timeout ends, and print a summary with the check.
 */
final class DemoRun {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    private static final Duration STRATEGY_EVERY = Duration.ofSeconds(1);
    /** After Ctrl-C: how long orders in flight may settle before the summary's ledger check. */
    private static final Duration CTRL_C_SETTLE = Duration.ofSeconds(10);

    record Options(
            Duration duration, Duration convergeTimeout, long seed, Duration refresh, boolean ansi, String symbols) {
        Options {
            Objects.requireNonNull(convergeTimeout, "convergeTimeout");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(symbols, "symbols");
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    DemoRun(Options options, PrintWriter out, PrintWriter err) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Runs the demo; {@code configFor} gives the configuration pointing at the started simulator. */
    int run(Function<Simulator, Config> configFor) {
        Thread hook = new Thread(this::onSignal, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Simulator sim = Simulator.start(SimOptions.defaults()
                .withEnv(KisEnv.REAL)
                .withSeed(options.seed())
                .withSymbols(options.symbols()))) {
            Config config = configFor.apply(sim);
            try (DemoLock lock = DemoLock.take(config);
                    Database db = Database.open(config)) {
                return runWith(sim, config, db);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for `finished`
            }
        }
    }

    private void onSignal() {
        stopRequested.countDown();
        try {
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runWith(Simulator sim, Config config, Database db) {
        prepare(config, db);
        Jdbi jdbi = Db.create(db.dataSource());
        KisSettings settings = KisWiring.settings(config);
        String account = settings.account().reveal();
        err.println("execctl demo: " + db.description() + "; simulator " + sim.restUrl() + " (admin " + sim.adminUrl()
                + ")");
        err.flush();
        LedgerReader ledger = new LedgerReader(sim.adminUrl());
        DemoStrategy strategy =
                new DemoStrategy(jdbi, account, DemoStrategy.parseSymbols(options.symbols()), options.seed(), clock);
        ScheduledExecutorService strategyLoop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-strategy");
            t.setDaemon(true);
            return t;
        });
        try (DemoDaemon daemon = DemoDaemon.start(config, db, jdbi)) {
            daemon.awaitRunning(Duration.ofSeconds(60), this::await);
            strategyLoop.scheduleWithFixedDelay(
                    () -> {
                        try {
                            strategy.step();
                        } catch (RuntimeException e) {
                            LOG.warn("demo strategy step failed: {}", e.toString());
                        }
                    },
                    0,
                    STRATEGY_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            boolean interrupted = show(jdbi, account, daemon::describe);
            stop(strategyLoop);
            // The engine keeps running while the check waits, so every intent written gets its order and
            // fills: the check is strict. Unattended: the full timeout; after Ctrl-C: a short settle.
            Duration settle = interrupted ? min(options.convergeTimeout(), CTRL_C_SETTLE) : options.convergeTimeout();
            if (interrupted) {
                err.println("execctl demo: stopping; letting orders in flight settle (up to " + settle.toSeconds()
                        + " s) before the ledger check");
                err.flush();
            }
            CheckResult result = converge(ledger, jdbi, account, settle);
            daemon.stop();
            summary(jdbi, account, strategy, result);
            if (options.duration() == null) {
                return ExitCodes.OK;
            }
            return result.ok() ? ExitCodes.OK : ExitCodes.MISMATCHES;
        } finally {
            stop(strategyLoop);
        }
    }

    /** A fresh schema: the demo cluster is reset; a configured database must not hold execctl's schema yet. */
    private void prepare(Config config, Database db) {
        Jdbi jdbi = Db.create(db.dataSource());
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT to_regnamespace('trade') IS NOT NULL")
                .mapTo(Boolean.class)
                .one());
        if (exists && config.db().embedded()) {
            jdbi.useHandle(h -> h.execute("DROP SCHEMA trade CASCADE"));
        } else if (exists) {
            throw new ConfigException(
                    Setting.DB_URL,
                    "names a database that already has execctl's schema; the demo needs an empty database"
                            + " (or unset it to use the demo's own embedded PostgreSQL)");
        }
        Migrations.Report report = Migrations.migrate(db.dataSource(), true);
        LOG.info("demo schema: {}", MigrateCommand.summary(report));
    }

    /** Shows the view until the duration ends or Ctrl-C; true when stopped by Ctrl-C. */
    private boolean show(Jdbi jdbi, String account, Supplier<String> engine) {
        DemoView view = new DemoView(out, options.ansi());
        Instant started = clock.instant();
        Instant end = options.duration() == null ? null : started.plus(options.duration());
        long frame = 0;
        while (true) {
            Instant now = clock.instant();
            if (end != null && !now.isBefore(end)) {
                return false;
            }
            if (view.ansi() || frame % 5 == 0) {
                String header =
                        "execctl demo — " + Duration.between(started, now).toSeconds() + " s"
                                + (end == null
                                        ? " (Ctrl-C to stop)"
                                        : " of " + options.duration().toSeconds() + " s");
                try {
                    view.show(DemoSnapshot.read(jdbi, account, now), header, engine.get());
                } catch (RuntimeException e) {
                    LOG.warn("demo view: {}", e.toString());
                }
            }
            frame++;
            long wait = options.refresh().toMillis();
            if (end != null) {
                wait = Math.min(
                        wait, Math.max(1, Duration.between(clock.instant(), end).toMillis()));
            }
            if (await(wait)) {
                return true;
            }
        }
    }

    /** Waits for the ledger check to pass, up to {@code timeout}; the engine keeps running meanwhile. */
    private CheckResult converge(LedgerReader ledger, Jdbi jdbi, String account, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        CheckResult last = check(ledger, jdbi, account);
        while (!last.ok() && clock.instant().isBefore(deadline)) {
            if (pause(500)) {
                break;
            }
            last = check(ledger, jdbi, account);
        }
        return last;
    }

    /**
     * Waits {@code millis}; true when Ctrl-C arrived during the wait. After Ctrl-C has already arrived
     * it simply waits (the stop is under way and this wait is part of it).
     */
    private boolean pause(long millis) {
        if (stopRequested.getCount() > 0) {
            return await(millis);
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The strict check (real mode): every valid intent has exactly one order, nothing UNKNOWN or unsent. */
    private static CheckResult check(LedgerReader ledger, Jdbi jdbi, String account) {
        DbFacts facts = DbFacts.read(jdbi, account);
        return LedgerCheck.check(ledger.read(), facts, new LedgerCheck.Options(account, true));
    }

    private void summary(Jdbi jdbi, String account, DemoStrategy strategy, CheckResult result) {
        DemoSnapshot s = DemoSnapshot.read(jdbi, account, clock.instant());
        out.println();
        out.println("execctl demo summary");
        out.println("  intents written: " + strategy.intentsWritten() + " — " + s.intentsByStatus());
        out.println("  orders: " + s.ordersByStatus());
        out.println("  live fills: " + s.liveFills());
        out.println("  holdings: " + String.join("; ", s.holdings()));
        out.println("  " + result.describe().replace(System.lineSeparator(), System.lineSeparator() + "  "));
        out.flush();
    }

    /** Sleeps up to {@code millis}; true when Ctrl-C arrived. */
    private boolean await(long millis) {
        try {
            return stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void stop(ScheduledExecutorService loop) {
        loop.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One demo per embedded demo cluster at a time (it resets the schema). */
    private static final class DemoLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private DemoLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DemoLock take(Config config) {
            if (!config.db().embedded()) {
                return new DemoLock(null, null);
            }
            Path dir = config.dataDir();
            try {
                Files.createDirectories(dir);
                FileChannel ch =
                        FileChannel.open(dir.resolve("demo.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.tryLock();
                if (l == null) {
                    ch.close();
                    throw new CommandFailure("another execctl demo is running on " + dir);
                }
                return new DemoLock(ch, l);
            } catch (IOException e) {
                throw new CommandFailure("cannot lock " + dir + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
