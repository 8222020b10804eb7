package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void aNudgeMovesTheNextRunEarlierOnceAndTheCadenceStaysTheFallback() {
        AtomicInteger runs = new AtomicInteger();
        Nudge nudge = new Nudge();
        DaemonLoop hourly = new DaemonLoop(
                "sync-holdings",
                () -> {
                    runs.incrementAndGet();
                    return PassReport.complete("sync-holdings", 1, "ok");
                },
                () -> Duration.ofHours(1),
                Duration.ofHours(1),
                nudge);
        LoopScheduler s = new LoopScheduler(List.of(hourly), () -> true, metrics, Executors.newScheduledThreadPool(2));
        assertThat(nudge.attached()).isFalse();
        nudge.within(Duration.ZERO); // not running yet: dropped
        s.start();
        assertThat(nudge.attached()).isTrue();
        nudge.within(Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        // the replaced hourly run did not come back as a second chain: one nudge, one run
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        nudge.within(Duration.ofMillis(50));
        nudge.within(Duration.ofMillis(60)); // due sooner anyway: nothing changes
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(s.stop(Duration.ofSeconds(2))).isTrue();
        assertThat(nudge.attached()).isFalse();
    }

    @Test
    void aNudgeDuringARunMakesTheNextRunFollowWithinTheDelayAskedNeverTwoAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger inRun = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Nudge nudge = new Nudge();
        DaemonLoop loop = new DaemonLoop(
                "sync-holdings",
                () -> {
                    if (inRun.incrementAndGet() > 1) {
                        overlap.incrementAndGet();
                    }
                    try {
                        if (runs.incrementAndGet() == 1) {
                            entered.countDown();
                            release.await();
                        }
                    } finally {
                        inRun.decrementAndGet();
                    }
                    return PassReport.complete("sync-holdings", 1, "ok");
                },
                () -> Duration.ofHours(1),
                Duration.ZERO,
                nudge);
        LoopScheduler s = new LoopScheduler(List.of(loop), () -> true, metrics, Executors.newScheduledThreadPool(3));
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> entered.getCount() == 0);
        nudge.within(Duration.ofMillis(20)); // during the first run
        nudge.within(Duration.ofMillis(10));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(overlap.get()).isZero();
        assertThat(s.stop(Duration.ofSeconds(2))).isTrue();
    }
}
