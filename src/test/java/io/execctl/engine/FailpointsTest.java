package io.execctl.engine;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The failpoint spec; halting itself is shown by the kill tests (cli.FailpointKill*Test). */
class FailpointsTest {
    @Test
    void offByDefaultInTests() {
        assertThat(Failpoints.ENABLED).isFalse();
        Failpoints.hit(Failpoints.AFTER_CLAIM); // nothing happens
    }

    @Test
    void namesWithOptionalHitCounts() {
        var armed = Failpoints.parse(" after-claim , after-send-before-record:3");
        assertThat(armed.keySet())
                .containsExactlyInAnyOrder(Failpoints.AFTER_CLAIM, Failpoints.AFTER_SEND_BEFORE_RECORD);
        assertThat(armed.get(Failpoints.AFTER_CLAIM).get()).isEqualTo(1);
        assertThat(armed.get(Failpoints.AFTER_SEND_BEFORE_RECORD).get()).isEqualTo(3);
        assertThat(Failpoints.parse("")).isEqualTo(Map.of());
        assertThat(Failpoints.parse(null)).isEqualTo(Map.of());
    }

    @Test
    void aTypoIsAnErrorNotASilentNoOp() {
        assertThatThrownBy(() -> Failpoints.parse("after-clam"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown failpoint");
        assertThatThrownBy(() -> Failpoints.parse("after-claim:0")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Failpoints.parse("after-claim:x")).hasMessageContaining("bad hit count");
    }
}
