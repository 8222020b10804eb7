package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.InfraSettings;
import io.execctl.config.KisSettings;
import io.execctl.kis.HostRateBudget;
import io.execctl.kis.KisClient;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.RateBudget;
import io.execctl.kis.SharedRateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.store.AuditWriter;
import io.execctl.store.PgRateSlots;
import io.execctl.store.PgTokenStore;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the configuration to the broker client: the same binary talks to real KIS, paper KIS or the
 * simulator by {@code KIS_ENV}, {@code KIS_REST_URL} and {@code KIS_WS_URL} alone. The configuration
 * produces the client's settings itself ({@link Config#kisSettings()}); nothing is mapped here. The
 * token cache and the request budget are database rows, so every execctl process of an app key, on
 * any host, shares one token and one budget.
 */
public final class KisWiring {
    private KisWiring() {}

    /** The client's settings from a configuration that passed {@code require(Need.KIS)}. */
    public static KisSettings settings(Config config) {
        return config.kisSettings();
    }

    /**
     * A client whose tokens and approval key are cached in {@code trade.kis_tokens}, whose request
     * budget is shared with every process of the app key (the {@code trade.kis_rate_budget} row, or
     * files under {@code KIS_RATE_STATE_DIR} when configured, never a per-host temporary directory),
     * and whose raw exchanges go to {@code trade.broker_messages} through an asynchronous audit writer.
     */
    public static KisRuntime open(KisSettings settings, InfraSettings infra, Jdbi jdbi, KisMetrics metrics) {
        AuditWriter audit = AuditWriter.start(jdbi, infra.auditQueue());
        PgRateSlots slots = null;
        RateBudget budget;
        if (infra.rateStateDir().isPresent()) {
            Path file = infra.rateStateDir()
                    .get()
                    .resolve("rate-" + settings.env().key() + "-" + settings.appKeyFingerprint());
            budget = new HostRateBudget(file, settings.ratePerSecond(), Clock.systemUTC(), Sleeper.SYSTEM, metrics);
        } else {
            slots = new PgRateSlots(jdbi);
            budget = SharedRateBudget.forSettings(settings, slots, Clock.systemUTC(), Sleeper.SYSTEM, metrics);
        }
        KisClient client = KisClient.builder(settings)
                .tokenStore(new PgTokenStore(jdbi))
                .metrics(metrics)
                .rawSink(new RestAudit(audit))
                .rateBudget(budget)
                .build();
        return new KisRuntime(client, audit, slots);
    }

    /** The notice stream's settings (the HTS id must be set: {@code require(Need.KIS_NOTICES)}). */
    public static NoticeStreamSettings noticeSettings(KisSettings s) {
        return NoticeStreamSettings.from(s);
    }
}
