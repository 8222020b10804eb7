package io.execctl.cli;

import io.execctl.cli.ChaosChildren.Child;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemons of a chaos day, supervised as supervisord would: {@code slots} {@code execctl daemon}
 * processes (one wins the session lock, the others wait as hot standbys); a process that exits, for
 * whatever reason, is started again after {@link #RESTART_DELAY}. {@link #killActive} is the
 * {@code kill -9} of the one holding the lock. The heap of every live daemon is sampled with jcmd.
 */
final class ChaosDaemons implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosDaemons.class);
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    static final Duration HEAP_EVERY = Duration.ofSeconds(15);

    private final ChaosChildren children;
    private final Clock clock;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicLong heapMax = new AtomicLong(-1);
    private final Thread supervisor;
    private final Thread heapSampler;
    private final IntPredicate holdsLock;
    private volatile boolean closing;

    private static final class Slot {
        final String name;
        volatile Child child;
        volatile Instant exitedAt;

        Slot(String name) {
            this.name = name;
        }
    }

    /**
     * @param holdsLock whether the database backend of that pid holds the session lock now (a daemon says
     *                  "active backend=N"; after a PostgreSQL restart the old active still says so until
     *                  its heartbeat fails, so what it says is checked against the server)
     */
    ChaosDaemons(ChaosChildren children, int count, Clock clock, IntPredicate holdsLock) {
        this.children = children;
        this.clock = clock;
        this.holdsLock = holdsLock;
        for (int i = 0; i < count; i++) {
            Slot s = new Slot("daemon-" + (char) ('a' + i));
            s.child = children.start(s.name, List.of("daemon"));
            slots.add(s);
        }
        supervisor = new Thread(this::supervise, "chaos-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
        // jcmd takes seconds on a loaded machine: off the day's thread, so the intent rate holds
        heapSampler = new Thread(this::sampleHeapEvery, "chaos-heap");
        heapSampler.setDaemon(true);
        heapSampler.start();
    }

    private void sampleHeapEvery() {
        while (!closing) {
            try {
                TimeUnit.MILLISECONDS.sleep(HEAP_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            sampleHeap();
        }
    }

    private void supervise() {
        while (!closing) {
            for (Slot s : slots) {
                Child c = s.child;
                if (c.process().isAlive()) {
                    continue;
                }
                Instant now = clock.instant();
                if (s.exitedAt == null) {
                    s.exitedAt = now;
                    LOG.info(
                            "{} (pid {}) exited with {}",
                            s.name,
                            c.pid(),
                            c.process().exitValue());
                } else if (!closing && Duration.between(s.exitedAt, now).compareTo(RESTART_DELAY) >= 0) {
                    s.exitedAt = null;
                    s.child = children.start(s.name, List.of("daemon"));
                    restarts.incrementAndGet();
                    LOG.info("{} restarted (pid {})", s.name, s.child.pid());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The live daemon that says it holds the lock (active, bootstrapping or running) and whose database
     * backend does hold it.
     */
    Optional<Child> active() {
        for (Slot s : slots) {
            Child c = s.child;
            if (!c.process().isAlive()) {
                continue;
            }
            Optional<String> t = ChaosChildren.lastTransition(c.stdout());
            if (t.isPresent()
                    && (t.get().startsWith("active")
                            || t.get().startsWith("bootstrap")
                            || t.get().equals("running"))
                    && ChaosChildren.lastBackend(c.stdout()).stream().anyMatch(this::lockHeld)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private boolean lockHeld(int backend) {
        try {
            return holdsLock.test(backend);
        } catch (RuntimeException e) { // the database restarting: nobody can be told active now
            LOG.debug("cannot check the session lock of backend {}: {}", backend, e.toString());
            return false;
        }
    }

    /** Waits up to {@code wait} for an active daemon. */
    Optional<Child> awaitActive(Duration wait) throws InterruptedException {
        Instant end = clock.instant().plus(wait);
        while (clock.instant().isBefore(end)) {
            Optional<Child> a = active();
            if (a.isPresent()) {
                return a;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return Optional.empty();
    }

    /** {@code kill -9} of the active daemon (waits up to {@code wait} for one); the pid killed. */
    Optional<Long> killActive(Duration wait) throws InterruptedException {
        Optional<Child> a = awaitActive(wait);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        a.get().process().destroyForcibly(); // SIGKILL on Linux, at once: the choice is fresh
        kills.incrementAndGet();
        LOG.info("kill -9 {} (pid {})", a.get().name(), a.get().pid());
        return Optional.of(a.get().pid());
    }

    /** Reads the heap of every live daemon and keeps the largest use seen (also every 15 s by itself). */
    synchronized void sampleHeap() {
        for (Slot s : slots) {
            Child c = s.child;
            if (c.process().isAlive()) {
                ChaosChildren.heapUsed(c.pid()).ifPresent(b -> heapMax.accumulateAndGet(b, Math::max));
            }
        }
    }

    long heapMaxBytes() {
        return heapMax.get();
    }

    int restarts() {
        return restarts.get();
    }

    int kills() {
        return kills.get();
    }

    /** Live daemons' stdout files, for the report. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Slot s : slots) {
            Child c = s.child;
            out.add(s.name + " pid " + c.pid() + (c.process().isAlive() ? " " : " exited ")
                    + ChaosChildren.lastTransition(c.stdout()).orElse("-") + " (" + c.stdout() + ")");
        }
        return out;
    }

    /** SIGTERM to every daemon (the orderly stop), then SIGKILL to any still alive after 20 s. */
    @Override
    public void close() {
        closing = true;
        supervisor.interrupt();
        heapSampler.interrupt();
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot s : slots) {
            s.child.process().destroy();
        }
        for (Slot s : slots) {
            try {
                if (!s.child.process().waitFor(20, TimeUnit.SECONDS)) {
                    s.child.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.child.process().destroyForcibly();
            }
        }
    }
}
