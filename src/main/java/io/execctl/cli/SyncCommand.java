package io.execctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl sync …}: one-shot syncs with the broker, for cron beside the daemon (same claims,
 * locks, token cache and rate budget). A sync is added by adding its class to {@code subcommands}.
 */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = "Sync one kind of broker state into the database once.",
        subcommands = {SyncHoldingsCommand.class, SyncFillsCommand.class, SyncUnfilledCommand.class})
final class SyncCommand implements Runnable {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing sync target (try: execctl sync --help)");
    }
}
