package io.execctl.domain;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalPolicyTest {
    @Test
    void theSendLeaseCoversTheConfiguredCallTimeoutPlusTheMargin() {
        JournalPolicy p = JournalPolicy.defaults().withOrderCallTimeout(Duration.ofSeconds(30));
        assertThat(p.orderCallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.sendLease())
                .isEqualTo(Duration.ofSeconds(30).plus(JournalPolicy.defaults().margin()));
        assertThat(p.claimLease()).isEqualTo(JournalPolicy.defaults().claimLease());
        assertThat(p.maxAttempts()).isEqualTo(JournalPolicy.defaults().maxAttempts());
    }

    @Test
    void aNonPositiveCallTimeoutIsRefused() {
        assertThatThrownBy(() -> JournalPolicy.defaults().withOrderCallTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
