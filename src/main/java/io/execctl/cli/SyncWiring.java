package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.engine.EnginePass;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.PassReport;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.engine.sync.BrokerInquiries;
import io.execctl.engine.sync.SyncCounters;
import io.execctl.engine.sync.SyncParts;
import io.execctl.kis.KisMetrics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The REST syncs as the one-shot commands run them ({@code sync fills}, {@code sync unfilled},
 * {@code reconcile}): the configured client (token cache and rate budget shared with the daemon),
 * the configured account, the system clock.
 *
 * <p>Ownership: the one decision point ({@link PgOrderOwnership}, the configured order-time skew)
 * decides a broker order execctl does not hold — adopt, link, pending or EXTERNAL — as in the daemon.
 */
final class SyncWiring {
    /** Default history-lag window in seconds (a deficit younger than this is not inferred). */
    static final long DEFAULT_LAG_SECONDS = SyncParts.DEFAULT_HISTORY_LAG_SECONDS;

    private SyncWiring() {}

    /** Runs one pass built from the configured parts and prints its report; returns the exit code. */
    static int run(
            Config config,
            Jdbi jdbi,
            Duration historyLag,
            Function<SyncParts, EnginePass> pass,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        try (KisRuntime kis = KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, KisMetrics.NOOP)) {
            SyncParts parts = new SyncParts(
                    jdbi,
                    BrokerInquiries.of(kis.client()),
                    HoldingsWiring.accountId(config),
                    new PgOrderOwnership(
                            jdbi,
                            Clock.systemUTC(),
                            config.evidence().orderTimeSkew(),
                            new LoggingAlerter(),
                            ParkedNoticeReplay.NONE),
                    historyLag,
                    Clock.systemUTC(),
                    new SyncCounters());
            return report(pass.apply(parts).run(), out, err);
        }
    }

    /** One line; exit 0 when complete with nothing left, 4 when incomplete or items were left. */
    static int report(PassReport r, PrintWriter out, PrintWriter err) {
        if (!r.complete()) {
            err.println("execctl: " + r.pass() + " incomplete, nothing changed or judged: " + r.summary());
            err.flush();
            return ExitCodes.INCOMPLETE;
        }
        out.println(r.pass() + ": " + r.summary());
        out.flush();
        return r.unresolved() > 0 ? ExitCodes.UNRESOLVED : ExitCodes.OK;
    }

    static Duration lag(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("--history-lag must be >= 0 seconds");
        }
        return Duration.ofSeconds(seconds);
    }
}
