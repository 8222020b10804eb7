package io.execctl.kis;

import io.execctl.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The host-wide budget: never more than the rate in any second, shared across "processes", orders first. */
class HostRateBudgetTest {
    @TempDir
    Path dir;

    private static void assertNoWindowExceeds(List<Instant> slots, double rate) {
        List<Instant> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        int max = (int) Math.floor(rate) + 1;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plusSeconds(1))) {
                j++;
            }
            assertThat(j - i)
                    .as("requests in the second after %s", sorted.get(i))
                    .isLessThanOrEqualTo(max);
        }
    }

    @Test
    void manyThreadsNeverExceedTheBudget() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        HostRateBudget budget =
                new HostRateBudget(dir.resolve("rate-a"), 18, clock, new RecordingSleeper(clock), KisMetrics.NOOP);
        List<Instant> slots = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        RateBudget.Priority p =
                                (id + i) % 3 == 0 ? RateBudget.Priority.ORDER : RateBudget.Priority.INQUIRY;
                        slots.add(budget.acquire(p, Duration.ofMinutes(5)).orElseThrow());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(slots).hasSize(400).doesNotHaveDuplicates();
        assertNoWindowExceeds(slots, 18);
        // 400 requests at 18/s take at least (400 - 1) / 18 s of (fake) time
        List<Instant> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        assertThat(Duration.between(sorted.get(0), sorted.get(399)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(399 * 1000 / 18));
        budget.close();
    }

    @Test
    void twoProcessesOnTheSameFileShareOneBudget() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        Path file = dir.resolve("rate-shared");
        HostRateBudget a = new HostRateBudget(file, 2, clock, d -> {}, KisMetrics.NOOP);
        HostRateBudget b = new HostRateBudget(file, 2, clock, d -> {}, KisMetrics.NOOP);
        // the clock stands still: every slot must come from the shared schedule, 500 ms apart
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slots.add(a.acquire(RateBudget.Priority.INQUIRY, Duration.ofMinutes(1))
                    .orElseThrow());
            slots.add(b.acquire(RateBudget.Priority.INQUIRY, Duration.ofMinutes(1))
                    .orElseThrow());
        }
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).isEqualTo(Duration.ofMillis(500));
        }
        a.close();
        b.close();
    }

    @Test
    void separateAppKeysDoNotShare() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        HostRateBudget a = new HostRateBudget(dir.resolve("rate-key1"), 2, clock, d -> {}, KisMetrics.NOOP);
        HostRateBudget b = new HostRateBudget(dir.resolve("rate-key2"), 2, clock, d -> {}, KisMetrics.NOOP);
        assertThat(a.acquire(RateBudget.Priority.INQUIRY, Duration.ZERO)).contains(clock.instant());
        assertThat(b.acquire(RateBudget.Priority.INQUIRY, Duration.ZERO)).contains(clock.instant());
    }

    @Test
    void noSlotWithinMaxWaitReservesNothing() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        HostRateBudget budget = new HostRateBudget(dir.resolve("rate-b"), 1, clock, d -> {}, KisMetrics.NOOP);
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ZERO)).isPresent();
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ofMillis(500)))
                .isEmpty();
        // the refused call did not consume the next slot
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ofSeconds(1)))
                .contains(clock.instant().plusSeconds(1));
    }

    @Test
    void waitingOrdersGoBeforeWaitingInquiries() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        CountDownLatch holderSleeping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Sleeper gatedFirstSleep = new Sleeper() {
            private boolean first = true;

            @Override
            public synchronized void sleep(Duration d) throws InterruptedException {
                if (first) {
                    first = false;
                    holderSleeping.countDown();
                    release.await();
                }
                clock.advance(d);
            }
        };
        HostRateBudget budget = new HostRateBudget(dir.resolve("rate-c"), 10, clock, gatedFirstSleep, KisMetrics.NOOP);
        budget.acquire(RateBudget.Priority.INQUIRY, Duration.ofMinutes(1)); // slot now, no sleep
        Map<String, Instant> granted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // the gate holder: sleeps (blocked) until released, so the others queue behind it
            Future<?> holder = pool.submit(() -> {
                granted.put(
                        "holder",
                        budget.acquire(RateBudget.Priority.INQUIRY, Duration.ofMinutes(1))
                                .orElseThrow());
                return null;
            });
            assertThat(holderSleeping.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> fs = new ArrayList<>(List.of(holder));
            String[] names = {"inquiry0", "inquiry1", "order0", "order1"};
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                RateBudget.Priority p =
                        name.startsWith("order") ? RateBudget.Priority.ORDER : RateBudget.Priority.INQUIRY;
                fs.add(pool.submit(() -> {
                    granted.put(name, budget.acquire(p, Duration.ofMinutes(1)).orElseThrow());
                    return null;
                }));
                int expected = i + 1;
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queued(budget) == expected);
            }
            release.countDown();
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> bySlot = new ArrayList<>(granted.keySet());
        bySlot.sort(Comparator.comparing(granted::get));
        assertThat(bySlot).containsExactly("holder", "order0", "order1", "inquiry0", "inquiry1");
    }

    private static int queued(HostRateBudget b) {
        return b.waitingCount();
    }

    @Test
    void aCorruptOrFarFutureStateIsReset() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        Path file = dir.resolve("rate-d");
        Files.write(file, new byte[] {0x7f, -1, -1, -1, -1, -1, -1, -1});
        HostRateBudget budget = new HostRateBudget(file, 5, clock, d -> {}, KisMetrics.NOOP);
        Optional<Instant> slot = budget.acquire(RateBudget.Priority.ORDER, Duration.ZERO);
        assertThat(slot).contains(clock.instant());
    }

    @Test
    void anUnusableStateFileFallsBackToSpacingInThisProcess() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
        HostRateBudget budget = new HostRateBudget(dir.resolve("rate-e"), 4, clock, d -> {}, KisMetrics.NOOP);
        budget.close(); // the channel is gone: every file operation fails from now on
        Instant a =
                budget.acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1)).orElseThrow();
        Instant b =
                budget.acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1)).orElseThrow();
        assertThat(Duration.between(a, b)).isEqualTo(Duration.ofMillis(250));
    }
}
