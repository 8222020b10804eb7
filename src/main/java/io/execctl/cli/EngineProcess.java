package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.engine.Alerter;
import io.execctl.engine.CompositeAlerter;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.WebhookAlerter;
import io.execctl.engine.daemon.Bootstrap;
import io.execctl.engine.daemon.BootstrapPlan;
import io.execctl.engine.daemon.BootstrapProgress;
import io.execctl.engine.daemon.Daemon;
import io.execctl.engine.daemon.DaemonListener;
import io.execctl.engine.daemon.DaemonLoop;
import io.execctl.engine.daemon.DaemonStatus;
import io.execctl.engine.daemon.EntryGate;
import io.execctl.engine.daemon.LockSource;
import io.execctl.engine.daemon.LoopPlan;
import io.execctl.engine.daemon.MarketHours;
import io.execctl.metrics.ExecctlMetrics;
import io.execctl.metrics.MetricsServer;
import io.execctl.store.AbsenceDue;
import io.execctl.store.FillDeficitStore;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.SessionLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole engine of one process, as {@code execctl daemon} and {@code execctl demo} run it: one
 * metrics registry (served on {@code /metrics /healthz /readyz}), the composite alerter (log,
 * metrics, webhook when {@code EXECCTL_ALERT_WEBHOOK_URL} is set), the broker client counting into
 * the registry, every pass and service of {@link EngineWiring}, and the {@link Daemon} over them.
 * {@link #close()} after the daemon stopped: the notice pipeline drains, then the client, the
 * metrics server and the webhook close.
 */
final class EngineProcess implements AutoCloseable {
    static final String LOCK_NAMESPACE = "daemon";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ExecctlMetrics metrics;
    private final MetricsServer server;
    private final WebhookAlerter webhook;
    private final KisRuntime kis;
    private final EngineWiring.Wired wired;
    private final DaemonStatus status;
    private final Daemon daemon;
    private final List<DaemonLoop> loops;

    private EngineProcess(
            ExecctlMetrics metrics,
            MetricsServer server,
            WebhookAlerter webhook,
            KisRuntime kis,
            EngineWiring.Wired wired,
            DaemonStatus status,
            Daemon daemon,
            List<DaemonLoop> loops) {
        this.metrics = metrics;
        this.server = server;
        this.webhook = webhook;
        this.kis = kis;
        this.wired = wired;
        this.status = status;
        this.daemon = daemon;
        this.loops = loops;
    }

    /** Builds everything; the daemon is not started ({@code daemon().run()} blocks the caller). */
    static EngineProcess open(
            Config config, Database db, Jdbi jdbi, BootstrapProgress progress, DaemonListener listener) {
        Clock clock = Clock.systemUTC();
        KisSettings settings = KisWiring.settings(config);
        ExecctlMetrics metrics = ExecctlMetrics.create(clock);
        EngineMetrics engineMetrics = new EngineMetrics(metrics, clock);
        WebhookAlerter webhook = config.ops()
                .alertWebhookUrl()
                .map(url -> new WebhookAlerter(
                        url, config.knownSecrets(), "execctl@" + host(), WebhookAlerter.Settings.DEFAULT, clock))
                .orElse(null);
        Alerter alerter = webhook == null
                ? CompositeAlerter.of(new LoggingAlerter(), metrics.alerts())
                : CompositeAlerter.of(new LoggingAlerter(), metrics.alerts(), webhook);
        if (webhook != null) {
            metrics.alerts().webhook(webhook::dropped, webhook::failed);
        }
        KisRuntime kis = KisWiring.open(settings, config.infra(), jdbi, metrics.kis());
        String account = HoldingsWiring.accountId(config);
        EntryGate gate = new EntryGate();
        DaemonStatus status = new DaemonStatus();
        EngineWiring.Wired wired = EngineWiring.wire(
                new EngineWiring.Context(config, db, jdbi, kis, engineMetrics, alerter),
                gate,
                Incarnation.start(),
                clock,
                true);
        List<DaemonLoop> loops = LoopPlan.loops(
                wired.parts(),
                config.loops(),
                new LoopPlan.Conditions(
                        () -> !status.wsSubscribed(),
                        () -> !OrderStore.of(jdbi).findOpen(account).isEmpty(),
                        config.marketAlwaysOpen() ? () -> false : new MarketHours(clock),
                        () -> FillDeficitStore.of(jdbi)
                                .untilNextDue(account, config.evidence().fillInferenceLag(), clock.instant()),
                        () -> earliest(
                                AbsenceDue.of(jdbi)
                                        .untilProvable(config.evidence().historyLag()),
                                wired.resolverDue().get())),
                new SplittableRandom());
        LockSource locks = (wait, onLost) ->
                SessionLock.acquire(db.directDataSource(), LOCK_NAMESPACE, account, wait, db.lockOptions(), onLost);
        Duration stopTimeout = settings.timeouts().call();
        Daemon daemon = new Daemon(
                wired.parts(),
                locks,
                new Bootstrap(
                        BootstrapPlan.standard(wired.parts()),
                        Bootstrap.unknownSubmissions(jdbi),
                        engineMetrics.daemon(),
                        clock),
                progress,
                loops,
                gate,
                status,
                engineMetrics.daemon(),
                listener,
                () -> executor(loops.size() + 1),
                clock,
                stopTimeout,
                RETRY_AFTER);
        MetricsServer server = MetricsServer.start(metrics, EngineMetrics.readiness(status), config.ops());
        return new EngineProcess(metrics, server, webhook, kis, wired, status, daemon, loops);
    }

    Daemon daemon() {
        return daemon;
    }

    DaemonStatus status() {
        return status;
    }

    List<DaemonLoop> loops() {
        return loops;
    }

    ExecctlMetrics metrics() {
        return metrics;
    }

    /** After the daemon stopped: pipeline (drains), client and audit, metrics server, webhook. */
    @Override
    public void close() {
        try {
            wired.close();
        } finally {
            try {
                kis.close();
            } finally {
                server.close();
                if (webhook != null) {
                    webhook.close();
                }
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static ScheduledExecutorService executor(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "execctl-loop-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The sooner of two optional delays. */
    static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) <= 0 ? a : b;
    }
}
