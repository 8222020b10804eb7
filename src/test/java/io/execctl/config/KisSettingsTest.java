package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's settings as built by hand (tests, the simulator-backed tier): defaults, masking, rules. */
class KisSettingsTest {
    static final String APP_KEY = "PSappKEYforSettingsTest0000000000001";
    static final String APP_SECRET = "appSECRETforSettingsTest/+=0000000001";

    private static KisSettings.Builder base(KisEnv env) {
        return KisSettings.builder(env)
                .appKey(Secret.of(APP_KEY))
                .appSecret(Secret.of(APP_SECRET))
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
        assertThat(real.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(real.backoff()).isEqualTo(BackoffTable.DEFAULT);
        assertThat(real.notices()).isEqualTo(NoticeSettings.DEFAULT);
        assertThat(real.maxPages()).isEqualTo(50);
        KisSettings paper = base(KisEnv.PAPER).build();
        assertThat(paper.restUrl()).isEqualTo("https://openapivts.koreainvestment.com:29443");
        assertThat(paper.ratePerSecond()).isLessThan(1.0);
    }

    @Test
    void toStringMasksEveryCredential() {
        String s = base(KisEnv.REAL).build().toString();
        assertThat(s)
                .doesNotContain(APP_KEY)
                .doesNotContain(APP_SECRET)
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
                .isEqualTo(Fingerprint.of(Secret.of(APP_KEY)));
        assertThat(APP_KEY).doesNotContain(s.appKeyFingerprint());
    }

    @Test
    void toBuilderRoundTrips() {
        KisSettings s = base(KisEnv.REAL).maxPages(9).htsId("other").build();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.withUrls("http://127.0.0.1:1/", "ws://127.0.0.1:2").restUrl())
                .isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> base(KisEnv.REAL).restUrl("ftp://x").build()).hasMessageStartingWith("KIS_REST_URL: ");
        assertThatThrownBy(() -> base(KisEnv.REAL).wsUrl("http://x").build()).hasMessageStartingWith("KIS_WS_URL: ");
        assertThatThrownBy(() -> base(KisEnv.REAL)
                        .appSecret(Secret.of(APP_SECRET + "\n"))
                        .build())
                .hasMessageStartingWith("KIS_APP_SECRET: ")
                .hasMessageContaining("whitespace")
                .hasMessageNotContaining(APP_SECRET);
        assertThatThrownBy(() -> base(KisEnv.REAL).ratePerSecond(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base(KisEnv.REAL).custType("B").build()).hasMessageContaining("custtype");
        assertThat(base(KisEnv.REAL).restUrl("http://127.0.0.1:8080/").build().restUrl())
                .isEqualTo("http://127.0.0.1:8080");
    }
}
