package io.execctl.scenario;

import io.execctl.cli.RestAudit;
import io.execctl.cli.WsAudit;
import io.execctl.config.BackoffTable;
import io.execctl.config.KisSettings;
import io.execctl.config.ReconnectPolicy;
import io.execctl.config.RetrySchedule;
import io.execctl.config.Timeouts;
import io.execctl.config.TrIdSet;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.AccountNo;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.engine.EnginePass;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.cancel.CancelCounters;
import io.execctl.engine.cancel.KillSwitch;
import io.execctl.engine.cancel.PartialCanceller;
import io.execctl.engine.daemon.HoldingsPass;
import io.execctl.engine.notice.DailyCcldLookup;
import io.execctl.engine.notice.InMemoryNoticeMetrics;
import io.execctl.engine.notice.NoticePipeline;
import io.execctl.engine.notice.NoticeRouter;
import io.execctl.engine.notice.NoticeWriter;
import io.execctl.engine.notice.ParkedNotices;
import io.execctl.engine.notice.ParkedNoticesPass;
import io.execctl.engine.notice.UnknownOrders;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.engine.submit.OrderInquiry;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.Submitter;
import io.execctl.engine.submit.UnknownResolver;
import io.execctl.engine.sync.BrokerInquiries;
import io.execctl.engine.sync.FillsSync;
import io.execctl.engine.sync.Reconciler;
import io.execctl.engine.sync.SyncCounters;
import io.execctl.engine.sync.SyncParts;
import io.execctl.engine.sync.UnfilledSync;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.RateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.store.AuditWriter;
import io.execctl.store.Db;
import io.execctl.store.FillApplier;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNoticeStore;
import io.execctl.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

import static org.awaitility.Awaitility.await;

/**
 * One environment of the scenarios: a fresh PostgreSQL database, the in-process simulator in one
 * KIS environment, a KIS client with one TR-id set, and the engine's real components wired as the
 * daemon wires them — the audit writer, the notice WebSocket and pipeline (with its parked-notice
 * pass), the ownership decision (which replays parked notices in the adoption's transaction), the
 * submitter, the unknown-outcome resolver and the holdings sync. Shared by every script of one
 * environment/TR-id combination; {@link #reset()} between scripts.
 */
final class ScenarioWorld implements AutoCloseable {
    static final String ACCOUNT = SimOptions.DEMO_ACCOUNT;
    /** History lag of the absence rules: above the simulator's default order-history lag (none). */
    static final Duration LAG = Duration.ofMillis(400);
    /**
     * The simulator's order times are its session clock (09:00 whatever the hour), not wall time: the
     * ownership decision runs with a day of skew, as UnknownResolverSimTest does (see wiring notes).
     */
    static final Duration SKEW = Duration.ofDays(1);
    /** History-lag window of the REST syncs (a deficit younger than this is not inferred). */
    static final Duration SYNC_LAG = Duration.ofMillis(500);

    private static final Timeouts TIMEOUTS =
            new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofMillis(1500));
    private static final BackoffTable QUICK = new BackoffTable(
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.exponential(Duration.ofMillis(20), 3, Duration.ofMillis(80)),
            RetrySchedule.linear(Duration.ofMillis(20), 2),
            RetrySchedule.exponential(Duration.ofMillis(20), 2, Duration.ofMillis(40)),
            0.0);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(
            Duration.ofMillis(50),
            Duration.ofMillis(400),
            Duration.ofMillis(20),
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    static final JournalPolicy POLICY =
            new JournalPolicy(Duration.ofSeconds(30), TIMEOUTS.call(), Duration.ofMillis(200), Duration.ZERO, 2);

    final KisEnv env;
    final TrIdSet trIds;
    final Clock clock = Clock.systemUTC();
    final TestDatabase db;
    final Jdbi jdbi;
    final Simulator sim;
    final KisClient client;
    final AuditWriter audit;
    final LoggingAlerter alerter = new LoggingAlerter();
    final InMemoryNoticeMetrics metrics = new InMemoryNoticeMetrics();
    final PgOrderOwnership ownership;
    final NoticePipeline pipeline;
    final ParkedNoticesPass parkedPass;
    final NoticeStream stream;
    final Submitter submitter;
    final UnknownResolver resolver;
    final HoldingsPass holdings;
    final UnknownOrders unknownOrders;
    final PartialCanceller partialCanceller;
    final FillsSync fillsSync;
    final UnfilledSync unfilledSync;
    final Reconciler reconciler;
    final KillSwitch killSwitch;
    private final Path rateDir;

    ScenarioWorld(KisEnv env, TrIdSet trIds) {
        this.env = env;
        this.trIds = trIds;
        try {
            rateDir = Files.createTempDirectory("scenario-rate");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
        sim = Simulator.start(SimOptions.defaults()
                .withEnv(env)
                .withCash(100_000_000_000L)
                .withSpeed(0)
                .withRateLimit(0.0));
        audit = AuditWriter.start(jdbi, 100_000);
        KisSettings settings = KisSettings.builder(env)
                .restUrl(sim.restUrl())
                .wsUrl(sim.wsUrl())
                .appKey(Secret.of(SimOptions.DEMO_APP_KEY))
                .appSecret(Secret.of(SimOptions.DEMO_APP_SECRET))
                .account(AccountNo.parse(ACCOUNT))
                .htsId(SimOptions.DEMO_HTS_ID)
                .trIdSet(trIds)
                .timeouts(TIMEOUTS)
                .backoff(QUICK)
                .rateStateDir(rateDir)
                .ratePerSecond(1000)
                .build();
        client = KisClient.builder(settings)
                .tokenStore(new InMemoryTokenStore())
                .rateBudget(RateBudget.UNLIMITED)
                .rawSink(new RestAudit(audit))
                .build();

        // The notice path, built from its parts so that the parked-notice pass exists (create() leaves it null).
        OrderTx orderTx = new OrderTx(jdbi);
        NoticeWriter writer = new NoticeWriter(jdbi, new FillApplier(orderTx, clock));
        ParkedNotices parked = new ParkedNotices(orderTx, writer, metrics, clock);
        AtomicReference<ParkedNotices> replayTo = new AtomicReference<>(parked);
        ownership = new PgOrderOwnership(
                jdbi, clock, SKEW, alerter, (h, key) -> replayTo.get().applyParked(key));
        OrderStore orders = OrderStore.of(jdbi);
        UnknownOrders.OrderExists exists = key -> orders.findByKey(key).isPresent();
        unknownOrders = new UnknownOrders(ownership, new DailyCcldLookup(client), parked, exists);
        pipeline = new NoticePipeline(
                new NoticeRouter(AccountNo.parse(ACCOUNT)),
                writer,
                parked,
                unknownOrders,
                metrics,
                NoticePipeline.Options.defaults());
        parkedPass = new ParkedNoticesPass(ParkedNoticeStore.of(jdbi), parked, unknownOrders, exists, 1000);
        pipeline.start();
        stream = NoticeStream.builder(
                        NoticeStreamSettings.of(env, sim.wsUrl(), SimOptions.DEMO_HTS_ID)
                                .withTryitoutPath(true)
                                .withReconnect(FAST),
                        client.tokens().approvalKeySupplier(),
                        client.tokens()::invalidateApproval,
                        new WsAudit(audit, pipeline))
                .build();
        stream.start();
        await().atMost(Duration.ofSeconds(15)).until(stream::isSubscribed);

        // As the daemon wires it: notices parked before the order answer are applied in its row's transaction.
        submitter = new Submitter(
                jdbi,
                client::placeCashOrder,
                ACCOUNT,
                Incarnation.start(),
                POLICY,
                clock,
                SubmitAlerts.logging(),
                (h, key) -> parked.applyParked(key));
        resolver = new UnknownResolver(
                jdbi,
                OrderInquiry.of(client),
                ownership,
                submitter,
                new AbsenceRules(LAG, env),
                ACCOUNT,
                null,
                clock,
                alerter);
        SyncParts syncParts = new SyncParts(
                jdbi, BrokerInquiries.of(client), ACCOUNT, ownership, SYNC_LAG, clock, new SyncCounters());
        fillsSync = new FillsSync(syncParts);
        unfilledSync = new UnfilledSync(syncParts);
        reconciler = new Reconciler(syncParts);
        Incarnation owner = Incarnation.start();
        partialCanceller = new PartialCanceller(client, jdbi, owner, POLICY, CancelCounters.NONE);
        killSwitch = new KillSwitch(
                client,
                jdbi,
                ACCOUNT,
                clock,
                Sleeper.SYSTEM,
                CancelCounters.NONE,
                new KillSwitch.Options(Duration.ofSeconds(6), Duration.ofMillis(100), Duration.ofMillis(500)));
        holdings = new HoldingsPass(new HoldingsSync(
                jdbi,
                client::balance,
                ACCOUNT,
                clock,
                new HoldingsCheck(Duration.ZERO),
                alerter,
                new HoldingsCounters()));
    }

    /** The REST syncs (engine.sync), with the real ownership decision. */
    EnginePass syncPass(Script.Step s, String name) {
        return switch (name) {
            case "sync-fills" -> fillsSync;
            case "sync-unfilled" -> unfilledSync;
            case "reconcile" -> reconciler;
            default -> throw new ScenarioException(s.where() + ": no sync pass " + name);
        };
    }

    String name() {
        return env.name().toLowerCase() + "/" + trIds.name().toLowerCase();
    }

    /**
     * Between scripts: faults off; the notice socket cut and reopened, so that nothing the previous
     * script left in flight (a notice the reorder fault held back) reaches the next one, whose ODNOs
     * start at 1 again; the pipeline drained; the market back to its seed; every execution table emptied.
     */
    void reset() throws InterruptedException {
        sim.setFaults(Faults.NONE);
        sim.wsServer().dropAll();
        await().atMost(Duration.ofSeconds(15)).until(stream::isSubscribed);
        pipeline.awaitIdle(Duration.ofSeconds(10));
        sim.broker().reset();
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.orders, trade.fills, trade.outbox, trade.submissions,"
                + " trade.intent_outcomes, trade.order_intents, trade.parked_notices, trade.holdings,"
                + " trade.positions, trade.sync_runs, trade.fill_deficits CASCADE"));
    }

    @Override
    public void close() {
        try {
            stream.close();
            pipeline.close();
            unknownOrders.close();
            audit.close();
            client.close();
        } finally {
            try {
                sim.close();
            } finally {
                db.close();
            }
        }
    }
}
