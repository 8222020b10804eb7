package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.domain.JournalPolicy;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.daemon.EngineParts;
import io.execctl.engine.daemon.EntryGate;
import io.execctl.engine.daemon.HoldingsPass;
import io.execctl.engine.daemon.PassName;
import io.execctl.engine.daemon.SubmitPass;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.Submitter;
import io.execctl.kis.KisClient;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.store.Incarnation;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the engine's passes and services are put together, for {@code execctl
 * daemon} and {@code execctl bootstrap} alike: the bootstrap's steps and the daemon's loops are
 * derived from the {@link EngineParts} built here, so a new pass is one {@code .pass(...)} line in
 * {@link #parts}.
 */
final class EngineWiring {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWiring.class);

    private EngineWiring() {}

    /**
     * @param gate    the daemon's gate (claiming, entries during a gap-fill)
     * @param owner   this process's incarnation (one per process start)
     * @param notices true to connect the notice WebSocket (the daemon, with {@code KIS_HTS_ID} set)
     */
    static EngineParts parts(
            Config config, Jdbi jdbi, KisRuntime kis, EntryGate gate, Incarnation owner, Clock clock, boolean notices) {
        KisSettings settings = KisWiring.settings(config);
        KisClient client = kis.client();
        String account = HoldingsWiring.accountId(config);
        Submitter submitter = new Submitter(
                jdbi,
                client::placeCashOrder,
                account,
                owner,
                JournalPolicy.defaults()
                        .withOrderCallTimeout(settings.timeouts().call()),
                clock,
                SubmitAlerts.logging());
        HoldingsSync holdings = new HoldingsSync(
                jdbi,
                client::balance,
                account,
                clock,
                new HoldingsCheck(Duration.ofSeconds(HoldingsWiring.DEFAULT_QUIET_SECONDS)),
                new LoggingAlerter(),
                new HoldingsCounters());
        EngineParts.Builder parts = EngineParts.builder()
                .pass(PassName.SUBMIT, new SubmitPass(jdbi, submitter, gate, Submitter.DEFAULT_BATCH))
                .pass(PassName.SYNC_HOLDINGS, new HoldingsPass(holdings));
        // The passes of the next slices are added here, one line each:
        //   .pass(PassName.SYNC_UNFILLED, ...)  .pass(PassName.SYNC_FILLS, ...)
        //   .pass(PassName.RECOMPUTE_ORDERS, ...)  .pass(PassName.RECONCILE, ...)
        //   .pass(PassName.RESOLVE_UNKNOWN, ...)
        //   .intentPickup(DaemonService.of("intent-pump", ...))  (LISTEN + poll running the SubmitPass)
        //   .noticeHandler(() -> new NoticeCoverageRecorder(<notice pipeline>, ...))
        if (notices) {
            if (settings.htsId().isEmpty()) {
                LOG.warn("KIS_HTS_ID is not set: no execution-notice WebSocket; the REST syncs carry the fills");
            } else {
                NoticeStreamSettings ns = KisWiring.noticeSettings(settings);
                parts.noticeStream(listener -> NoticeStream.builder(
                                ns,
                                client.tokens().approvalKeySupplier(),
                                client.tokens()::invalidateApproval,
                                new WsAudit(kis.audit(), listener))
                        .build());
            }
        }
        return parts.build();
    }
}
