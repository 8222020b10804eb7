package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.config.Setting;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl demo}: the project's main job on a fresh machine with one command — the embedded
 * PostgreSQL, the simulator in-process with the demo credentials, the migrations, the engine, a small
 * strategy writing intents, and a live view; see {@link DemoRun}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run execctl end to end with nothing configured: embedded PostgreSQL, the KIS simulator, the engine"
                    + " and a demo strategy, with a live view. Ctrl-C stops it and prints a summary.",
            "With --duration it runs unattended, then waits for the database to agree with the simulator's"
                    + " ledger: exit 0 when it does, 3 with the violations when it does not."
        })
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "run unattended this long (e.g. 30s, 2m), then check against the ledger and exit")
    Duration duration;

    @Option(
            names = "--converge-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description =
                    "how long to wait for the database to agree with the ledger after --duration (default ${DEFAULT-VALUE})")
    Duration convergeTimeout;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the simulator and the strategy (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--refresh",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1s",
            description = "how often the view is redrawn (default ${DEFAULT-VALUE}; plain lines every 5 refreshes)")
    Duration refresh;

    @Option(
            names = "--plain",
            description = "plain log lines instead of redrawing the screen (automatic without a terminal)")
    boolean plain;

    /** The order-time skew runs against the simulator use: its session clock is not wall time. */
    static final String SIM_ORDER_TIME_SKEW_MS = "86400000";

    /**
     * What a daemon against the simulator needs, for the demo and the chaos day alike: its ORD_TMD is its
     * own session clock (09:00 at its start), so the order-time window covers a whole day (docs/engine.md
     * "Broker clock"); its market is open at any hour, so no KRX after-close slowdown by the wall clock.
     */
    static final Map<Setting, String> SIM_DAEMON_SETTINGS =
            Map.of(Setting.ORDER_TIME_SKEW_MS, SIM_ORDER_TIME_SKEW_MS, Setting.MARKET_HOURS, "always");

    @Override
    public Integer call() {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new ParameterException(spec.commandLine(), "--duration must be > 0");
        }
        if (refresh.toMillis() < 100) {
            throw new ParameterException(spec.commandLine(), "--refresh must be at least 100ms");
        }
        Config base = root.config(Need.DB);
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (base.db().embedded()) {
            // the demo's own cluster, never the installation's (EXECCTL_DATA_DIR/pg)
            flags.put(Setting.DATA_DIR, base.dataDir().resolve("demo").toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean ansi = !plain && duration == null && System.console() != null;
        DemoRun.Options options =
                new DemoRun.Options(duration, convergeTimeout, seed, refresh, ansi, SimOptions.DEMO_SYMBOLS);
        return new DemoRun(options, out, err).run(sim -> {
            Map<Setting, String> kis = new EnumMap<>(flags);
            kis.put(Setting.KIS_ENV, KisEnv.REAL.key());
            kis.put(Setting.KIS_APP_KEY, SimOptions.DEMO_APP_KEY);
            kis.put(Setting.KIS_APP_SECRET, SimOptions.DEMO_APP_SECRET);
            kis.put(Setting.KIS_ACCOUNT, SimOptions.DEMO_ACCOUNT);
            kis.put(Setting.KIS_HTS_ID, SimOptions.DEMO_HTS_ID);
            kis.put(Setting.KIS_REST_URL, sim.restUrl());
            kis.put(Setting.KIS_WS_URL, sim.wsUrl());
            kis.putAll(SIM_DAEMON_SETTINGS);
            // a short demo: the REST syncs at a few seconds so the ledger check converges quickly
            kis.putIfAbsent(Setting.HOLDINGS_SYNC_S, "3");
            kis.putIfAbsent(Setting.FILLS_SYNC_S, "3");
            kis.putIfAbsent(Setting.UNFILLED_SYNC_S, "3");
            return root.config(kis, Need.DB, Need.KIS);
        });
    }
}
