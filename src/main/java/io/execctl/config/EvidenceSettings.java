package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The two tolerances of the evidence rules, as keys because they depend on the broker, not on
 * execctl: how far a broker's order time ({@code ORD_TMD}, whole seconds, the broker's clock) may lie
 * outside our send window and still match a submission, and how long the broker's order history may
 * lag an acceptance before its silence counts as evidence of absence. A simulator whose session clock
 * is not wall time needs a skew that covers the difference (the demo sets it).
 */
public record EvidenceSettings(Duration orderTimeSkew, Duration historyLag) {
    public EvidenceSettings {
        Objects.requireNonNull(orderTimeSkew, "orderTimeSkew");
        Objects.requireNonNull(historyLag, "historyLag");
        if (orderTimeSkew.isNegative() || historyLag.isNegative()) {
            throw new IllegalArgumentException("orderTimeSkew and historyLag must be >= 0");
        }
    }

    static EvidenceSettings parse(ConfigSources src) {
        return new EvidenceSettings(
                src.value(Setting.ORDER_TIME_SKEW_MS)
                        .map(v -> Parse.millis(Setting.ORDER_TIME_SKEW_MS, v, 0, 86_400_000))
                        .orElse(Duration.ofSeconds(2)),
                src.value(Setting.HISTORY_LAG_MS)
                        .map(v -> Parse.millis(Setting.HISTORY_LAG_MS, v, 0, 3_600_000))
                        .orElse(Duration.ofSeconds(5)));
    }
}
