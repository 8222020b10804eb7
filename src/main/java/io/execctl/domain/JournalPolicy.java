package io.execctl.domain;

import java.time.Duration;

/**
 * The time limits of the submission journal.
 *
 * @param claimLease       how long a fresh claim stays its owner's before its first fencing write
 *                         (time to validate, wait for a token and a rate slot); after it, another
 *                         process may take the claim over (nothing was sent)
 * @param orderCallTimeout the KIS client's whole-call timeout of an order POST
 * @param margin           added to the call timeout for the send deadline: covers a pause between
 *                         the fencing write and the request leaving the process, and clock steps
 * @param minResendAge     an UNKNOWN submission may be resent (with evidence of absence) only this
 *                         long after its last send
 * @param maxAttempts      sends of one intent at most, the first included
 */
public record JournalPolicy(
        Duration claimLease, Duration orderCallTimeout, Duration margin, Duration minResendAge, int maxAttempts) {
    public JournalPolicy {
        positive(claimLease, "claimLease");
        positive(orderCallTimeout, "orderCallTimeout");
        Checks.notNull(margin, "margin");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must be >= 0, was " + margin);
        }
        Checks.notNull(minResendAge, "minResendAge");
        if (minResendAge.isNegative()) {
            throw new IllegalArgumentException("minResendAge must be >= 0, was " + minResendAge);
        }
        Checks.positive(maxAttempts, "maxAttempts");
    }

    /**
     * Defaults: 30 s claim lease, 10 s call timeout + 5 s margin, no extra resend age, 2 attempts. The
     * evidence of absence is itself timed (an inquiry started no earlier than the send deadline plus
     * the history lag), so a minimum age on top adds no proof; the 60 s it once was kept an UNKNOWN
     * proven absent unresolved for a minute (chaos day, the 502-before-processing intent).
     */
    public static JournalPolicy defaults() {
        return new JournalPolicy(
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, 2);
    }

    /**
     * This policy with the order-call timeout set to the HTTP client's bound of one whole exchange.
     * The send deadline must never end while a POST can still be on its way to KIS: an absence proof
     * taken after a deadline shorter than the call could miss an order that is still arriving, and
     * license a second one.
     */
    public JournalPolicy withOrderCallTimeout(Duration callTimeout) {
        return new JournalPolicy(claimLease, callTimeout, margin, minResendAge, maxAttempts);
    }

    /** How far a fencing write moves the send deadline: the call timeout plus the margin. */
    public Duration sendLease() {
        return orderCallTimeout.plus(margin);
    }

    private static void positive(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }
}
