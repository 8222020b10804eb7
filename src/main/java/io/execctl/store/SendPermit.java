package io.execctl.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The result of a successful fencing write: {@code owner} may send attempt {@code attempt} of the
 * intent now, and the POST must be over (answered or timed out) by {@code deadline}. Outcome writes
 * name the attempt, so a late answer to a superseded attempt can never overwrite a newer one.
 */
public record SendPermit(
        UUID intentId, Incarnation owner, int attempt, Instant sentAt, Instant deadline, LocalDate tradingDate) {
    public SendPermit {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(owner, "owner");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(tradingDate, "tradingDate");
    }
}
