package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Intervals of the daemon's loops. Defaults follow the design document's recommendations: intents are
 * announced by NOTIFY and polled only as a fallback; open orders every 5 s while any are open (30 s
 * otherwise); REST fills 5 s (3–5 s jittered; WebSocket notices carry the fast path); holdings 30 s;
 * and a 2 s sync of orders and fills while the notice WebSocket is down. {@code submitWorkers} bounds
 * the intents of distinct symbols sent at once. {@code holdingsAfterFill}: the daemon's holdings sync
 * follows committed fills after this delay instead of waiting for its cadence (zero = cadence only),
 * but starts at least {@code holdingsMinInterval} after the previous one.
 */
public record LoopSettings(
        Duration intentPoll,
        Duration unfilledSync,
        Duration unfilledIdleSync,
        Duration fillsSync,
        Duration holdingsSync,
        Duration wsDownSync,
        int submitWorkers,
        Duration holdingsAfterFill,
        Duration holdingsMinInterval) {

    /** The default {@code holdingsAfterFill}. */
    public static final Duration DEFAULT_HOLDINGS_AFTER_FILL = Duration.ofMillis(1500);
    /**
     * The default {@code holdingsMinInterval}: 2 s. A balance read is one page per 50 holdings, so at
     * most 0.5 requests/s per page under a steady stream of fills (under 3 % of the 19/s budget, and
     * orders go first in it), while the holdings follow the end of a burst within seconds (at 10 s and
     * then 5 s, the chaos day's holdings were among the last rows to converge, up to the interval
     * after the last fill).
     */
    public static final Duration DEFAULT_HOLDINGS_MIN_INTERVAL = Duration.ofSeconds(2);

    public LoopSettings {
        Objects.requireNonNull(intentPoll, "intentPoll");
        Objects.requireNonNull(unfilledSync, "unfilledSync");
        Objects.requireNonNull(unfilledIdleSync, "unfilledIdleSync");
        Objects.requireNonNull(fillsSync, "fillsSync");
        Objects.requireNonNull(holdingsSync, "holdingsSync");
        Objects.requireNonNull(wsDownSync, "wsDownSync");
        Objects.requireNonNull(holdingsAfterFill, "holdingsAfterFill");
        Objects.requireNonNull(holdingsMinInterval, "holdingsMinInterval");
        if (submitWorkers < 1) {
            throw new IllegalArgumentException("submitWorkers must be >= 1");
        }
    }

    /** With the default holdings-after-fill delay and minimum interval (1.5 s, 2 s). */
    public LoopSettings(
            Duration intentPoll,
            Duration unfilledSync,
            Duration unfilledIdleSync,
            Duration fillsSync,
            Duration holdingsSync,
            Duration wsDownSync,
            int submitWorkers) {
        this(
                intentPoll,
                unfilledSync,
                unfilledIdleSync,
                fillsSync,
                holdingsSync,
                wsDownSync,
                submitWorkers,
                DEFAULT_HOLDINGS_AFTER_FILL,
                DEFAULT_HOLDINGS_MIN_INTERVAL);
    }

    static LoopSettings parse(ConfigSources src) {
        return new LoopSettings(
                src.value(Setting.INTENT_POLL_MS)
                        .map(v -> Parse.millis(Setting.INTENT_POLL_MS, v, 50, 3_600_000))
                        .orElse(Duration.ofMillis(1000)),
                seconds(src, Setting.UNFILLED_SYNC_S, 5),
                seconds(src, Setting.UNFILLED_IDLE_SYNC_S, 30),
                seconds(src, Setting.FILLS_SYNC_S, 5),
                seconds(src, Setting.HOLDINGS_SYNC_S, 30),
                seconds(src, Setting.WS_DOWN_SYNC_S, 2),
                src.value(Setting.SUBMIT_WORKERS)
                        .map(v -> (int) Parse.integer(Setting.SUBMIT_WORKERS, v, 1, 64))
                        .orElse(4),
                src.value(Setting.HOLDINGS_AFTER_FILL_MS)
                        .map(v -> Parse.millis(Setting.HOLDINGS_AFTER_FILL_MS, v, 0, 3_600_000))
                        .orElse(DEFAULT_HOLDINGS_AFTER_FILL),
                src.value(Setting.HOLDINGS_MIN_INTERVAL_MS)
                        .map(v -> Parse.millis(Setting.HOLDINGS_MIN_INTERVAL_MS, v, 0, 3_600_000))
                        .orElse(DEFAULT_HOLDINGS_MIN_INTERVAL));
    }

    private static Duration seconds(ConfigSources src, Setting s, long def) {
        return src.value(s).map(v -> Parse.seconds(s, v, 1, 86_400)).orElse(Duration.ofSeconds(def));
    }
}
