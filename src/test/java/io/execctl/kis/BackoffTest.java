package io.execctl.kis;

import io.execctl.config.BackoffTable;
import io.execctl.config.RetrySchedule;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The design document's table, exponential with bounded jitter, never unbounded. */
class BackoffTest {

    @Test
    void nominalTable() {
        BackoffTable t = BackoffTable.DEFAULT;
        assertThat(t.rateLimited().delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.rateLimited().delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.rateLimited().delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.rateLimited().maxRetries()).isEqualTo(3);
        assertThat(t.serverError().delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.serverError().delay(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(t.serverError().maxRetries()).isEqualTo(3);
        assertThat(t.timeout().delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.timeout().delay(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.timeout().maxRetries()).isEqualTo(2);
    }

    @Test
    void capHolds() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(1), 2, Integer.MAX_VALUE, Duration.ofSeconds(30));
        assertThat(s.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(s.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterStaysWithinBoundsAndVaries() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null);
        Backoff b = new Backoff(0.2, new SplittableRandom(7), sleeper);
        for (int i = 0; i < 200; i++) {
            Duration d = b.delay(BackoffTable.DEFAULT.serverError(), 2);
            assertThat(d.toMillis()).isBetween(3200L, 4800L);
        }
        assertThat(b.delay(BackoffTable.DEFAULT.serverError(), 3).toMillis()).isLessThanOrEqualTo(8000L);
        assertThat(IntStream.range(0, 20)
                        .mapToObj(i -> b.delay(BackoffTable.DEFAULT.rateLimited(), 1))
                        .distinct()
                        .count())
                .isGreaterThan(5);
    }

    @Test
    void pauseStopsAfterMaxRetries() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null);
        Backoff b = new Backoff(0, new SplittableRandom(1), sleeper);
        RetrySchedule s = BackoffTable.DEFAULT.timeout();
        assertThat(b.pause(s, 1)).isTrue();
        assertThat(b.pause(s, 2)).isTrue();
        assertThat(b.pause(s, 3)).isFalse();
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 0.5, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), 2, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(1.5, new SplittableRandom(1), d -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
