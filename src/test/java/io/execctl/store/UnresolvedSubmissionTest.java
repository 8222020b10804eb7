package io.execctl.store;

import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where an attempt's send window starts, for the ownership rule's order-time test. */
class UnresolvedSubmissionTest {
    private static final Instant FIRST = Instant.parse("2026-12-03T00:41:35Z");
    private static final Instant RESENT = Instant.parse("2026-12-03T00:42:17Z");

    private static UnresolvedSubmission attempt(int attempts, Instant sentTs) {
        return new UnresolvedSubmission(
                UUID.randomUUID(),
                Submission.State.UNKNOWN,
                attempts,
                "900023",
                Side.BUY,
                2,
                OrderType.LMT,
                new BigDecimal("183400"),
                null,
                LocalDate.of(2026, 12, 3),
                FIRST,
                sentTs.plusSeconds(15),
                sentTs);
    }

    @Test
    void aResendsWindowStartsAtItsOwnSendAFirstAttemptsAtTheFirstSend() {
        assertThat(attempt(2, RESENT).windowFrom())
                .as("the first attempt was proven absent: an order before the resend is neither's")
                .isEqualTo(RESENT);
        assertThat(attempt(1, RESENT).windowFrom())
                .as("a first attempt retried after a refusal keeps the first send")
                .isEqualTo(FIRST);
        assertThat(attempt(2, FIRST).windowFrom()).isEqualTo(FIRST);
    }
}
