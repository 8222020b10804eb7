package io.execctl.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    @Test
    void secretNeverPrintsItsValue() {
        Secret s = Secret.of("PSabcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(s.toString()).doesNotContain("abcdef").isEqualTo("****(38)");
        assertThat("key=" + s).doesNotContain("PSabc");
        assertThat(s.reveal()).startsWith("PSabc");
    }

    @Test
    void scrubRemovesSecretsFromText() {
        Secret s = Secret.of("token-123456");
        assertThat(Secret.scrub("{\"authorization\":\"Bearer token-123456\"}", s))
                .doesNotContain("token-123456");
    }

    @Test
    void accountNumberIsMaskedAndParsed() {
        AccountNo a = AccountNo.parse("50000001-01");
        assertThat(a.cano()).isEqualTo("50000001");
        assertThat(a.productCode()).isEqualTo("01");
        assertThat(a.reveal()).isEqualTo("50000001-01");
        assertThat(a.toString()).isEqualTo("50****01-01").doesNotContain("50000001");
        assertThat(AccountNo.parse("5000000101")).isEqualTo(a);
    }

    @Test
    void malformedAccountErrorDoesNotEchoIt() {
        assertThatThrownBy(() -> AccountNo.parse("9876543-21"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9876543"));
    }

    @Test
    void kisEnvParsesConfigSpelling() {
        assertThat(KisEnv.parse("real")).contains(KisEnv.REAL);
        assertThat(KisEnv.parse(" PAPER ")).contains(KisEnv.PAPER);
        assertThat(KisEnv.parse("prodx")).isEmpty();
        assertThat(KisEnv.PAPER.defaultRestUrl()).contains("openapivts");
    }
}
