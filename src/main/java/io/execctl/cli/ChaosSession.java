package io.execctl.cli;

import io.execctl.config.Setting;
import io.execctl.domain.KoreaTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The simulator session a chaos day runs in, and the order-time skew its daemons are given.
 *
 * <p>Why: an UNKNOWN submission is matched to a broker order by shape <em>and</em> by order time
 * within its send window, widened by the skew. With the simulator's default session (09:00 at start,
 * whatever the wall clock says) the window had to cover a whole day, so every same-shape HTS order of
 * the day made an UNKNOWN ambiguous, which real KIS, whose ORD_TMD is real Korea time, would not. The
 * day therefore starts the session at the wall clock's Korea time and gives the daemons a skew of a
 * few seconds (ORD_TMD's whole seconds plus the session ticker's lag on a loaded machine). A day that
 * could reach midnight (Korea) keeps the old session and the whole-day skew: the simulator would open
 * a new trading date in the middle of the day.
 */
record ChaosSession(LocalTime start, Duration skew) {
    /** The skew of a session that follows the wall clock. */
    static final Duration WALL_SKEW = Duration.ofSeconds(5);

    private static final Duration WHOLE_DAY = Duration.ofMillis(Long.parseLong(DemoCommand.SIM_ORDER_TIME_SKEW_MS));

    /** @param longest the longest the day may run (script, convergence, margin) */
    static ChaosSession of(Clock clock, Duration longest) {
        LocalTime now = clock.instant().atZone(KoreaTime.ZONE).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
        long left = Duration.between(now, LocalTime.MAX).toSeconds();
        if (left > longest.toSeconds()) {
            return new ChaosSession(now, WALL_SKEW);
        }
        return new ChaosSession(LocalTime.of(9, 0), WHOLE_DAY);
    }

    /** Whether the session follows the wall clock. */
    boolean wall() {
        return skew.equals(WALL_SKEW);
    }

    /** The daemons' settings for this session (the demo's, with this skew). */
    Map<Setting, String> daemonSettings() {
        return Map.of(
                Setting.ORDER_TIME_SKEW_MS,
                Long.toString(skew.toMillis()),
                Setting.MARKET_HOURS,
                DemoCommand.SIM_DAEMON_SETTINGS.get(Setting.MARKET_HOURS));
    }
}
