package io.execctl.kis;

import io.execctl.config.KisSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host-wide request budget per app key, shared by every process of the host through a small state
 * file ({@code rate-<fingerprint>} in the settings' state directory).
 *
 * <p>The algorithm is a strict spacing scheduler (GCRA without burst): the file holds the earliest
 * instant at which the next request may be sent; a caller takes that slot, advances it by
 * {@code 1/rate} and sleeps until its slot. Consecutive requests of all processes are therefore at least
 * {@code 1/rate} apart, so any one-second window holds at most {@code floor(rate) + 1} requests
 * (19 for the default 18/s, below KIS's 20/s; 1 for the paper default 0.9/s).
 *
 * <p>Within the process, callers pass one at a time through a priority gate: the gate holder reserves
 * its slot and sleeps until it, then the highest-priority waiter (orders before inquiries, FIFO within
 * a priority) goes next. Across processes, updates of the file happen under a JVM-wide lock per file
 * plus {@link FileChannel#lock()}.
 */
public final class HostRateBudget implements RateBudget, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostRateBudget.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();
    /** Up to this many processes may hold a reservation; a state further ahead is stale or corrupt. */
    private static final int MAX_AHEAD_SLOTS = 64;

    private final Path file;
    private final long intervalMicros;
    private final Clock clock;
    private final Sleeper sleeper;
    private final KisMetrics metrics;
    private final FileChannel channel;
    private final ReentrantLock jvmFileLock;

    private final PriorityGate gate = new PriorityGate();
    /** Used only while the state file cannot be read or written: the same spacing, in this process alone. */
    private long fallbackNext;

    private boolean fileBroken;

    public HostRateBudget(Path file, double ratePerSecond, Clock clock, Sleeper sleeper, KisMetrics metrics) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.intervalMicros = Math.max(1, (long) Math.ceil(1_000_000.0 / ratePerSecond));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        try {
            Files.createDirectories(this.file.getParent());
            this.channel = FileChannel.open(
                    this.file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rate-budget file " + this.file, e);
        }
        this.jvmFileLock = FILE_LOCKS.computeIfAbsent(this.file, p -> new ReentrantLock());
    }

    /** The budget of {@code settings}' app key, in its state directory. */
    public static HostRateBudget forSettings(KisSettings settings, Clock clock, Sleeper sleeper, KisMetrics metrics) {
        Path file =
                settings.rateStateDir().resolve("rate-" + settings.env().key() + "-" + settings.appKeyFingerprint());
        return new HostRateBudget(file, settings.ratePerSecond(), clock, sleeper, metrics);
    }

    /** Callers currently queued at the in-process gate (for tests and diagnostics). */
    public int waitingCount() {
        return gate.waitingCount();
    }

    public Duration interval() {
        return Duration.ofNanos(intervalMicros * 1000);
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Instant> acquire(Priority priority, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(priority, "priority");
        long gateDeadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
        if (!gate.enter(gate.ticket(priority), gateDeadline)) {
            metrics.rateBudgetWait(priority.label(), maxWait);
            return Optional.empty();
        }
        try {
            long now = micros(clock.instant());
            long slot = reserve(now, maxWait.toNanos() / 1000);
            if (slot < 0) {
                metrics.rateBudgetWait(priority.label(), maxWait);
                return Optional.empty();
            }
            long waitMicros = slot - now;
            if (waitMicros > 0) {
                sleeper.sleep(Duration.ofNanos(waitMicros * 1000));
                metrics.rateBudgetWait(priority.label(), Duration.ofNanos(waitMicros * 1000));
            }
            return Optional.of(Instant.EPOCH.plus(slot, ChronoUnit.MICROS));
        } finally {
            gate.leave();
        }
    }

    /** Takes the next slot from the shared file; -1 when it lies more than {@code maxWaitMicros} ahead. */
    private long reserve(long now, long maxWaitMicros) throws InterruptedException {
        if (!jvmFileLock.tryLock(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("rate-budget file lock not obtained within a minute: " + file);
        }
        try (FileLock ignored = channel.lock()) {
            ByteBuffer buf = ByteBuffer.allocate(Long.BYTES);
            long next = 0;
            if (channel.read(buf, 0) == Long.BYTES) {
                next = buf.flip().getLong();
            }
            long slot = slot(now, next, maxWaitMicros);
            if (slot >= 0) {
                buf.clear();
                buf.putLong(slot + intervalMicros).flip();
                channel.write(buf, 0);
            }
            if (fileBroken) {
                fileBroken = false;
                log.info("rate-budget file {} usable again", file);
            }
            return slot;
        } catch (IOException | RuntimeException e) {
            // A broken state file must not stop trading: keep the same spacing within this process
            // (other processes then share the budget less strictly; EGW00201 is still backed off).
            if (!fileBroken) {
                fileBroken = true;
                log.warn(
                        "rate-budget file {} unusable ({}); spacing requests in this process only",
                        file,
                        e.getClass().getSimpleName());
            }
            long slot = slot(now, fallbackNext, maxWaitMicros);
            if (slot >= 0) {
                fallbackNext = slot + intervalMicros;
            }
            return slot;
        } finally {
            jvmFileLock.unlock();
        }
    }

    private long slot(long now, long next, long maxWaitMicros) {
        if (next - now > MAX_AHEAD_SLOTS * intervalMicros + 1_000_000L || next < 0) {
            next = now; // stale or corrupt state (e.g. a clock step): start afresh
        }
        long slot = Math.max(now, next);
        return slot - now > maxWaitMicros ? -1 : slot;
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
