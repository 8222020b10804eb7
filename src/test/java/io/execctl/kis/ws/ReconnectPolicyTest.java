package io.execctl.kis.ws;

import io.execctl.config.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy = ReconnectPolicy.DEFAULT;

    static RandomGenerator fixed(double u) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    @Test
    void ceilingsDoubleUpToTheCap() {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            s.add(policy.ceiling(i).toMillis());
        }
        assertThat(s).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L);
        assertThat(policy.ceiling(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.ceiling(-3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fullJitterWithAFloor() {
        assertThat(policy.delay(3, fixed(0.5))).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(10, fixed(1.0))).isEqualTo(Duration.ofSeconds(30));
        // even an immediate failure with the smallest draw never retries at once
        assertThat(policy.delay(0, fixed(0.0))).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(0, fixed(Double.NaN))).isEqualTo(Duration.ofMillis(500));
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.delay(i % 12, r);
            assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    @Test
    void alreadyInUseWaitsLongAndGrowsToItsCap() {
        assertThat(policy.inUseDelay(1, fixed(1.0))).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.inUseDelay(1, fixed(0.0))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.inUseDelay(2, fixed(1.0))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.inUseDelay(10, fixed(1.0))).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.inUseDelay(100, fixed(0.0))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void exponentialFromTheSettingsSchedule() {
        ReconnectPolicy p = ReconnectPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(5));
        assertThat(p.ceiling(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.ceiling(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delay(0, fixed(0.0))).isEqualTo(Duration.ofMillis(200));
        assertThat(ReconnectPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(60))
                        .floor())
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsTightLoopConfigurations() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ReconnectPolicy(s, s, Duration.ZERO, s, s, s))
                .hasMessageContaining("floor");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, s, s, s, s, s))
                .hasMessageContaining("base");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), s, s, s, s, s))
                .hasMessageContaining("cap");
    }
}
