package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl config}: the effective settings, secrets masked, and where each came from. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Show the effective settings (secrets masked) and where each came from.",
            "Exit 2 if a value is malformed, or if a group named by --require is incomplete."
        })
final class ConfigCommand implements Callable<Integer> {

    /** Groups of settings a command may need. */
    enum Requirement {
        db(Need.DB),
        kis(Need.KIS),
        notices(Need.KIS_NOTICES);

        final Need need;

        Requirement(Need need) {
            this.need = need;
        }
    }

    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--require",
            split = ",",
            paramLabel = "GROUP",
            description = "check that these groups are complete: ${COMPLETION-CANDIDATES}")
    List<Requirement> require = new ArrayList<>();

    @Override
    public Integer call() {
        Config config = root.config(require.stream().map(r -> r.need).toArray(Need[]::new));
        PrintWriter out = spec.commandLine().getOut();
        config.file().ifPresent(f -> out.println("# file: " + f));
        config.describe().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
