package io.execctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * completions/execctl.bash must be exactly what {@code execctl generate-completion} prints for the
 * current command tree; regenerate it when a command or option changes.
 */
class CompletionScriptTest {
    private static final Path SCRIPT = Path.of("completions/execctl.bash");
    private static final String REGENERATE = "bin/execctl generate-completion > completions/execctl.bash";

    @Test
    void committedCompletionScriptIsWhatGenerateCompletionPrints() throws IOException {
        String generated = generateCompletion();
        String committed = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertThat(committed)
                .as(
                        "completions/execctl.bash is stale (first difference: %s); regenerate it:  %s",
                        firstDifference(committed, generated), REGENERATE)
                .isEqualTo(generated);
        // the same script picocli's API builds, and it covers the whole tree (subcommands, inherited options)
        assertThat(generated.strip())
                .isEqualTo(AutoComplete.bash("execctl", Cli.commandLine(new CliContext(Map.of())))
                        .strip());
        CommandLine tree = Cli.commandLine(new CliContext(Map.of()));
        assertThat(committed).contains("--config", "--help", "--version");
        for (String sub : tree.getSubcommands().keySet()) {
            if (!tree.getSubcommands().get(sub).getCommandSpec().usageMessage().hidden()) {
                assertThat(committed).as("subcommand %s", sub).contains(sub);
            }
        }
    }

    @Test
    void scriptIsValidBash() throws Exception {
        Process bash = new ProcessBuilder("bash", "-n", SCRIPT.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
    }

    /** README's zsh recipe: the script loads under bashcompinit and registers the completion. */
    @Test
    void scriptLoadsInZshUnderBashcompinit() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh not installed: the zsh check runs only where zsh is");
        Process zsh = new ProcessBuilder(
                        "zsh",
                        "-f",
                        "-c",
                        "autoload -U +X compinit && compinit -u; autoload -U +X bashcompinit && bashcompinit"
                                + " && source completions/execctl.bash && print -r -- ${_comps[execctl]}")
                .redirectErrorStream(true)
                .start();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(zsh.exitValue()).as(out).isZero();
        assertThat(out).contains("_complete_execctl");
    }

    /** What {@code bin/execctl generate-completion} writes to stdout. */
    private static String generateCompletion() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(Map.of()), new PrintWriter(out), new PrintWriter(err), "generate-completion");
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static String firstDifference(String committed, String generated) {
        List<String> a = committed.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end of file>";
            String y = i < b.size() ? b.get(i) : "<end of file>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": committed [" + x + "], generated [" + y + "]";
            }
        }
        return committed.length() == generated.length() ? "none" : "trailing newlines";
    }
}
