package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.kis.KisClient;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.store.PgTokenStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the configuration to the broker client: the same binary talks to real KIS, paper KIS or the
 * simulator by {@code KIS_ENV}, {@code KIS_REST_URL} and {@code KIS_WS_URL} alone. The configuration
 * produces the client's settings itself ({@link Config#kisSettings()}); nothing is mapped here. The
 * token cache is the database table, so every execctl process on the host shares one token per app key.
 */
public final class KisWiring {
    private KisWiring() {}

    /** The client's settings from a configuration that passed {@code require(Need.KIS)}. */
    public static KisSettings settings(Config config) {
        return config.kisSettings();
    }

    /** A client whose tokens and approval key are cached in {@code trade.kis_tokens}. */
    public static KisClient client(KisSettings settings, Jdbi jdbi, KisMetrics metrics) {
        return KisClient.builder(settings)
                .tokenStore(new PgTokenStore(jdbi))
                .metrics(metrics)
                .rawSink(new RestAudit(jdbi))
                .build();
    }

    /** The notice stream's settings (the HTS id must be set: {@code require(Need.KIS_NOTICES)}). */
    public static NoticeStreamSettings noticeSettings(KisSettings s) {
        return NoticeStreamSettings.from(s);
    }
}
