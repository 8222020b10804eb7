package io.execctl.kis;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KisSettingsTest {
    private static KisSettings.Builder base(KisEnv env) {
        return KisSettings.builder(env)
                .appKey(Secret.of(KisFixture.APP_KEY))
                .appSecret(Secret.of(KisFixture.APP_SECRET))
                .account(AccountNo.parse("12345678-01"))
                .htsId("myhtsid");
    }

    @Test
    void defaultsPerEnvironment() {
        KisSettings real = base(KisEnv.REAL).build();
        assertThat(real.restUrl()).isEqualTo("https://openapi.koreainvestment.com:9443");
        assertThat(real.wsUrl()).isEqualTo("ws://ops.koreainvestment.com:21000");
        assertThat(real.ratePerSecond()).isEqualTo(18.0);
        assertThat(real.trIdSet()).isEqualTo(TrIdSet.NEW);
        assertThat(real.custType()).isEqualTo("P");
        KisSettings paper = base(KisEnv.PAPER).build();
        assertThat(paper.restUrl()).isEqualTo("https://openapivts.koreainvestment.com:29443");
        assertThat(paper.ratePerSecond()).isLessThan(1.0);
    }

    @Test
    void toStringMasksEveryCredential() {
        String s = base(KisEnv.REAL).build().toString();
        assertThat(s)
                .doesNotContain(KisFixture.APP_KEY)
                .doesNotContain(KisFixture.APP_SECRET)
                .doesNotContain("12345678")
                .doesNotContain("myhtsid");
        assertThat(s).contains("12****78-01");
    }

    @Test
    void fingerprintIsStableAndOneWay() {
        KisSettings s = base(KisEnv.REAL).build();
        assertThat(s.appKeyFingerprint())
                .hasSize(16)
                .matches("[0-9a-f]{16}")
                .isEqualTo(Fingerprint.of(Secret.of(KisFixture.APP_KEY)));
        assertThat(KisFixture.APP_KEY).doesNotContain(s.appKeyFingerprint());
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> base(KisEnv.REAL).restUrl("ftp://x").build()).hasMessageContaining("restUrl");
        assertThatThrownBy(() -> base(KisEnv.REAL).wsUrl("http://x").build()).hasMessageContaining("wsUrl");
        assertThatThrownBy(() -> base(KisEnv.REAL)
                        .appSecret(Secret.of(KisFixture.APP_SECRET + "\n"))
                        .build())
                .hasMessageContaining("whitespace")
                .hasMessageNotContaining(KisFixture.APP_SECRET);
        assertThatThrownBy(() -> base(KisEnv.REAL).ratePerSecond(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base(KisEnv.REAL).custType("B").build()).hasMessageContaining("custtype");
        assertThat(base(KisEnv.REAL).restUrl("http://127.0.0.1:8080/").build().restUrl())
                .isEqualTo("http://127.0.0.1:8080");
    }
}
