package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoopSchedulerTest {
    final InMemoryDaemonMetrics metrics = new InMemoryDaemonMetrics();
    final Cadence fast = Cadence.between(Duration.ofMillis(5), Duration.ofMillis(10), new SplittableRandom(1));

    @Test
    void aLoopThatThrowsIsCountedAndKeepsItsSchedule() {
        AtomicInteger runs = new AtomicInteger();
        DaemonLoop failing = new DaemonLoop(
                "sync-fills",
                () -> {
                    if (runs.incrementAndGet() % 2 == 1) {
                        throw new IllegalStateException("boom");
                    }
                    return PassReport.complete("sync-fills", 0, "ok");
                },
                fast,
                Duration.ZERO);
        LoopScheduler s = new LoopScheduler(List.of(failing), () -> true, metrics, Executors.newScheduledThreadPool(1));
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 6);
        assertThat(s.stop(Duration.ofSeconds(2))).isTrue();
        assertThat(metrics.errors("sync-fills")).isGreaterThanOrEqualTo(3);
        assertThat(metrics.runs("sync-fills")).isGreaterThanOrEqualTo(2);
        int after = runs.get();
        assertThat(runs.get()).as("no run after stop").isEqualTo(after);
    }

    @Test
    void noPassRunsWhileTheLockIsNotHeldButTheScheduleIsKept() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean held = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        DaemonLoop loop = new DaemonLoop(
                "submit",
                () -> {
                    runs.incrementAndGet();
                    return PassReport.complete("submit", 0, "ok");
                },
                fast,
                Duration.ZERO);
        LoopScheduler s = new LoopScheduler(
                List.of(loop),
                () -> {
                    asked.incrementAndGet();
                    return held.get();
                },
                metrics,
                Executors.newScheduledThreadPool(1));
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() >= 5);
        assertThat(runs.get()).isZero();
        held.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
        assertThat(s.stop(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void stopDropsTheScheduledRunsInsteadOfWaitingForThem() {
        DaemonLoop slow = new DaemonLoop(
                "sync-holdings",
                () -> PassReport.complete("sync-holdings", 0, "ok"),
                () -> Duration.ofHours(1),
                Duration.ofHours(1));
        LoopScheduler s = new LoopScheduler(List.of(slow), () -> true, metrics, Executors.newScheduledThreadPool(1));
        s.start();
        long t0 = System.nanoTime();
        assertThat(s.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
}
