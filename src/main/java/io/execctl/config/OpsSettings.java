package io.execctl.config;

import io.execctl.domain.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the process reports to operators: the metrics server's port (and where a hot standby on the
 * same host goes when the port is taken) and the alert webhook. The webhook URL is a secret (Slack's
 * URL is its own credential): it is kept as a {@link Secret} and never printed.
 *
 * @param metricsPort         0 = no metrics server
 * @param metricsFallbackPort tried when {@code metricsPort} is busy, before the next free ports
 * @param alertWebhookUrl     Slack-compatible incoming-webhook URL; empty = alerts go to the log only
 */
public record OpsSettings(int metricsPort, OptionalInt metricsFallbackPort, Optional<Secret> alertWebhookUrl) {
    public static final int DEFAULT_METRICS_PORT = 9464;

    public OpsSettings {
        Objects.requireNonNull(metricsFallbackPort, "metricsFallbackPort");
        Objects.requireNonNull(alertWebhookUrl, "alertWebhookUrl");
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new IllegalArgumentException("metricsPort out of range: " + metricsPort);
        }
    }

    static OpsSettings parse(ConfigSources src) {
        int port = src.value(Setting.METRICS_PORT)
                .map(v -> (int) Parse.integer(Setting.METRICS_PORT, v, 0, 65_535))
                .orElse(DEFAULT_METRICS_PORT);
        OptionalInt fallback = src.value(Setting.METRICS_FALLBACK_PORT)
                .map(v -> OptionalInt.of((int) Parse.integer(Setting.METRICS_FALLBACK_PORT, v, 1, 65_535)))
                .orElse(OptionalInt.empty());
        Optional<Secret> webhook = src.value(Setting.ALERT_WEBHOOK_URL).map(OpsSettings::webhookUrl);
        return new OpsSettings(port, fallback, webhook);
    }

    private static Secret webhookUrl(String v) {
        try {
            URI uri = new URI(v.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
                throw new ConfigException(Setting.ALERT_WEBHOOK_URL, "must be an http(s) URL with a host");
            }
            return Secret.of(uri.toString());
        } catch (URISyntaxException e) {
            // the value itself is a secret: never echoed
            throw new ConfigException(Setting.ALERT_WEBHOOK_URL, "is not a valid URL");
        }
    }
}
