package io.execctl.config;

import io.execctl.domain.KisEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md and README.md list every setting with the default the code uses. */
class ConfigurationDocTest {

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        String doc = Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (Setting s : Setting.values()) {
            String row = doc.lines()
                    .filter(l -> l.startsWith("| `" + s.key() + "`"))
                    .findFirst()
                    .orElse("");
            assertThat(row)
                    .as("row of %s in docs/configuration.md", s.key())
                    .isNotEmpty()
                    .contains(s.defaultText());
            assertThat(row.contains("✱")).as("secret mark of %s", s.key()).isEqualTo(s.secret());
            assertThat(readme).as("README mentions %s", s.key()).contains(s.key());
        }
        for (String foreign : Setting.FOREIGN_KEYS) {
            assertThat(doc).contains(foreign);
        }
    }

    @Test
    void exampleFileLoadsAndMentionsEverySetting() throws IOException {
        Path example = Path.of("examples/execctl.properties");
        Config c = Config.load(ConfigSources.of(Map.of("HOME", "/h"), Optional.of(example), Map.of()));
        assertThat(c.kis().env()).isEqualTo(KisEnv.PAPER);
        assertThat(c.origin(Setting.KIS_ENV)).isEqualTo(Origin.FILE);
        String text = Files.readString(example, StandardCharsets.UTF_8);
        for (Setting s : Setting.values()) {
            assertThat(text).as("example mentions %s", s.key()).contains(s.key() + "=");
        }
    }
}
