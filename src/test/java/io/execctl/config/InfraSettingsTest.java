package io.execctl.config;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the shared rate budget lives and how much the audit may buffer. */
class InfraSettingsTest {

    @Test
    void defaultsAreTheDatabaseAndTenThousand() {
        Config c = Config.fromEnvironment(Map.of());
        assertThat(c.infra().rateStateDir()).isEmpty();
        assertThat(c.infra().auditQueue()).isEqualTo(10_000);
        assertThat(c.describe())
                .anySatisfy(l -> assertThat(l).startsWith("KIS_RATE_STATE_DIR").contains("trade.kis_rate_budget"))
                .anySatisfy(l -> assertThat(l).startsWith("EXECCTL_AUDIT_QUEUE").contains("10000"));
    }

    @Test
    void aSharedDirectoryAndAQueueSizeAreRead() {
        Config c = Config.fromEnvironment(
                Map.of("KIS_RATE_STATE_DIR", "/mnt/shared/execctl/../execctl", "EXECCTL_AUDIT_QUEUE", "500"));
        assertThat(c.infra().rateStateDir()).contains(Path.of("/mnt/shared/execctl"));
        assertThat(c.infra().auditQueue()).isEqualTo(500);
    }

    @ParameterizedTest
    @CsvSource({
        "KIS_RATE_STATE_DIR, relative/dir, absolute",
        "EXECCTL_AUDIT_QUEUE, 10, between 100",
        "EXECCTL_AUDIT_QUEUE, many, ",
    })
    void badValuesNameTheKey(String key, String value, String expected) {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(expected == null ? "" : expected);
    }
}
