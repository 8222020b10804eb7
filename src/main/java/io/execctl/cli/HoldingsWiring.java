package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.engine.HoldingsCheck;
import io.execctl.engine.HoldingsCounters;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.LoggingAlerter;
import io.execctl.kis.KisClient;
import io.execctl.kis.KisMetrics;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The holdings sync as the one-shot commands run it ({@code sync holdings}, {@code diff-positions
 * --sync}): the configured client (token cache and rate budget shared with the daemon through the
 * database), the configured account, the system clock, alerts to the log.
 */
final class HoldingsWiring {
    /** Default quiet period: a symbol with order, fill or position activity this recent gets no verdict. */
    static final long DEFAULT_QUIET_SECONDS = 30;

    private HoldingsWiring() {}

    /**
     * The account id the tables use: the canonical account number {@code 12345678-01}, from the KIS
     * credentials (the configuration must satisfy {@code Need.KIS}).
     */
    static String accountId(Config config) {
        return config.kisCredentials().account().reveal();
    }

    /** Runs one holdings sync against the configured broker (configuration must satisfy {@code Need.KIS}). */
    static HoldingsSync.Result sync(Config config, Jdbi jdbi, Duration quietPeriod) {
        try (KisRuntime kis = KisWiring.open(KisWiring.settings(config), config.infra(), jdbi, KisMetrics.NOOP)) {
            KisClient client = kis.client();
            HoldingsSync sync = new HoldingsSync(
                    jdbi,
                    client::balance,
                    accountId(config),
                    Clock.systemUTC(),
                    new HoldingsCheck(quietPeriod),
                    new LoggingAlerter(),
                    new HoldingsCounters());
            return sync.run();
        }
    }

    static Duration quietPeriod(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("--quiet-period must be >= 0 seconds");
        }
        return Duration.ofSeconds(seconds);
    }
}
