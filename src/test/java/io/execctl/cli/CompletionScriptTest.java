package io.execctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

import static org.assertj.core.api.Assertions.assertThat;

/** completions/execctl.bash must match the command tree; regenerate it when a command changes. */
class CompletionScriptTest {

    @Test
    void committedCompletionScriptIsCurrent() throws IOException {
        String expected = AutoComplete.bash("execctl", Cli.commandLine(new CliContext(Map.of())));
        String committed = Files.readString(Path.of("completions/execctl.bash"), StandardCharsets.UTF_8);
        assertThat(committed.strip())
                .as(
                        "completions/execctl.bash is stale: run  bin/execctl generate-completion > completions/execctl.bash")
                .isEqualTo(expected.strip());
        assertThat(committed).contains("migrate", "--with-contract-tables", "--config", "--require");
    }
}
