package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.ConfigSources;
import io.execctl.config.Need;
import io.execctl.config.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command. Subcommands are listed in {@code subcommands} below — registering a new one is
 * adding its class there. A subcommand reaches the configuration through {@link #config(Need...)}
 * (via {@code @ParentCommand}), never through {@code System.getenv()}.
 */
@Command(
        name = "execctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Execution service for a Korean quant runtime: order intents to KIS orders, fills and holdings.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  runtime failure (e.g. database unreachable)",
            "  2  usage or configuration error",
            "  3  mismatches found (diff-positions, sync holdings)",
            "  4  incomplete or unresolved: nothing changed or judged, or items left (e.g. an unknown outcome, an order to recheck)",
            "%nSettings: environment variables and --config FILE, see docs/configuration.md."
        },
        subcommands = {
            MigrateCommand.class,
            ConfigCommand.class,
            SimCommand.class,
            SubmitCommand.class,
            CancelCommand.class,
            SyncCommand.class,
            ReconcileCommand.class,
            OrdersCommand.class,
            FillsCommand.class,
            DiffPositionsCommand.class,
            DemoCommand.class,
            BootstrapCommand.class,
            DaemonCommand.class,
            ChaosCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
        })
public final class ExecctlCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecctlCommand.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "properties file with settings (same keys as the environment; the environment wins)")
    Path configFile;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            defaultValue = "text",
            completionCandidates = LogFormatCandidates.class,
            description = "log lines on stderr: text (default, for a terminal) or json (one object per line, for"
                    + " the daemon; carries intent_id, order_id and loop)")
    void logFormat(String format) {
        if (!LogFormat.VALUES.contains(format)) {
            throw new ParameterException(spec.commandLine(), "--log-format must be text or json, not '" + format + "'");
        }
    }

    @Option(
            names = "--metrics-file",
            paramLabel = "PATH",
            scope = ScopeType.INHERIT,
            description = "after the command, write its exit code, duration and finish time to PATH as a"
                    + " node-exporter textfile (atomically), for cron monitoring")
    Path metricsFile;

    /** The values {@code --log-format} completes to. */
    static final class LogFormatCandidates extends ArrayList<String> {
        LogFormatCandidates() {
            super(LogFormat.VALUES);
        }
    }

    public ExecctlCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (try: execctl --help)");
    }

    public CliContext context() {
        return context;
    }

    /** Loads and validates the configuration, checking what the calling command needs. */
    public Config config(Need... needs) {
        return config(Map.of(), needs);
    }

    /** Same, with values a command took from its own flags (they win over env and file). */
    public Config config(Map<Setting, String> flags, Need... needs) {
        Config c = Config.load(ConfigSources.of(context.env(), Optional.ofNullable(configFile), flags));
        c.warnings().forEach(w -> LOG.warn("{}", w));
        return c.require(needs);
    }
}
