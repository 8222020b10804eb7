package io.execctl.engine.daemon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceSoonerTest {
    final Cadence fiveSeconds = () -> Duration.ofSeconds(5);
    final AtomicReference<Optional<Duration>> due = new AtomicReference<>(Optional.empty());
    final Cadence fills = Cadence.sooner(fiveSeconds, due::get, Duration.ofMillis(300));

    @Test
    void aDeficitDueBeforeTheNextRunBringsTheRunToItsEndPlusTheSlack() {
        assertThat(fills.next()).isEqualTo(Duration.ofSeconds(5));
        due.set(Optional.of(Duration.ofSeconds(2)));
        assertThat(fills.next()).isEqualTo(Duration.ofMillis(2300));
        due.set(Optional.of(Duration.ofSeconds(9)));
        assertThat(fills.next()).as("due after the next run anyway").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aFailingQuestionLeavesTheBaseCadence() {
        Cadence failing = Cadence.sooner(
                fiveSeconds,
                () -> {
                    throw new IllegalStateException("database down");
                },
                Duration.ofMillis(300));
        assertThat(failing.next()).isEqualTo(Duration.ofSeconds(5));
    }
}
