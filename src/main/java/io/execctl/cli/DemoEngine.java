package io.execctl.cli;

import io.execctl.config.KisSettings;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.TradingDate;
import io.execctl.engine.Alert;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.Submitter;
import io.execctl.store.Incarnation;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine {@code execctl demo} runs: <b>a stand-in, replaced by the daemon at integration</b>
 * ({@code engine.daemon.Daemon}, built beside this). Until then it runs in-process what exists:
 * periodic {@link Submitter} passes (intents → orders), a REST fills pass ({@link DemoRestFills},
 * daily-ccld totals applied through the fill applier) and {@code sync holdings}. No notice
 * WebSocket, no LISTEN, no bootstrap, no session lock: the demo owns a fresh database and
 * simulator, so nothing else competes for them.
 *
 * <p>This is the one seam {@link DemoCommand} uses: {@link #start()}, {@link #stop()},
 * {@link #describe()}.
 */
final class DemoEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEngine.class);
    private static final Duration SUBMIT_EVERY = Duration.ofMillis(250);
    private static final Duration FILLS_EVERY = Duration.ofSeconds(1);
    private static final Duration HOLDINGS_EVERY = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final KisRuntime kis;
    private final String accountId;
    private final Clock clock;
    private final Submitter submitter;
    private final DemoRestFills fills;
    private final HoldingsSync holdings;
    private final ScheduledExecutorService loops;
    private final AtomicLong loopErrors = new AtomicLong();
    private final ConcurrentLinkedDeque<String> alerts = new ConcurrentLinkedDeque<>();
    private final Duration stopTimeout;

    DemoEngine(Jdbi jdbi, KisRuntime kis, KisSettings settings, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.kis = Objects.requireNonNull(kis, "kis");
        this.accountId = settings.account().reveal();
        this.clock = Objects.requireNonNull(clock, "clock");
        SubmitAlerts submitAlerts = (code, message) -> remember(code + ": " + message);
        this.submitter = new Submitter(
                jdbi,
                kis.client()::placeCashOrder,
                accountId,
                Incarnation.start(),
                JournalPolicy.defaults()
                        .withOrderCallTimeout(settings.timeouts().call()),
                clock,
                submitAlerts);
        this.fills = new DemoRestFills(jdbi, kis.client(), accountId, clock);
        this.holdings = new HoldingsSync(
                jdbi,
                kis.client()::balance,
                accountId,
                clock,
                new HoldingsCheck(Duration.ofSeconds(5)),
                (Alert a) -> remember(a.code() + ": " + a.message()),
                new HoldingsCounters());
        this.stopTimeout = settings.timeouts().call().plusSeconds(5);
        this.loops = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "demo-engine");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        schedule("submit", SUBMIT_EVERY, () -> submitter.runPass(Submitter.DEFAULT_BATCH, false));
        schedule("fills", FILLS_EVERY, fills::runPass);
        schedule("holdings", HOLDINGS_EVERY, holdings::run);
    }

    private void schedule(String name, Duration every, Runnable pass) {
        loops.scheduleWithFixedDelay(
                () -> {
                    try {
                        pass.run();
                    } catch (RuntimeException e) {
                        // a loop that throws logs, counts and keeps its schedule
                        loopErrors.incrementAndGet();
                        LOG.warn("demo engine: {} pass failed: {}", name, e.toString());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One of each pass now, on the caller's thread (used while waiting for convergence). */
    void runAllOnce() {
        submitter.runPass(Submitter.DEFAULT_BATCH, false);
        fills.runPass();
        holdings.run();
    }

    /** Stops the loops, letting a pass in flight finish (bounded by the order-call timeout + 5 s). */
    void stop() {
        loops.shutdown();
        try {
            if (!loops.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                loops.shutdownNow();
            }
        } catch (InterruptedException e) {
            loops.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** One line for the live view: what runs, and what went wrong. */
    String describe() {
        String last = alerts.peekLast();
        return "demo engine (submit " + SUBMIT_EVERY.toMillis() + " ms, REST fills " + FILLS_EVERY.toSeconds()
                + " s, holdings " + HOLDINGS_EVERY.toSeconds() + " s; trading date "
                + TradingDate.today(clock) + "); loop errors " + loopErrors.get() + ", alerts " + alerts.size()
                + (last == null ? "" : " (last: " + last + ")");
    }

    private void remember(String alert) {
        alerts.addLast(alert);
        while (alerts.size() > 100) {
            alerts.pollFirst();
        }
        LOG.debug("demo engine alert: {}", alert);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    KisRuntime kis() {
        return kis;
    }
}
