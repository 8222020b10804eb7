package io.execctl.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded randomized sequences: an order's true history (acceptance, executions, maybe a cancel,
 * lapse or rejection) is delivered as events with duplicates and in random order, the way WS notices
 * and REST inquiries interleave. Applying them with the reducer, the merge rule and the transition
 * machine must (1) end in the status an independent model computes from the true history, and (2)
 * never move a terminal status back, except fills on a cancelled order.
 */
class OrderStatusPropertyTest {

    private static final long SEED = 20261124L;
    private static final int SCENARIOS = 5_000;

    sealed interface Event permits FillEvent, BrokerEvent {}

    record FillEvent(long seq, long qty) implements Event {}

    record BrokerEvent(BrokerStatus status) implements Event {}

    enum Outcome {
        OPEN,
        CANCELLED,
        EXPIRED,
        REJECTED
    }

    /** The independent model: what the status must be, straight from the true history. */
    static OrderStatus expected(long qty, long filled, Outcome outcome) {
        if (filled == qty) {
            return OrderStatus.FILLED;
        }
        switch (outcome) {
            case CANCELLED:
            case EXPIRED:
                return filled > 0 ? OrderStatus.CANCELLED_PARTIAL : OrderStatus.CANCELLED;
            case REJECTED:
                return OrderStatus.REJECTED;
            default:
                return filled > 0 ? OrderStatus.PARTIAL : OrderStatus.SUBMITTED;
        }
    }

    /** Applies events the way the engine will: fills keyed by cumulative seq, broker reports merged. */
    static final class Applier {
        final long qty;
        final Map<Long, Long> fillsBySeq = new HashMap<>();
        BrokerStatus broker = BrokerStatus.UNKNOWN;
        OrderStatus status = OrderStatus.UNKNOWN;
        final List<OrderStatusMachine.Transition> transitions = new ArrayList<>();

        Applier(long qty) {
            this.qty = qty;
        }

        void apply(Event e) {
            OrderStatusMachine.Cause cause;
            if (e instanceof FillEvent f) {
                fillsBySeq.putIfAbsent(f.seq(), f.qty());
                cause = OrderStatusMachine.Cause.FILL;
            } else {
                broker = BrokerStatus.merge(broker, ((BrokerEvent) e).status());
                cause = OrderStatusMachine.Cause.BROKER_STATUS;
            }
            long filled =
                    fillsBySeq.values().stream().mapToLong(Long::longValue).sum();
            var t = OrderStatusMachine.next(status, qty, broker, filled, cause);
            transitions.add(t);
            status = t.result();
        }
    }

    @Test
    void anyOrderOfAnyDuplicatesConvergesToTheModel() {
        Random rnd = new Random(SEED);
        int anomalies = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            long qty = 1 + rnd.nextInt(1000);
            Outcome outcome = Outcome.values()[rnd.nextInt(Outcome.values().length)];
            List<Event> truth = new ArrayList<>();
            long filled = 0;
            if (outcome != Outcome.REJECTED) {
                truth.add(new BrokerEvent(BrokerStatus.ACCEPTED));
                int executions = rnd.nextInt(7);
                boolean completes = outcome == Outcome.OPEN && rnd.nextBoolean();
                for (int k = 0; k < executions && filled < qty; k++) {
                    long left = qty - filled;
                    boolean last = k == executions - 1;
                    long q = last && completes ? left : 1 + rnd.nextInt((int) left);
                    if (outcome != Outcome.OPEN && filled + q == qty) {
                        q = left - 1; // a cancelled/expired order always has something left to cancel
                        if (q == 0) {
                            break;
                        }
                    }
                    filled += q;
                    truth.add(new FillEvent(filled, q));
                }
            }
            if (outcome != Outcome.OPEN) {
                truth.add(new BrokerEvent(
                        switch (outcome) {
                            case CANCELLED -> BrokerStatus.CANCELLED;
                            case EXPIRED -> BrokerStatus.EXPIRED;
                            default -> BrokerStatus.REJECTED;
                        }));
            }
            List<Event> delivered = new ArrayList<>(truth);
            int dups = rnd.nextInt(4);
            for (int d = 0; d < dups && !truth.isEmpty(); d++) {
                delivered.add(truth.get(rnd.nextInt(truth.size())));
            }
            Collections.shuffle(delivered, rnd);

            Applier applier = new Applier(qty);
            delivered.forEach(applier::apply);

            String ctx = "scenario " + i + " qty=" + qty + " outcome=" + outcome + " events=" + delivered;
            assertThat(applier.status).as(ctx).isEqualTo(expected(qty, filled, outcome));
            OrderStatus previous = OrderStatus.UNKNOWN;
            for (var t : applier.transitions) {
                assertThat(t.allowed()).as(ctx + " transition " + t).isTrue();
                assertThat(t.to()).as(ctx).isNotEqualTo(OrderStatus.ERROR);
                if (previous.isTerminal() && t.result() != previous) {
                    boolean fillOnCancelled =
                            previous == OrderStatus.CANCELLED || previous == OrderStatus.CANCELLED_PARTIAL;
                    assertThat(fillOnCancelled)
                            .as(ctx + " terminal " + previous + " moved to " + t.result())
                            .isTrue();
                    anomalies++;
                }
                previous = t.result();
            }
        }
        // Reordering must actually have produced fills-after-cancel cases, or the test proves little.
        assertThat(anomalies).isGreaterThan(50);
    }

    @Test
    void replayingTheSameEventsTwiceChangesNothing() {
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < 1_000; i++) {
            long qty = 1 + rnd.nextInt(100);
            Applier a = new Applier(qty);
            List<Event> events = new ArrayList<>();
            events.add(new BrokerEvent(BrokerStatus.ACCEPTED));
            long filled = 0;
            while (filled < qty && rnd.nextInt(4) > 0) {
                long q = 1 + rnd.nextInt((int) (qty - filled));
                filled += q;
                events.add(new FillEvent(filled, q));
            }
            events.forEach(a::apply);
            OrderStatus once = a.status;
            long sumOnce =
                    a.fillsBySeq.values().stream().mapToLong(Long::longValue).sum();
            events.forEach(a::apply);
            assertThat(a.status).isEqualTo(once);
            assertThat(a.fillsBySeq.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(sumOnce)
                    .isEqualTo(filled);
        }
    }
}
