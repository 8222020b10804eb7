package io.execctl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The design document's retry table, corrected by ERRATA: rate limiting ({@code EGW00201} or HTTP
 * 429) 1 s, 2 s, 4 s (3 retries); gateway/5xx 2 s, 4 s, 8 s (3 retries); timeouts 5 s, 5 s (2 retries).
 * The 5xx and timeout rows apply to inquiries, token and approval calls only: an order POST that may
 * have reached KIS is never resent (its outcome is unknown and is resolved by inquiry).
 *
 * @param rateLimited schedule after {@code EGW00201}/429 (safe for orders too: KIS refused before processing)
 * @param serverError schedule after a 5xx/gateway failure (inquiries, token, approval)
 * @param timeout     schedule after a timeout or cut connection (inquiries, token, approval)
 * @param connect     schedule after a failure to connect (nothing was sent: safe for orders too)
 * @param jitter      fraction of each delay randomised, 0 ≤ jitter ≤ 1 (0.2 = ±20 %)
 */
public record BackoffTable(
        RetrySchedule rateLimited,
        RetrySchedule serverError,
        RetrySchedule timeout,
        RetrySchedule connect,
        double jitter) {

    public static final BackoffTable DEFAULT = new BackoffTable(
            RetrySchedule.exponential(Duration.ofSeconds(1), 3, Duration.ofSeconds(4)),
            RetrySchedule.exponential(Duration.ofSeconds(2), 3, Duration.ofSeconds(8)),
            RetrySchedule.linear(Duration.ofSeconds(5), 2),
            RetrySchedule.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(2)),
            0.2);

    public BackoffTable {
        Objects.requireNonNull(rateLimited, "rateLimited");
        Objects.requireNonNull(serverError, "serverError");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connect, "connect");
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new ConfigException(Setting.KIS_BACKOFF_JITTER, "must be within [0, 1]");
        }
    }
}
