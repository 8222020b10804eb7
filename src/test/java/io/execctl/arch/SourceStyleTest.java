package io.execctl.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint rule the formatter cannot apply: types are imported, never spelled out inline. A name
 * written {@code java.util.Map} in the middle of code hides a dependency from the import list, which
 * is where a reader (and the architecture test) looks for it. Spotless checks the layout in the
 * {@code validate} phase; this test checks what it does not.
 */
class SourceStyleTest {

    /** A dotted lower-case package path ending in a capitalised type, not preceded by a word or dot. */
    private static final Pattern INLINE_QUALIFIED =
            Pattern.compile("(?<![\\w.@])(?:java|javax|jdk|io|org|com|okhttp3|picocli)(?:\\.[a-z0-9_]+)+\\.[A-Z]\\w*");

    private static final Pattern STRING_OR_CHAR = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");

    @Test
    void noInlineFullyQualifiedTypeNames() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    scan(file, offenders);
                }
            }
        }
        assertThat(offenders)
                .as("import these types instead of naming them inline")
                .isEmpty();
    }

    @Test
    void theRuleCatchesWhatItIsFor() {
        List<String> found = new ArrayList<>();
        scanLine(Path.of("X.java"), 1, "  java.util.Map<String, Integer> m = new java.util.HashMap<>();", found);
        scanLine(Path.of("X.java"), 2, "  String s = \"java.util.List is fine in a string\";", found);
        scanLine(Path.of("X.java"), 3, "  Map.Entry<K, V> e; // a nested type is not a package path", found);
        assertThat(found).hasSize(1);
    }

    private static void scan(Path file, List<String> offenders) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean inBlockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (inBlockComment) {
                if (trimmed.contains("*/")) {
                    inBlockComment = false;
                }
                continue;
            }
            if (trimmed.startsWith("/*")) {
                inBlockComment = !trimmed.contains("*/");
                continue;
            }
            if (trimmed.startsWith("import ")
                    || trimmed.startsWith("package ")
                    || trimmed.startsWith("//")
                    || trimmed.startsWith("*")
                    || trimmed.startsWith("\"")) {
                continue;
            }
            scanLine(file, i + 1, line, offenders);
        }
    }

    private static void scanLine(Path file, int lineNo, String line, List<String> offenders) {
        String code = STRING_OR_CHAR.matcher(line).replaceAll("\"\"");
        int comment = code.indexOf("//");
        if (comment >= 0) {
            code = code.substring(0, comment);
        }
        if (INLINE_QUALIFIED.matcher(code).find()) {
            offenders.add(file + ":" + lineNo + ": " + line.strip());
        }
    }
}
