package io.execctl.cli;

import io.execctl.config.ConfigException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the command tree and maps failures to exit codes with one line on stderr: configuration and
 * usage errors → 2, runtime failures → 1. Stack traces go to the log at debug level only
 * ({@code EXECCTL_LOG_LEVEL=DEBUG}).
 */
public final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new ExecctlCommand(context));
        cl.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(true);
        cl.setExecutionExceptionHandler(executionExceptionHandler());
        cl.setParameterExceptionHandler(parameterExceptionHandler());
        return cl;
    }

    /** Runs one command line in-process; returns the exit code. */
    public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        LogFormat.apply(LogFormat.fromArgs(args));
        long start = System.nanoTime();
        CommandLine cl = commandLine(context);
        cl.setOut(out);
        cl.setErr(err);
        try {
            int code = cl.execute(args);
            MetricsFileOption.writeIfAsked(
                    cl.getParseResult(), code, Duration.ofNanos(System.nanoTime() - start), Clock.systemUTC(), err);
            return code;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static IExecutionExceptionHandler executionExceptionHandler() {
        return (ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code;
            String line;
            if (ex instanceof ConfigException) {
                code = ExitCodes.USAGE;
                line = "configuration error: " + ex.getMessage();
            } else if (ex instanceof CommandFailure) {
                code = ExitCodes.FAILURE;
                line = ex.getMessage();
            } else {
                code = ExitCodes.FAILURE;
                line = "unexpected error: " + ex.getClass().getSimpleName() + ": "
                        + Database.firstLine(ex.getMessage());
            }
            LOG.debug("{} failed", commandLine.getCommandName(), ex);
            err.println("execctl: " + line);
            err.flush();
            return code;
        };
    }

    private static IParameterExceptionHandler parameterExceptionHandler() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("execctl: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        };
    }
}
