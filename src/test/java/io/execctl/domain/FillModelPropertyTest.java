package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded interleavings of one order's true history, delivered the way KIS delivers it: notices
 * dropped, duplicated (under new receipts), replayed (same receipt), reordered and parked until after
 * the end; REST snapshots taken at random moments and lagging the executions (stale), some allowed to
 * infer a deficit. After every event the {@link FillModel} step is checked against invariants, and at
 * the end against an independent reference computed from the true history alone: the live rows sum
 * to the broker's totals, each execution is counted once, the status is the true one.
 */
class FillModelPropertyTest {
    private static final long SEED = 20261202L;
    private static final int SCENARIOS = 4_000;
    private static final Instant T0 = Instant.parse("2026-12-02T00:30:00Z");
    private static final String ORDER = "20261202-0000000001-0123456789";

    record Exec(long qty, long price) {
        BigDecimal amount() {
            return BigDecimal.valueOf(qty * price);
        }
    }

    sealed interface Event permits Notice, Snapshot {}

    record Notice(int exec, NoticeReceipt receipt) implements Event {}

    record Snapshot(BrokerTotals totals, boolean infer) implements Event {}

    record Timed(double at, int tie, Event event) {}

    /** The true history: executions, and how the rest of the order ended. */
    record Truth(long ordQty, List<Exec> execs, boolean rejected) {
        long qty(int k) {
            return execs.subList(0, k).stream().mapToLong(Exec::qty).sum();
        }

        BigDecimal amount(int k) {
            return execs.subList(0, k).stream().map(Exec::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The broker's row after {@code k} executions; {@code ended}: the remainder was cancelled/rejected. */
        BrokerTotals row(int k, boolean ended) {
            long q = qty(k);
            long rest = ordQty - q;
            if (!ended || rest == 0) {
                return new BrokerTotals(ordQty, q, amount(k), rest, 0, 0);
            }
            return rejected
                    ? new BrokerTotals(ordQty, q, amount(k), 0, 0, rest)
                    : new BrokerTotals(ordQty, q, amount(k), 0, rest, 0);
        }

        /** The reference status, from the truth alone. */
        OrderStatus status() {
            long q = qty(execs.size());
            if (q == ordQty) {
                return OrderStatus.FILLED;
            }
            if (q > 0) {
                return OrderStatus.CANCELLED_PARTIAL;
            }
            return rejected ? OrderStatus.REJECTED : OrderStatus.CANCELLED;
        }

        boolean distinctExecs() {
            return new HashSet<>(execs).size() == execs.size();
        }
    }

    /** What the generator produced, so the test proves it exercised the hard cases. */
    static final class Seen {
        int duplicated;
        int dropped;
        int replayed;
        int stale;
        int parkedPastFinal;
        int superseded;
        int surplusVoided;
        int corrections;
        int filledThenCorrected;
        int inferred;
        int held;
        int heldApplied;
    }

    @Test
    void anyInterleavingConvergesToTheBrokerTotals() {
        Random rnd = new Random(SEED);
        Seen seen = new Seen();
        for (int s = 0; s < SCENARIOS; s++) {
            long seed = rnd.nextLong();
            runScenario(seed, seen, false);
        }
        assertThat(seen.duplicated).as("duplicated notices").isGreaterThan(500);
        assertThat(seen.dropped).as("dropped notices").isGreaterThan(500);
        assertThat(seen.replayed).as("replayed receipts").isGreaterThan(500);
        assertThat(seen.stale).as("stale snapshots").isGreaterThan(500);
        assertThat(seen.parkedPastFinal).as("notices after final totals").isGreaterThan(100);
        assertThat(seen.superseded).as("inferred fills superseded by notices").isGreaterThan(100);
        assertThat(seen.surplusVoided).as("notices voided on final totals").isGreaterThan(100);
        assertThat(seen.filledThenCorrected)
                .as("FILLED by notices, corrected by final totals")
                .isGreaterThan(10);
        assertThat(seen.inferred).as("inferred fills").isGreaterThan(500);
    }

    /**
     * The same histories with the over-quantity rule ({@link OverQuantity}) as the store applies it:
     * the live quantity never exceeds the order's, the status is never {@code ERROR}, and the end is
     * the same reference (held notices decided by the final totals, duplicates never recorded).
     */
    @Test
    void withTheOverQuantityHoldNothingPassesTheOrderQuantityAndTheEndIsTheSame() {
        Random rnd = new Random(SEED + 1);
        Seen seen = new Seen();
        for (int s = 0; s < SCENARIOS; s++) {
            runScenario(rnd.nextLong(), seen, true);
        }
        assertThat(seen.held).as("notices held past the quantity").isGreaterThan(100);
        assertThat(seen.heldApplied).as("held notices applied by final totals").isGreaterThan(10);
    }

    static Truth truth(Random r) {
        long ord = 1 + r.nextInt(r.nextBoolean() ? 10 : 60);
        boolean oneSize = r.nextInt(3) == 0;
        List<Exec> execs = new ArrayList<>();
        long left = ord;
        while (left > 0 && r.nextDouble() < 0.85) {
            long q = oneSize ? Math.min(left, 2) : 1 + r.nextInt((int) Math.min(left, 7));
            long price = 70_000 + 100L * r.nextInt(oneSize ? 1 : 3);
            execs.add(new Exec(q, price));
            left -= q;
        }
        return new Truth(ord, execs, execs.isEmpty() && r.nextInt(3) == 0);
    }

    void runScenario(long seed, Seen seen, boolean hold) {
        Random r = new Random(seed);
        Truth truth = truth(r);
        int n = truth.execs().size();
        double end = n + 0.5;
        List<Timed> events = new ArrayList<>();
        int frame = 0;
        boolean everyExecDelivered = true;
        for (int i = 0; i < n; i++) {
            int copies = r.nextInt(8) == 0 ? 0 : r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
            if (copies == 0) {
                seen.dropped++;
                everyExecDelivered = false;
            }
            if (copies > 1) {
                seen.duplicated++;
            }
            for (int c = 0; c < copies; c++) {
                NoticeReceipt receipt = new NoticeReceipt("conn" + c, frame++, r.nextInt(2));
                double at = i + 1 + r.nextDouble() * 1.5;
                if (r.nextInt(10) == 0) {
                    at = end + r.nextDouble() * 4; // parked, applied late
                }
                events.add(new Timed(at, r.nextInt(), new Notice(i, receipt)));
                if (r.nextInt(6) == 0) {
                    seen.replayed++;
                    events.add(new Timed(at + r.nextDouble() * 3, r.nextInt(), new Notice(i, receipt)));
                }
            }
        }
        int snapshots = r.nextInt(6);
        for (int k = 0; k < snapshots; k++) {
            double at = r.nextDouble() * (end + 4);
            double observed = at - r.nextDouble() * 2.5; // the broker's history lags
            int execs = (int) Math.max(0, Math.min(n, Math.floor(observed)));
            boolean ended = observed >= end;
            events.add(new Timed(at, r.nextInt(), new Snapshot(truth.row(execs, ended), r.nextBoolean())));
        }
        events.sort(Comparator.comparingDouble(Timed::at).thenComparingInt(Timed::tie));

        FillBook book = FillBook.empty(ORDER);
        OrderStatus status = OrderStatus.SUBMITTED;
        BrokerStatus broker = BrokerStatus.ACCEPTED;
        Set<String> delivered = new HashSet<>();
        long bestQty = 0;
        boolean wasFilled = false;
        Instant now = T0;
        List<Fill> held = new ArrayList<>();
        Set<String> heldReceipts = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        List<Event> sequence = new ArrayList<>(events.stream().map(Timed::event).toList());
        sequence.add(new Snapshot(truth.row(n, true), true));
        sequence.add(new Snapshot(truth.row(n, true), true));
        for (int e = 0; e < sequence.size(); e++) {
            Event ev = sequence.get(e);
            now = now.plusSeconds(1);
            FillModel.Step step;
            BrokerStatus said = null;
            if (ev instanceof Notice nt) {
                Exec x = truth.execs().get(nt.exec());
                if (book.broker().isFinal() && !delivered.contains(nt.receipt().key())) {
                    seen.parkedPastFinal++;
                }
                Fill notice = Fill.ws(ORDER, nt.receipt(), now, x.qty(), BigDecimal.valueOf(x.price()));
                if (hold && book.broker().isFinal() && heldReceipts.contains(notice.receipt())) {
                    step = new FillModel.Step(book, book, List.of(), List.of()); // decided: a replay
                } else {
                    step = FillModel.onNotice(book, notice, now);
                }
                if (hold && OverQuantity.holds(truth.ordQty(), step)) {
                    if (heldReceipts.add(notice.receipt())) {
                        held.add(notice);
                        seen.held++;
                    }
                    step = new FillModel.Step(book, book, List.of(), List.of());
                }
                if (!delivered.add(nt.receipt().key())) {
                    assertThat(step.changed())
                            .as("seed %d: a replayed receipt changes nothing", seed)
                            .isFalse();
                }
            } else {
                Snapshot sn = (Snapshot) ev;
                if (sn.totals().totCcldQty() < Math.max(bestQty, book.liveQty())) {
                    seen.stale++; // lags what an earlier snapshot or the notices already showed
                }
                bestQty = Math.max(bestQty, sn.totals().totCcldQty());
                if (hold) {
                    OverQuantity.Resolution res =
                            OverQuantity.onSnapshot(book, truth.ordQty(), sn.totals(), sn.infer(), held, now);
                    step = res.step();
                    seen.heldApplied += res.applied().size();
                    res.duplicates().forEach(f -> duplicates.add(f.receipt()));
                    held.removeIf(f -> res.duplicates().contains(f)
                            || res.applied().stream().anyMatch(a -> a.fillId().equals(f.fillId())));
                } else {
                    step = FillModel.onSnapshot(book, sn.totals(), sn.infer(), now);
                }
                said = OrderProgress.said(sn.totals(), step.after().broker());
                if (!sn.infer() && step.voided().isEmpty()) {
                    assertThat(step.inserted())
                            .as("seed %d: no inference unless allowed or replacing", seed)
                            .isEmpty();
                }
            }
            checkStep(seed, step);
            seen.superseded += (int) step.voided().stream()
                    .filter(f -> FillModel.SUPERSEDED.equals(f.voidReason()))
                    .count();
            seen.surplusVoided += (int) step.voided().stream()
                    .filter(f -> FillModel.SURPLUS.equals(f.voidReason()))
                    .count();
            seen.inferred += (int) step.inserted().stream()
                    .filter(f -> f.source() == FillSource.INFERRED)
                    .count();
            OrderProgress p = OrderProgress.after(status, broker, truth.ordQty(), step, said);
            if (status.isTerminal() && !p.status().isTerminal()) {
                assertThat(p.correction() || p.status() == OrderStatus.ERROR)
                        .as("seed %d: %s -> %s only by correction", seed, status, p.status())
                        .isTrue();
            }
            if (p.correction() && p.status() != status) {
                seen.corrections++;
                if (status == OrderStatus.FILLED) {
                    seen.filledThenCorrected++;
                }
            }
            if (hold) {
                assertThat(step.after().liveQty())
                        .as("seed %d: never past the order quantity", seed)
                        .isLessThanOrEqualTo(truth.ordQty());
                assertThat(p.status()).as("seed %d: never ERROR", seed).isNotEqualTo(OrderStatus.ERROR);
            }
            wasFilled |= p.status() == OrderStatus.FILLED;
            status = p.status();
            broker = p.brokerStatus();
            book = step.after();
            if (e == sequence.size() - 1) {
                assertThat(step.changed())
                        .as("seed %d: the final totals again change nothing", seed)
                        .isFalse();
            }
        }
        // The reference: the true totals, each execution once, the true status.
        assertThat(book.liveQty()).as("seed %d: live qty", seed).isEqualTo(truth.qty(n));
        assertThat(book.liveAmount()).as("seed %d: live amount", seed).isEqualByComparingTo(truth.amount(n));
        assertThat(book.converged()).isTrue();
        assertThat(status).as("seed %d: status", seed).isEqualTo(truth.status());
        Map<String, Long> rowsPerReceipt = new HashMap<>();
        book.rows().stream()
                .filter(f -> f.source() == FillSource.WS)
                .forEach(f -> rowsPerReceipt.merge(f.receipt(), 1L, Long::sum));
        assertThat(held).as("seed %d: every held notice decided", seed).isEmpty();
        Set<String> accounted = new HashSet<>(rowsPerReceipt.keySet());
        accounted.addAll(duplicates);
        assertThat(accounted)
                .as("seed %d: every receipt recorded (or held and decided a duplicate)", seed)
                .isEqualTo(delivered);
        assertThat(rowsPerReceipt.keySet())
                .as("seed %d: a duplicate is never a row", seed)
                .noneMatch(duplicates::contains);
        assertThat(rowsPerReceipt.values()).as("seed %d: once", seed).allMatch(c -> c == 1);
        if (everyExecDelivered && truth.distinctExecs()) {
            List<Exec> live = book.live().stream()
                    .map(f -> new Exec(f.qty(), f.price().longValueExact()))
                    .sorted(Comparator.comparingLong(Exec::qty).thenComparingLong(Exec::price))
                    .toList();
            List<Exec> expected = truth.execs().stream()
                    .sorted(Comparator.comparingLong(Exec::qty).thenComparingLong(Exec::price))
                    .toList();
            assertThat(live)
                    .as("seed %d: each execution counted once, by its notice", seed)
                    .isEqualTo(expected);
        }
        if (wasFilled && truth.status() != OrderStatus.FILLED) {
            assertThat(status).isNotEqualTo(OrderStatus.FILLED);
        }
    }

    /** Invariants of every single step. */
    static void checkStep(long seed, FillModel.Step step) {
        FillBook before = step.before();
        FillBook after = step.after();
        assertThat(after.rows().size()).isGreaterThanOrEqualTo(before.rows().size());
        for (int i = 0; i < before.rows().size(); i++) {
            Fill b = before.rows().get(i);
            Fill a = after.rows().get(i);
            assertThat(a.fillId())
                    .as("seed %d: rows are never removed or reordered", seed)
                    .isEqualTo(b.fillId());
            assertThat(a.qty()).isEqualTo(b.qty());
            assertThat(a.amount()).isEqualByComparingTo(b.amount());
            if (b.voided()) {
                assertThat(a.voided())
                        .as("seed %d: a voided row is never revived", seed)
                        .isTrue();
            }
            if (b.live() && a.voided() && a.source() == FillSource.WS) {
                assertThat(after.broker().isFinal())
                        .as("seed %d: a notice is voided only on broker-final totals", seed)
                        .isTrue();
            }
        }
        assertThat(after.broker().qty()).isGreaterThanOrEqualTo(before.broker().qty());
        boolean inferredLive = after.live().stream().anyMatch(f -> f.source() == FillSource.INFERRED);
        if (inferredLive) {
            assertThat(after.liveQty())
                    .as("seed %d: an inferred fill never counts next to the notices it stood for", seed)
                    .isLessThanOrEqualTo(after.broker().qty());
        }
        Set<UUID> ids = new HashSet<>();
        after.rows().forEach(f -> assertThat(ids.add(f.fillId())).isTrue());
    }
}
