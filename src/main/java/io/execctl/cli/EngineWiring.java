package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.EvidenceSettings;
import io.execctl.config.KisSettings;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentType;
import io.execctl.domain.JournalPolicy;
import io.execctl.engine.Alert;
import io.execctl.engine.Alerter;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.NoticeCoverageRecorder;
import io.execctl.engine.cancel.CancelResolver;
import io.execctl.engine.cancel.PartialCanceller;
import io.execctl.engine.cancel.UnsettledCancelsPass;
import io.execctl.engine.daemon.DaemonService;
import io.execctl.engine.daemon.EngineParts;
import io.execctl.engine.daemon.EntryGate;
import io.execctl.engine.daemon.FillWatch;
import io.execctl.engine.daemon.HoldingsPass;
import io.execctl.engine.daemon.HoldingsSoon;
import io.execctl.engine.daemon.IntentSettlePass;
import io.execctl.engine.daemon.Nudge;
import io.execctl.engine.daemon.PassName;
import io.execctl.engine.daemon.SubmitPass;
import io.execctl.engine.notice.DailyCcldLookup;
import io.execctl.engine.notice.NoticePipeline;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.engine.submit.IntentPump;
import io.execctl.engine.submit.OrderInquiry;
import io.execctl.engine.submit.SubmitAdmission;
import io.execctl.engine.submit.SubmitOutcome;
import io.execctl.engine.submit.Submitter;
import io.execctl.engine.submit.UnknownResolver;
import io.execctl.engine.sync.BrokerInquiries;
import io.execctl.engine.sync.FillsSync;
import io.execctl.engine.sync.OrderRecomputePass;
import io.execctl.engine.sync.Reconciler;
import io.execctl.engine.sync.SyncParts;
import io.execctl.engine.sync.TodayListing;
import io.execctl.engine.sync.UnfilledSync;
import io.execctl.kis.KisClient;
import io.execctl.kis.Sleeper;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.store.Incarnation;
import io.execctl.store.NoticeCoverageStore;
import io.execctl.store.NotificationListener;
import io.execctl.store.OrderRecompute;
import io.execctl.store.OrderTx;
import io.execctl.store.OutboxEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the engine's passes and services are put together, for {@code execctl
 * daemon}, {@code execctl demo} and {@code execctl bootstrap} alike: the bootstrap's steps and the
 * daemon's loops are derived from the {@link EngineParts} built here, so a new pass is one {@code
 * .pass(...)} line in {@link #wire}.
 *
 * <p>One ownership decision point ({@link PgOrderOwnership}, with the configured order-time skew)
 * serves the resolver and the notice path; one notice pipeline applies the WebSocket's notices; its
 * {@code applyParked} is the replay both the submitter (an accepted order's row) and ownership (an
 * adopted row) run inside the transaction that writes the order.
 */
final class EngineWiring {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWiring.class);

    private EngineWiring() {}

    /** What the process hands in: the database, metrics and the alerter it built once. */
    record Context(Config config, Database db, Jdbi jdbi, KisRuntime kis, EngineMetrics metrics, Alerter alerter) {
        Context {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(db, "db");
            Objects.requireNonNull(jdbi, "jdbi");
            Objects.requireNonNull(kis, "kis");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(alerter, "alerter");
        }
    }

    /** The parts and what must be closed after the daemon stopped (the notice pipeline). */
    /**
     * @param resolverDue how long until the resolver's evidence can be paired ({@link
     *                    UnknownResolver#untilSecondLook}); empty: nothing ahead
     */
    record Wired(EngineParts parts, NoticePipeline pipeline, Supplier<Optional<Duration>> resolverDue)
            implements AutoCloseable {
        @Override
        public void close() {
            pipeline.close();
        }
    }

    /**
     * @param gate    the daemon's gate (claiming, entries during a gap-fill)
     * @param owner   this process's incarnation (one per process start)
     * @param daemon  true for the long-running engine: the intent pump (LISTEN + poll) and the notice
     *                WebSocket (with {@code KIS_HTS_ID} set) with its pipeline started
     */
    /** How soon after a send ends UNKNOWN the resolver looks (the broker's history needs a moment). */
    static final Duration UNKNOWN_LOOK = Duration.ofSeconds(1);

    static Wired wire(Context c, EntryGate gate, Incarnation owner, Clock clock, boolean daemon) {
        Config config = c.config();
        Jdbi jdbi = c.jdbi();
        KisSettings settings = KisWiring.settings(config);
        EvidenceSettings evidence = config.evidence();
        KisClient client = c.kis().client();
        String account = HoldingsWiring.accountId(config);
        JournalPolicy policy = JournalPolicy.defaults()
                .withOrderCallTimeout(settings.timeouts().call());
        // ownership and the submitter replay parked notices through the pipeline built after them
        AtomicReference<NoticePipeline> pipelineRef = new AtomicReference<>();
        ParkedNoticeReplay replay = (h, key) -> pipelineRef.get().parked().applyParked(key);
        PgOrderOwnership ownership = new PgOrderOwnership(jdbi, clock, evidence.orderTimeSkew(), c.alerter(), replay);
        NoticePipeline pipeline = NoticePipeline.create(
                jdbi,
                settings.account(),
                ownership,
                new DailyCcldLookup(client),
                c.metrics().notices(),
                clock,
                NoticePipeline.Options.defaults());
        pipelineRef.set(pipeline);
        Submitter submitter = new Submitter(
                jdbi,
                client::placeCashOrder,
                account,
                owner,
                policy,
                clock,
                (code, message) -> c.alerter().raise(new Alert(Alert.Severity.WARNING, code, message)),
                replay);
        HoldingsSync holdings = new HoldingsSync(
                jdbi,
                client::balance,
                account,
                clock,
                new HoldingsCheck(Duration.ofSeconds(HoldingsWiring.DEFAULT_QUIET_SECONDS)),
                c.alerter(),
                new HoldingsCounters(c.metrics().registry().holdings()));
        AbsenceRules rules = new AbsenceRules(evidence.historyLag(), settings.env(), evidence.orderTimeSkew());
        // the daemon records the notice stream's coverage (frames whose notices the pipeline wrote); any
        // process may lean on it (no daemon: no spans, so absence needs the second inquiry anyway)
        String streamKey =
                settings.htsId().isEmpty() ? null : NoticeCoverageStore.streamKey(settings.env(), settings.htsId());
        UnknownResolver resolver = new UnknownResolver(
                jdbi, OrderInquiry.of(client), ownership, submitter, rules, account, streamKey, clock, c.alerter());
        CancelResolver cancels = new CancelResolver(
                client,
                jdbi,
                owner,
                policy,
                new AbsenceRules(rules.historyLag(), rules.env()), // cancel rows: no send-window filter
                Sleeper.SYSTEM,
                new PartialCanceller(client, jdbi, owner, policy, c.metrics().cancels()));
        // the REST syncs: the authority on totals; a deficit becomes an INFERRED fill only after
        // EXECCTL_FILL_INFERENCE_LAG_MS (longer than the resolver's history lag: a late notice wins)
        SyncParts syncs = new SyncParts(
                jdbi,
                BrokerInquiries.of(client),
                account,
                ownership,
                evidence.fillInferenceLag(),
                clock,
                c.metrics().syncCounters());
        // today's complete listing: fetched by sync-unfilled or sync-fills, taken once by the other sync
        // within seconds (a bootstrap fetches it once) and answering the reconcile for today's orders
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        EngineParts.Builder parts = EngineParts.builder();
        // the holdings loop also runs soon after fills commit and go quiet (the fill watch, daemon only),
        // at most once per EXECCTL_HOLDINGS_MIN_INTERVAL_MS
        HoldingsSoon soon =
                new HoldingsSoon(clock, config.loops().holdingsMinInterval(), parts.nudge(PassName.SYNC_HOLDINGS));
        parts.pass(PassName.SUBMIT, new SubmitPass(jdbi, submitter, gate, Submitter.DEFAULT_BATCH))
                .pass(PassName.SYNC_HOLDINGS, soon.wrap(new HoldingsPass(holdings)))
                .pass(PassName.SYNC_UNFILLED, new UnfilledSync(syncs, today))
                .pass(PassName.SYNC_FILLS, new FillsSync(syncs, today))
                .pass(
                        PassName.RECOMPUTE_ORDERS,
                        new OrderRecomputePass(
                                new OrderRecompute(jdbi, new OrderTx(jdbi), clock),
                                account,
                                c.metrics()::orderRecomputeDrift))
                .pass(PassName.RECONCILE, new Reconciler(syncs, today, Reconciler.DEFAULT_INQUIRY_BUDGET))
                .pass(PassName.RESOLVE_UNKNOWN, resolver)
                .pass(PassName.PARKED_NOTICES, pipeline.parkedPass())
                .pass(PassName.RESOLVE_CANCELS, new UnsettledCancelsPass(jdbi, cancels))
                .pass(
                        PassName.SETTLE_INTENTS,
                        new IntentSettlePass(jdbi, clock, c.metrics().registry().execution()::intentRepaired));
        if (daemon) {
            parts.intentPickup(pump(c, submitter, gate, parts.nudge(PassName.RESOLVE_UNKNOWN)));
            if (!config.loops().holdingsAfterFill().isZero()) {
                parts.service(new FillWatch(
                        jdbi,
                        h -> new NotificationListener(
                                c.db().directDataSource(),
                                List.of(OutboxEvent.CHANNEL),
                                h,
                                NotificationListener.Options.defaults()),
                        soon,
                        FillWatch.DEFAULT_BATCH,
                        config.loops().holdingsAfterFill()));
            }
            pipeline.start();
            noticeStream(c, settings, pipeline, parts, owner, clock);
        }
        return new Wired(parts.build(), pipeline, resolver::untilSecondLook);
    }

    /**
     * The intent pump as a restartable service: a new pump each time the daemon becomes active. A send
     * that ends UNKNOWN asks the resolver to look within {@link #UNKNOWN_LOOK}: an adoption needs no
     * history lag (one candidate in a complete inquiry), and every second an UNKNOWN stays open holds
     * back the intents of its symbol, side and quantity.
     */
    private static DaemonService pump(Context c, Submitter submitter, EntryGate gate, Nudge resolver) {
        AtomicReference<IntentPump> current = new AtomicReference<>();
        SubmitAdmission admission = new GateAdmission(gate);
        return DaemonService.of(
                "intent-pump",
                () -> {
                    IntentPump pump = new IntentPump(
                            submitter,
                            c.config().loops().submitWorkers(),
                            c.config().loops().intentPoll(),
                            h -> new NotificationListener(
                                    c.db().directDataSource(),
                                    List.of(IntentPump.CHANNEL),
                                    h,
                                    NotificationListener.Options.defaults().withGapOnFirstConnect(true)),
                            c.metrics().pumpCounters(),
                            admission,
                            r -> {
                                c.metrics().intentFinished(r);
                                if (r.outcome() == SubmitOutcome.UNKNOWN) {
                                    resolver.within(UNKNOWN_LOOK);
                                }
                            });
                    current.set(pump);
                    pump.start();
                },
                timeout -> {
                    IntentPump pump = current.getAndSet(null);
                    if (pump != null) {
                        pump.close(); // stops claiming, in-flight sends finish within the send lease
                    }
                });
    }

    private static void noticeStream(
            Context c,
            KisSettings settings,
            NoticePipeline pipeline,
            EngineParts.Builder parts,
            Incarnation owner,
            Clock clock) {
        if (settings.htsId().isEmpty()) {
            LOG.warn("KIS_HTS_ID is not set: no execution-notice WebSocket; the REST syncs carry the fills");
            return;
        }
        NoticeStreamSettings ns = KisWiring.noticeSettings(settings);
        KisClient client = c.kis().client();
        String streamKey = NoticeCoverageStore.streamKey(settings.env(), settings.htsId());
        // coverage counts a frame once the pipeline wrote its notices (not when they were queued)
        parts.noticeHandler(() -> new NoticeCoverageRecorder(
                new ConnectedGauge(pipeline, c.metrics().registry().kis()),
                NoticeCoverageStore.of(c.jdbi()),
                streamKey,
                owner,
                clock,
                pipeline.durability()));
        parts.noticeStream(listener -> NoticeStream.builder(
                        ns,
                        client.tokens().approvalKeySupplier(),
                        client.tokens()::invalidateApproval,
                        new WsAudit(c.kis().audit(), listener))
                .metrics(c.metrics().registry().kis())
                .build());
    }

    /** The daemon's gate as the pump's admission: nothing after a stop; entries wait during a gap-fill. */
    private record GateAdmission(EntryGate gate) implements SubmitAdmission {
        @Override
        public boolean claiming() {
            return gate.claimingAllowed();
        }

        @Override
        public boolean admits(Intent intent) {
            return !IntentType.ENTRY.name().equals(intent.intentType()) || gate.entriesAllowed();
        }
    }
}
