package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The two tolerances of the evidence rules, as keys because they depend on the broker, not on
 * execctl: how far a broker's order time ({@code ORD_TMD}, whole seconds, the broker's clock) may lie
 * outside our send window and still match a submission, and how long the broker's order history may
 * lag an acceptance before its silence counts as evidence of absence. A simulator whose session clock
 * is not wall time needs a skew that covers the difference (the demo sets it). The REST fills sync
 * has its own, longer window: a deficit of live fills against the broker's totals becomes an INFERRED
 * fill only after it, so a notice that is merely late is not pre-empted.
 */
public record EvidenceSettings(Duration orderTimeSkew, Duration historyLag, Duration fillInferenceLag) {
    public EvidenceSettings {
        Objects.requireNonNull(orderTimeSkew, "orderTimeSkew");
        Objects.requireNonNull(historyLag, "historyLag");
        Objects.requireNonNull(fillInferenceLag, "fillInferenceLag");
        if (orderTimeSkew.isNegative() || historyLag.isNegative() || fillInferenceLag.isNegative()) {
            throw new IllegalArgumentException("orderTimeSkew, historyLag and fillInferenceLag must be >= 0");
        }
    }

    static EvidenceSettings parse(ConfigSources src) {
        return new EvidenceSettings(
                src.value(Setting.ORDER_TIME_SKEW_MS)
                        .map(v -> Parse.millis(Setting.ORDER_TIME_SKEW_MS, v, 0, 86_400_000))
                        .orElse(Duration.ofSeconds(2)),
                src.value(Setting.HISTORY_LAG_MS)
                        .map(v -> Parse.millis(Setting.HISTORY_LAG_MS, v, 0, 3_600_000))
                        .orElse(Duration.ofSeconds(5)),
                src.value(Setting.FILL_INFERENCE_LAG_MS)
                        .map(v -> Parse.millis(Setting.FILL_INFERENCE_LAG_MS, v, 0, 3_600_000))
                        .orElse(Duration.ofSeconds(10)));
    }
}
