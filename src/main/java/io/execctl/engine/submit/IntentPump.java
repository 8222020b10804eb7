package io.execctl.engine.submit;

import io.execctl.engine.EnginePass;
import io.execctl.store.NotificationListener;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's intent pickup: {@link SubmitPass#dispatch} runs whenever a strategy's insert is
 * announced on {@link #CHANNEL} (LISTEN; on the listener thread, no hand-off), and on a scan thread
 * when the LISTEN connection comes back after a loss (notifications in between are lost: rescan) and
 * on a jittered poll every 1–3 poll intervals, which always runs as the fallback (and is the only path
 * without a listener). Scans never overlap. Claims whose owner's lease
 * expired are taken over on poll ticks and after a reconnect, not on each notification, so the
 * notified path stays one query long.
 *
 * <p>{@link #close()} stops claiming, lets the sends in flight finish (bounded by the send lease:
 * order-call timeout plus margin) and closes the listener.
 */
public final class IntentPump implements AutoCloseable {
    /** The channel of the contract's insert trigger ({@code trade.order_intents_notify}). */
    public static final String CHANNEL = "execctl_intents";

    /** No LISTEN: polling only. */
    public static final Function<NotificationListener.Handler, NotificationListener> POLLING_ONLY = h -> null;

    private static final Logger log = LoggerFactory.getLogger(IntentPump.class);

    private final SubmitPass pass;
    private final Duration pollBase;
    private final Function<NotificationListener.Handler, NotificationListener> listen;
    private final PumpCounters counters;
    private final Object monitor = new Object();
    private final Object scanLock = new Object();
    private boolean wake;
    private boolean sweep;
    private volatile boolean running;
    private Thread thread;
    private NotificationListener listener;

    /**
     * @param submitter the submitter (its owner, policy and port)
     * @param workers   intents of distinct symbols sent at once ({@code EXECCTL_SUBMIT_WORKERS})
     * @param pollBase  the poll interval ({@code EXECCTL_INTENT_POLL_MS}); each wait is drawn from
     *                  [pollBase, 3 × pollBase] so that several daemons do not poll in step
     * @param listen    makes the LISTEN connection for a handler, e.g. {@code h -> new
     *                  NotificationListener(db.directDataSource(), List.of(CHANNEL), h, options)}
     *                  (unpooled: it holds its connection); {@link #POLLING_ONLY} for none
     */
    public IntentPump(
            Submitter submitter,
            int workers,
            Duration pollBase,
            Function<NotificationListener.Handler, NotificationListener> listen,
            PumpCounters counters) {
        this(submitter, workers, pollBase, listen, counters, SubmitAdmission.ALL, r -> {});
    }

    /**
     * @param admission the daemon's gate, asked before each claim
     * @param observer  told of every result besides the counters (e.g. a Prometheus counter)
     */
    public IntentPump(
            Submitter submitter,
            int workers,
            Duration pollBase,
            Function<NotificationListener.Handler, NotificationListener> listen,
            PumpCounters counters,
            SubmitAdmission admission,
            Consumer<SubmitResult> observer) {
        this.counters = Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(observer, "observer");
        this.pass = new SubmitPass(
                submitter,
                workers,
                Submitter.DEFAULT_BATCH,
                r -> {
                    counters.outcome(r);
                    observer.accept(r);
                },
                admission);
        this.pollBase = Objects.requireNonNull(pollBase, "pollBase");
        if (pollBase.isZero() || pollBase.isNegative()) {
            throw new IllegalArgumentException("pollBase must be positive");
        }
        this.listen = Objects.requireNonNull(listen, "listen");
    }

    /** The same work as one {@code execctl submit}, for the bootstrap or a one-shot run. */
    public EnginePass pass() {
        return pass;
    }

    /** Starts LISTEN (if any) and the scan thread; the first scan runs at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        synchronized (monitor) {
            wake = true;
            sweep = true;
        }
        listener = listen.apply(new NotificationListener.Handler() {
            @Override
            public void onNotification(String channel, String payload) {
                counters.notified();
                scanOnListener();
            }

            @Override
            public void onGap() {
                counters.gap();
                signal(true);
            }
        });
        if (listener != null) {
            listener.start();
        }
        thread = new Thread(this::loop, "execctl-intent-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a scan now (also what a notification does). */
    public void signal(boolean withTakeOvers) {
        synchronized (monitor) {
            wake = true;
            sweep |= withTakeOvers;
            monitor.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean takeOvers;
            try {
                takeOvers = awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) {
                return;
            }
            scan(takeOvers);
        }
    }

    /**
     * A notification's scan runs on the listener thread itself: waking the scan thread first cost
     * one more thread hand-off (a time slice on a busy machine) on the submission latency's path.
     * Notifications that arrive meanwhile wait in the LISTEN socket and are read as one batch, one
     * scan. Expired claims are left to the scan thread (poll ticks, reconnects).
     */
    private void scanOnListener() {
        if (running) {
            scan(false);
        }
    }

    /** One scan at a time (listener or scan thread), so two never offer what the other just read. */
    private void scan(boolean takeOvers) {
        synchronized (scanLock) {
            if (!running) {
                return;
            }
            try {
                counters.scan();
                pass.dispatch(takeOvers);
            } catch (RuntimeException e) {
                counters.error();
                log.error("intent scan failed; retrying on the next wake-up or poll", e);
            }
        }
    }

    /** Waits for a signal or the next jittered poll; returns whether to take over expired claims. */
    private boolean awaitWork() throws InterruptedException {
        long deadline = System.nanoTime() + nextPoll().toNanos();
        synchronized (monitor) {
            while (running && !wake) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    sweep = true;
                    break;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            boolean s = sweep;
            wake = false;
            sweep = false;
            return s;
        }
    }

    private Duration nextPoll() {
        long base = pollBase.toMillis();
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(2 * base + 1));
    }

    /** Intents queued or being sent now. */
    public int inHand() {
        return pass.inHand();
    }

    /** Whether the LISTEN connection is up (false when polling only). */
    public boolean listening() {
        NotificationListener l = listener;
        return l != null && l.isListening();
    }

    /**
     * Stops claiming, waits for the sends in flight (up to the send lease), closes the listener. Safe
     * to call twice.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pass.close();
        if (listener != null) {
            listener.close();
        }
    }
}
