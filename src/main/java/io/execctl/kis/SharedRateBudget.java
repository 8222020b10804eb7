package io.execctl.kis;

import io.execctl.config.KisSettings;
import io.execctl.kis.port.RateSlots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request budget of one app key shared by every execctl process of that key on any host,
 * through a {@link RateSlots} cursor (a PostgreSQL row beside the token cache): consecutive requests
 * of all processes are at least {@code 1/rate} apart (strict spacing, no burst).
 *
 * <p>Priority, inside the process: one caller at a time passes a {@link PriorityGate}, orders
 * before inquiries. Across processes: an order takes the next free slot however far ahead (up to
 * its wait); an inquiry takes a slot only when it is at most {@link #inquiryLead} ahead, so queued
 * inquiries of other processes never stand more than about one slot between an order and KIS.
 * An inquiry refused for that reason leaves the gate (an order of its own process may pass),
 * waits until the cursor comes near and asks again, keeping its place in the queue.
 *
 * <p>When the store cannot be reached the same spacing is kept within this process alone (the
 * database being down must not stop an order that can still be sent); the other processes then share
 * less strictly, and KIS's {@code EGW00201} is still backed off by the client.
 */
public final class SharedRateBudget implements RateBudget {
    private static final Logger log = LoggerFactory.getLogger(SharedRateBudget.class);
    /** Up to this many processes may hold a reservation; a cursor further ahead is stale. */
    private static final int MAX_AHEAD_SLOTS = 64;

    private final RateSlots slots;
    private final String env;
    private final String fingerprint;
    private final long intervalMicros;
    private final long inquiryLeadMicros;
    private final Clock clock;
    private final Sleeper sleeper;
    private final KisMetrics metrics;
    private final PriorityGate gate = new PriorityGate();

    private final Object fallbackLock = new Object();
    private long fallbackNext; // guarded by fallbackLock
    private boolean storeBroken; // guarded by fallbackLock

    public SharedRateBudget(
            RateSlots slots,
            String env,
            String appKeyFingerprint,
            double ratePerSecond,
            Clock clock,
            Sleeper sleeper,
            KisMetrics metrics) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        this.slots = Objects.requireNonNull(slots, "slots");
        this.env = Objects.requireNonNull(env, "env");
        this.fingerprint = Objects.requireNonNull(appKeyFingerprint, "appKeyFingerprint");
        this.intervalMicros = Math.max(1, (long) Math.ceil(1_000_000.0 / ratePerSecond));
        this.inquiryLeadMicros = intervalMicros;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The budget of {@code settings}' app key in {@code slots}. */
    public static SharedRateBudget forSettings(
            KisSettings settings, RateSlots slots, Clock clock, Sleeper sleeper, KisMetrics metrics) {
        return new SharedRateBudget(
                slots,
                settings.env().key(),
                settings.appKeyFingerprint(),
                settings.ratePerSecond(),
                clock,
                sleeper,
                metrics);
    }

    public Duration interval() {
        return Duration.ofNanos(intervalMicros * 1000);
    }

    /** How far ahead of now an inquiry may still take a slot. */
    public Duration inquiryLead() {
        return Duration.ofNanos(inquiryLeadMicros * 1000);
    }

    /** Callers queued at the in-process gate (tests, diagnostics). */
    public int waitingCount() {
        return gate.waitingCount();
    }

    @Override
    public Optional<Instant> acquire(Priority priority, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(priority, "priority");
        long startNanos = System.nanoTime();
        long deadline = startNanos + Math.max(0, maxWait.toNanos());
        PriorityGate.Ticket ticket = gate.ticket(priority);
        boolean waited = false;
        while (true) {
            if (!gate.enter(ticket, deadline)) {
                metrics.rateBudgetWait(priority.label(), maxWait);
                return Optional.empty();
            }
            long retryInMicros;
            try {
                long remainingMicros = Math.max(0, (deadline - System.nanoTime()) / 1000);
                long ahead =
                        priority == Priority.ORDER ? remainingMicros : Math.min(remainingMicros, inquiryLeadMicros);
                RateSlots.Grant g = take(ahead);
                if (g.granted()) {
                    Duration wait = Duration.ofNanos(g.waitMicros() * 1000);
                    if (!wait.isZero()) {
                        sleeper.sleep(wait);
                        waited = true;
                    }
                    if (waited) {
                        metrics.rateBudgetWait(priority.label(), Duration.ofNanos(System.nanoTime() - startNanos));
                    }
                    return Optional.of(clock.instant().truncatedTo(ChronoUnit.MICROS));
                }
                if (priority == Priority.ORDER || g.waitMicros() - inquiryLeadMicros > remainingMicros) {
                    metrics.rateBudgetWait(priority.label(), maxWait);
                    return Optional.empty();
                }
                // an inquiry: come back when the cursor is near, without holding the gate meanwhile
                retryInMicros = Math.max(intervalMicros / 4, g.waitMicros() - inquiryLeadMicros);
            } finally {
                gate.leave();
            }
            sleeper.sleep(Duration.ofNanos(retryInMicros * 1000));
            waited = true;
        }
    }

    private RateSlots.Grant take(long aheadMicros) {
        long stale = MAX_AHEAD_SLOTS * intervalMicros + 1_000_000L;
        try {
            RateSlots.Grant g = slots.take(env, fingerprint, intervalMicros, aheadMicros, stale);
            synchronized (fallbackLock) {
                if (storeBroken) {
                    storeBroken = false;
                    log.info("shared rate budget usable again");
                }
            }
            return g;
        } catch (RuntimeException e) {
            return fallback(aheadMicros, e);
        }
    }

    /** The same spacing in this process alone, while the shared store fails. */
    private RateSlots.Grant fallback(long aheadMicros, RuntimeException cause) {
        synchronized (fallbackLock) {
            if (!storeBroken) {
                storeBroken = true;
                log.warn(
                        "shared rate budget unreachable ({}); spacing requests in this process only",
                        cause.getClass().getSimpleName());
            }
            Instant i = clock.instant();
            long now = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
            long free = Math.max(now, fallbackNext);
            if (free - now > aheadMicros) {
                return new RateSlots.Grant(false, free, now);
            }
            fallbackNext = free + intervalMicros;
            return new RateSlots.Grant(true, free, now);
        }
    }
}
