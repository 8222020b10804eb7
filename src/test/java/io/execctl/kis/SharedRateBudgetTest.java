package io.execctl.kis;

import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared budget's rules, on an in-memory cursor and a clock that only moves when it sleeps. */
class SharedRateBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryRateSlots slots = new InMemoryRateSlots(clock);
    private final List<Duration> sleeps = new ArrayList<>();

    private SharedRateBudget budget(Sleeper sleeper) {
        return new SharedRateBudget(slots, "real", "fp", 2, clock, sleeper, KisMetrics.NOOP);
    }

    private final Sleeper advancing = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @Test
    void consecutiveGrantsAreOneIntervalApartAcrossBudgetsOfOneKey() throws Exception {
        SharedRateBudget a = budget(advancing);
        SharedRateBudget b = budget(advancing);
        List<Instant> grants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            grants.add((i % 2 == 0 ? a : b)
                    .acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1))
                    .orElseThrow());
        }
        for (int i = 1; i < grants.size(); i++) {
            assertThat(Duration.between(grants.get(i - 1), grants.get(i))).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void anOrderOfAnotherProcessGoesBeforeAWaitingInquiry() throws Exception {
        // Three slots are already reserved by other processes: the cursor is 1.5 s ahead.
        slots.reservedUntil("real", "fp", T0.plusMillis(1500));
        AtomicReference<Instant> order = new AtomicReference<>();
        SharedRateBudget otherProcess = budget(advancing);
        Sleeper inquirySleeper = d -> {
            sleeps.add(d);
            if (order.get() == null) {
                // while the inquiry waits for headroom, another process sends an order
                order.set(otherProcess
                        .acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1))
                        .orElseThrow());
            } else {
                clock.advance(d);
            }
        };
        Optional<Instant> inquiry = budget(inquirySleeper).acquire(RateBudget.Priority.INQUIRY, Duration.ofMinutes(1));
        assertThat(order.get()).isEqualTo(T0.plusMillis(1500));
        assertThat(inquiry).isPresent();
        assertThat(inquiry.get()).as("the inquiry waited behind the order").isAfter(order.get());
        assertThat(Duration.between(order.get(), inquiry.get())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anInquiryTakesASlotOnlyWithinOneIntervalButAnOrderTakesAnyWithinItsWait() throws Exception {
        slots.reservedUntil("real", "fp", T0.plusSeconds(3));
        SharedRateBudget budget = budget(d -> {});
        assertThat(budget.acquire(RateBudget.Priority.INQUIRY, Duration.ZERO)).isEmpty();
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ofSeconds(2)))
                .isEmpty();
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ofSeconds(4)))
                .isPresent();
    }

    @Test
    void aStoreThatFailsStillSpacesRequestsWithinTheProcess() throws Exception {
        slots.broken = true;
        SharedRateBudget budget = budget(advancing);
        Instant first =
                budget.acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1)).orElseThrow();
        Instant second =
                budget.acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1)).orElseThrow();
        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofMillis(500));
        slots.broken = false;
        assertThat(budget.acquire(RateBudget.Priority.ORDER, Duration.ofMinutes(1)))
                .isPresent();
    }

    @Test
    void rateMustBePositive() {
        assertThatThrownBy(() -> new SharedRateBudget(slots, "real", "fp", 0, clock, advancing, KisMetrics.NOOP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
