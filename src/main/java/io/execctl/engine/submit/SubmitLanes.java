package io.execctl.engine.submit;

import io.execctl.domain.Intent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One serial lane per symbol on a bounded pool: intents of different symbols are sent in parallel
 * (a slow POST for one symbol does not hold up the others), intents of one symbol — and so of one
 * position, which holds one symbol — are handled one after another in the order they were offered
 * (oldest first). At most one worker drains a lane at a time; a lane with nothing queued has no
 * thread.
 *
 * <p>An intent is offered once while it is queued or being handled, however often scans see it as
 * NEW. Before each intent a lane asks whether claiming may go on: when stopping, or paused after a
 * gateway refusal, the rest is left unclaimed (it stays NEW for the next pass) and reported as
 * {@link SubmitOutcome#SKIPPED}. An intent already being sent is never interrupted.
 */
final class SubmitLanes {
    private record Item(Intent intent, Function<Intent, SubmitResult> work, CompletableFuture<SubmitResult> done) {}

    private final ExecutorService pool;
    private final BooleanSupplier paused;
    private final Map<String, Deque<Item>> lanes = new HashMap<>();
    private final Set<String> draining = new HashSet<>();
    private final Set<UUID> offered = new HashSet<>();
    private volatile boolean stopping;

    /**
     * @param workers most intents handled at once (distinct symbols)
     * @param paused  true while claiming must wait (e.g. after a credential refusal)
     */
    SubmitLanes(int workers, BooleanSupplier paused) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.pool = Executors.newFixedThreadPool(workers, threads());
        this.paused = paused;
    }

    /**
     * Queues {@code work} for {@code intent} in its symbol's lane.
     *
     * @return the result to come, or empty if the intent is already queued or in hand, or the lanes stop
     */
    synchronized Optional<CompletableFuture<SubmitResult>> offer(Intent intent, Function<Intent, SubmitResult> work) {
        if (stopping || !offered.add(intent.intentId())) {
            return Optional.empty();
        }
        Item item = new Item(intent, work, new CompletableFuture<>());
        lanes.computeIfAbsent(intent.symbol(), s -> new ArrayDeque<>()).addLast(item);
        if (draining.add(intent.symbol())) {
            pool.execute(() -> drain(intent.symbol()));
        }
        return Optional.of(item.done());
    }

    /** Whether {@code intentId} is queued or being handled. */
    synchronized boolean inHand(UUID intentId) {
        return offered.contains(intentId);
    }

    /** Intents queued or in hand. */
    synchronized int inHand() {
        return offered.size();
    }

    private void drain(String symbol) {
        while (true) {
            Item item;
            synchronized (this) {
                Deque<Item> q = lanes.get(symbol);
                item = q == null ? null : q.pollFirst();
                if (item == null) {
                    lanes.remove(symbol);
                    draining.remove(symbol);
                    return;
                }
            }
            try {
                SubmitResult r = stopping || paused.getAsBoolean()
                        ? skipped(item.intent(), stopping ? "stopping: left NEW" : "submission paused: left NEW")
                        : item.work().apply(item.intent());
                release(item);
                item.done().complete(r);
            } catch (RuntimeException | Error e) {
                release(item);
                item.done().completeExceptionally(e);
            }
        }
    }

    private synchronized void release(Item item) {
        offered.remove(item.intent().intentId());
    }

    /**
     * Stops claiming (what is queued is reported SKIPPED and stays NEW) and waits up to {@code grace}
     * for the intents in hand to finish sending and recording.
     *
     * @return true if everything finished within {@code grace}
     */
    boolean stop(Duration grace) throws InterruptedException {
        stopping = true;
        pool.shutdown();
        return pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    static SubmitResult skipped(Intent intent, String reason) {
        return new SubmitResult(
                intent.intentId(),
                intent.symbol(),
                intent.intentType(),
                intent.qty(),
                SubmitOutcome.SKIPPED,
                null,
                reason);
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "execctl-submit-" + n.incrementAndGet());
            // A send still in flight when the JVM must exit is the crash case the journal covers.
            t.setDaemon(true);
            return t;
        };
    }
}
