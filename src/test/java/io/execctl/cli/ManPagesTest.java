package io.execctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/man holds the man pages (AsciiDoc, doctype manpage) picocli's ManPageGenerator makes from the
 * command tree, one per command; they must be exactly what it makes now. Regenerate with
 * {@value #REGENERATE}; turn one into troff with {@code asciidoctor -b manpage docs/man/execctl.adoc}.
 */
class ManPagesTest {
    static final Path DIR = Path.of("docs/man");
    static final String REGENERATE =
            "mvn -o -q test -Dtest=ManPagesTest -Dexecctl.regenerate.man=true -Dsurefire.failIfNoSpecifiedTests=false";

    @TempDir
    Path tmp;

    @Test
    void committedManPagesAreWhatPicocliGenerates() throws IOException {
        boolean regenerate = Boolean.getBoolean("execctl.regenerate.man");
        Path out = regenerate ? DIR : tmp;
        if (regenerate) {
            Files.createDirectories(DIR);
            try (Stream<Path> old = Files.list(DIR)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        int rc = ManPageGenerator.generateManPage(
                out.toFile(),
                null,
                new boolean[0],
                false,
                Cli.commandLine(new CliContext(Map.of())).getCommandSpec());
        assertThat(rc).isZero();
        Map<String, String> generated = read(out);
        assertThat(generated).containsKeys("execctl.adoc", "execctl-diff-positions.adoc", "execctl-submit.adoc");
        assertThat(read(DIR))
                .as("docs/man is stale; regenerate it:  %s", REGENERATE)
                .isEqualTo(generated);
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
