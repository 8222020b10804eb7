package io.execctl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/execctl.env.example lists exactly the keys of {@link Setting} (a new setting without a line
 * there fails here), each with the code's default, and secrets blank.
 */
class EnvExampleTest {
    private static final Path EXAMPLE = Path.of("examples/execctl.env.example");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");
    /** A default that can be written as a value (not a sentence like "the KIS_ENV host"). */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.,:/-]+");

    @Test
    void listsExactlyTheSettingKeysWithTheirDefaultsAndBlankSecrets() throws IOException {
        String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        Map<String, Matcher> lines = new HashMap<>();
        for (String line : text.lines().toList()) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                assertThat(lines.put(m.group(2), m))
                        .as("%s appears once", m.group(2))
                        .isNull();
            }
        }
        Set<String> keys = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());
        Set<String> extra =
                lines.keySet().stream().filter(k -> !keys.contains(k)).collect(Collectors.toSet());
        assertThat(lines.keySet()).as("missing from %s", EXAMPLE).containsAll(keys);
        assertThat(Setting.FOREIGN_KEYS)
                .as("keys in %s that are no setting", EXAMPLE)
                .containsAll(extra);

        for (Setting s : Setting.values()) {
            Matcher m = lines.get(s.key());
            String value = m.group(3);
            if (s.secret()) {
                assertThat(value).as("secret %s is blank", s.key()).isEmpty();
            } else if (LITERAL.matcher(s.defaultText()).matches()) {
                assertThat(m.group(1))
                        .as("%s is commented out (the default applies)", s.key())
                        .isEqualTo("#");
                assertThat(value).as("default of %s", s.key()).isEqualTo(s.defaultText());
            } else {
                assertThat(m.group(1)).as("%s is commented out", s.key()).isEqualTo("#");
                assertThat(value).as("%s has no literal default", s.key()).isEmpty();
                assertThat(text).as("default of %s described", s.key()).contains("# default: " + s.defaultText());
            }
        }
    }
}
